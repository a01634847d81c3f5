/**
 * Hypotheses: suspected spaces that may not exist. Each shows its prior P(exists), what it is now (moved by
 * evidence and by searches for the space), its share of the probability and whether it was settled.
 * Coordinators and analysts add one with its prior, correct a prior with a reason, or settle it.
 */
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LevelSummary } from "../../api/client";
import { type Hypothesis, searchApi } from "../../api/search";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { usePercent } from "./format";

/** A probability typed as 0.3, 0,3 or 30 %. */
export function parseProbability(text: string): number | null {
  const cleaned = text
    .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x0660))
    .replace(",", ".")
    .trim();
  const percent = cleaned.endsWith("%") || cleaned.endsWith("٪");
  const value = Number(percent ? cleaned.slice(0, -1) : cleaned);
  if (!Number.isFinite(value)) return null;
  const p = percent || value > 1 ? value / 100 : value;
  return p > 0 && p <= 1 ? p : null;
}

function ChangePrior({
  siteId,
  hypothesis,
  onDone,
}: {
  siteId: string;
  hypothesis: Hypothesis;
  onDone(changed: boolean): void;
}) {
  const { t } = useTranslation();
  const [prior, setPrior] = useState(String(hypothesis.pExistsPrior));
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [invalid, setInvalid] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const pExists = parseProbability(prior);
    setInvalid(pExists === null);
    if (pExists === null) return;
    try {
      await searchApi.changeHypothesis(siteId, hypothesis.segmentId, { pExists, reason: reason.trim() });
      onDone(true);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form className="stack" onSubmit={submit}>
      <Field label={t("search.hypotheses.prior")} hint={t("search.hypotheses.priorHint")}>
        <input
          value={prior}
          onChange={(e) => setPrior(e.target.value)}
          inputMode="decimal"
          dir="ltr"
          required
          aria-invalid={invalid}
        />
      </Field>
      {invalid && <p className="error-message">{t("search.hypotheses.priorInvalid")}</p>}
      <Field label={t("search.hypotheses.reason")}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </Field>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function Settle({
  siteId,
  hypothesis,
  onDone,
}: {
  siteId: string;
  hypothesis: Hypothesis;
  onDone(changed: boolean): void;
}) {
  const { t } = useTranslation();
  const [exists, setExists] = useState<"yes" | "no">("no");
  const [reason, setReason] = useState("");
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      await searchApi.resolveHypothesis(siteId, hypothesis.segmentId, exists === "yes", reason.trim());
      onDone(true);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form className="stack" onSubmit={submit}>
      <Field label={t("search.hypotheses.settle.label")}>
        <select value={exists} onChange={(e) => setExists(e.target.value as "yes" | "no")}>
          <option value="yes">{t("search.hypotheses.settle.exists")}</option>
          <option value="no">{t("search.hypotheses.settle.doesNotExist")}</option>
        </select>
      </Field>
      <Field label={t("search.hypotheses.reason")}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </Field>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary">
          {t("common.save")}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

function AddHypothesis({
  siteId,
  levels,
  onDone,
}: {
  siteId: string;
  levels: readonly LevelSummary[];
  onDone(changed: boolean): void;
}) {
  const { t } = useTranslation();
  const [label, setLabel] = useState("");
  const [levelId, setLevelId] = useState("");
  const [prior, setPrior] = useState("0.5");
  const [area, setArea] = useState("");
  const [reason, setReason] = useState("");
  const [invalid, setInvalid] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const pExists = parseProbability(prior);
    setInvalid(pExists === null);
    if (pExists === null) return;
    const areaM2 = Number(area.replace(",", "."));
    try {
      await searchApi.addHypothesis(siteId, {
        label: label.trim(),
        levelId: levelId || null,
        pExists,
        ...(area.trim() && areaM2 > 0 ? { areaM2 } : {}),
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      onDone(true);
    } catch (caught) {
      setError(caught);
    }
  };
  return (
    <form className="stack" onSubmit={submit} aria-labelledby="hypothesis-form-title">
      <h3 id="hypothesis-form-title">{t("search.hypotheses.add")}</h3>
      <Field label={t("search.hypotheses.label")}>
        <input value={label} onChange={(e) => setLabel(e.target.value)} required maxLength={200} />
      </Field>
      <Field label={t("search.hypotheses.level")}>
        <select value={levelId} onChange={(e) => setLevelId(e.target.value)}>
          <option value="">{t("search.hypotheses.noLevel")}</option>
          {levels.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
      </Field>
      <div className="field-row">
        <Field label={t("search.hypotheses.prior")} hint={t("search.hypotheses.priorHint")}>
          <input
            value={prior}
            onChange={(e) => setPrior(e.target.value)}
            inputMode="decimal"
            dir="ltr"
            required
            aria-invalid={invalid}
          />
        </Field>
        <Field label={t("search.hypotheses.area")}>
          <input value={area} onChange={(e) => setArea(e.target.value)} inputMode="decimal" dir="ltr" />
        </Field>
      </div>
      {invalid && <p className="error-message">{t("search.hypotheses.priorInvalid")}</p>}
      <Field label={t("search.hypotheses.reason")}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} />
      </Field>
      <p className="hint muted">{t("search.hypotheses.drawHint")}</p>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary">
          {t("search.hypotheses.addSubmit")}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export function HypothesisPanel({
  siteId,
  canWrite,
  hypotheses,
  loadError,
  levels,
  onChanged,
}: {
  siteId: string;
  canWrite: boolean;
  hypotheses: readonly Hypothesis[];
  loadError: unknown;
  levels: readonly LevelSummary[];
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const percent = usePercent();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<{ id: string; what: "prior" | "settle" } | null>(null);
  const levelNames = new Map(levels.map((l) => [l.id, l.name]));
  const done = (changed: boolean) => {
    setAdding(false);
    setEditing(null);
    if (changed) onChanged();
  };
  return (
    <div className="stack hypothesis-panel">
      <div className="panel-heading">
        <h2>{t("search.hypotheses.title")}</h2>
        {canWrite && !adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            {t("search.hypotheses.add")}
          </button>
        )}
      </div>
      <p className="muted">{t("search.hypotheses.intro")}</p>
      {adding && <AddHypothesis siteId={siteId} levels={levels} onDone={done} />}
      {loadError ? <ErrorMessage error={loadError} /> : null}
      {hypotheses.length === 0 && <p className="muted">{t("search.hypotheses.none")}</p>}
      <ul className="hypothesis-list">
        {hypotheses.map((h) => (
          <li key={h.segmentId} data-segment-id={h.segmentId}>
            <p>
              <strong>
                <bdi>{h.label ?? h.segmentId}</bdi>
              </strong>
              {h.levelId && !(h.label ?? "").includes(levelNames.get(h.levelId) ?? "\u0000") && (
                <span className="muted">
                  {" · "}
                  <bdi>{levelNames.get(h.levelId) ?? ""}</bdi>
                </span>
              )}
            </p>
            <dl className="hypothesis-figures">
              <div>
                <dt>{t("search.hypotheses.prior")}</dt>
                <dd data-figure="prior">{percent(h.pExistsPrior)}</dd>
              </div>
              <div>
                <dt>{t("search.hypotheses.now")}</dt>
                <dd data-figure="p-exists">{percent(h.pExists)}</dd>
              </div>
              <div>
                <dt>{t("search.hypotheses.poa")}</dt>
                <dd>{percent(h.poa)}</dd>
              </div>
            </dl>
            <p className="muted">
              {h.resolved === null
                ? t("search.hypotheses.open")
                : h.resolved
                  ? t("search.hypotheses.settle.exists")
                  : t("search.hypotheses.settle.doesNotExist")}
              {h.isSpace ? ` · ${t("search.hypotheses.onPlan")}` : ""}
            </p>
            {canWrite &&
              (editing?.id === h.segmentId ? (
                editing.what === "prior" ? (
                  <ChangePrior siteId={siteId} hypothesis={h} onDone={done} />
                ) : (
                  <Settle siteId={siteId} hypothesis={h} onDone={done} />
                )
              ) : (
                <div className="actions">
                  <button type="button" onClick={() => setEditing({ id: h.segmentId, what: "prior" })}>
                    {t("search.hypotheses.changePrior")}
                  </button>
                  {h.resolved === null && (
                    <button type="button" onClick={() => setEditing({ id: h.segmentId, what: "settle" })}>
                      {t("search.hypotheses.settle.open")}
                    </button>
                  )}
                </div>
              ))}
          </li>
        ))}
      </ul>
    </div>
  );
}
