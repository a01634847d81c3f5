/**
 * The claims of a site, newest first, each with what it does now (counted and how much it moves the odds,
 * an echo counted once, or refuted), where it is, its grade and status, its source and relays, and a
 * warning when it may be an echo of an earlier claim (same source, or passed on by it). Coordinators and
 * analysts record new claims (EvidenceForm), review a claim's status and grade with a reason, and link echoes.
 */
import type { Point, Space } from "@athar/core";
import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import type { LevelSummary } from "../../api/client";
import {
  CREDIBILITIES,
  type Credibility,
  type Evidence,
  type Hypothesis,
  RELIABILITIES,
  type Reliability,
  searchApi,
  VERIFICATION_STATUSES,
  type VerificationStatus,
} from "../../api/search";
import { ErrorMessage } from "../../components/ErrorMessage";
import { Field } from "../../components/Field";
import { useFormat } from "../../i18n/format";
import { EvidenceForm } from "./EvidenceForm";

function Review({
  siteId,
  item,
  onDone,
}: {
  siteId: string;
  item: Evidence;
  onDone(changed: boolean): void;
}) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<VerificationStatus>(item.status);
  const [reliability, setReliability] = useState<Reliability>(item.grade.reliability);
  const [credibility, setCredibility] = useState<Credibility>(item.grade.credibility);
  const [reason, setReason] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const changes: Parameters<typeof searchApi.changeEvidence>[2] = {};
    if (status !== item.status) changes.status = status;
    if (reliability !== item.grade.reliability || credibility !== item.grade.credibility)
      changes.grade = { reliability, credibility };
    if (Object.keys(changes).length === 0) return onDone(false);
    setBusy(true);
    setError(null);
    try {
      await searchApi.changeEvidence(siteId, item.id, changes, reason.trim());
      onDone(true);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="stack review-form" onSubmit={submit}>
      <Field label={t("search.evidence.status")}>
        <select value={status} onChange={(e) => setStatus(e.target.value as VerificationStatus)}>
          {VERIFICATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`search.statuses.${s}`)}
            </option>
          ))}
        </select>
      </Field>
      <div className="field-row">
        <Field label={t("search.grade.reliability")}>
          <select value={reliability} onChange={(e) => setReliability(e.target.value as Reliability)}>
            {RELIABILITIES.map((r) => (
              <option key={r} value={r}>
                {r} — {t(`search.grade.reliabilities.${r}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("search.grade.credibility")}>
          <select value={credibility} onChange={(e) => setCredibility(Number(e.target.value) as Credibility)}>
            {CREDIBILITIES.map((c) => (
              <option key={c} value={c}>
                {c} — {t(`search.grade.credibilities.${c}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>
      <Field label={t("search.evidence.review.reason")}>
        <input value={reason} onChange={(e) => setReason(e.target.value)} required />
      </Field>
      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {t("common.save")}
        </button>
        <button type="button" onClick={() => onDone(false)}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}

export function EvidencePanel({
  siteId,
  canWrite,
  evidence,
  loadError,
  levelId,
  levels,
  spaces,
  hypotheses,
  selectedSegmentId,
  pickedPoint,
  picking,
  onPick,
  onClearPoint,
  onChanged,
}: {
  siteId: string;
  canWrite: boolean;
  evidence: readonly Evidence[];
  loadError: unknown;
  levelId: string | null;
  levels: readonly LevelSummary[];
  spaces: readonly Space[];
  hypotheses: readonly Hypothesis[];
  selectedSegmentId: string | null;
  pickedPoint: { levelId: string; point: Point } | null;
  picking: boolean;
  onPick(): void;
  onClearPoint(): void;
  onChanged(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [adding, setAdding] = useState(false);
  const [reviewing, setReviewing] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [linkError, setLinkError] = useState<unknown>(null);
  const numberOf = new Map(evidence.map((e) => [e.id, e.number]));
  const levelNames = new Map(levels.map((l) => [l.id, l.name]));
  const spaceNames = new Map(spaces.map((s) => [s.id, s.name]));

  const whereOf = (item: Evidence): string => {
    if (item.target.levelId)
      return t("search.evidence.wholeLevel", { level: levelNames.get(item.target.levelId) ?? "" });
    if (item.target.siteId) return t("search.evidence.wholeSite");
    const name = item.target.segmentId ? spaceNames.get(item.target.segmentId) : undefined;
    if (name) return name;
    const level = item.segment.levelId ? levelNames.get(item.segment.levelId) : undefined;
    return item.segment.label ?? level ?? item.target.segmentId ?? "";
  };

  const linkEcho = async (item: Evidence, original: string) => {
    setLinkError(null);
    try {
      await searchApi.changeEvidence(
        siteId,
        item.id,
        { echoOf: original },
        t("search.evidence.echo.linkReason", { number: numberOf.get(original) ?? 0 }),
      );
      onChanged();
    } catch (caught) {
      setLinkError(caught);
    }
  };

  return (
    <div className="stack evidence-panel">
      <div className="panel-heading">
        <h2>{t("search.evidence.title")}</h2>
        {canWrite && !adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            {t("search.evidence.add")}
          </button>
        )}
      </div>
      {notice && (
        <p className="notice success" role="status">
          {notice}
        </p>
      )}
      {adding && (
        <EvidenceForm
          siteId={siteId}
          levelId={levelId}
          levelName={levels.find((l) => l.id === levelId)?.name ?? null}
          spaces={spaces}
          hypotheses={hypotheses}
          evidence={evidence}
          selectedSegmentId={selectedSegmentId}
          pickedPoint={pickedPoint}
          picking={picking}
          onPick={onPick}
          onClearPoint={onClearPoint}
          onSaved={(saved) => {
            setAdding(false);
            onClearPoint();
            setNotice(t("search.evidence.saved", { number: saved.number }));
            onChanged();
          }}
          onCancel={() => {
            setAdding(false);
            onClearPoint();
          }}
        />
      )}
      {loadError ? <ErrorMessage error={loadError} /> : null}
      {linkError ? <ErrorMessage error={linkError} /> : null}
      {evidence.length === 0 && !adding && <p className="muted">{t("search.evidence.none")}</p>}
      <ol className="evidence-list" reversed>
        {[...evidence].reverse().map((item) => (
          <li
            key={item.id}
            data-evidence-id={item.id}
            className={`evidence-item ${item.counted ? "counted" : "not-counted"}`}
          >
            <div className="evidence-head">
              <span className="evidence-number">
                {t("search.evidence.numbered", { number: item.number })}
              </span>
              <strong>{t(`search.kinds.${item.kind}`)}</strong>
              <span
                className="grade-badge"
                title={t("search.grade.meaning", {
                  reliability: t(`search.grade.reliabilities.${item.grade.reliability}`),
                  credibility: t(`search.grade.credibilities.${item.grade.credibility}`),
                })}
              >
                {item.grade.reliability}
                {item.grade.credibility}
              </span>
              <span className={`status-badge status-${item.status}`}>
                {t(`search.statuses.${item.status}`)}
              </span>
            </div>
            <p className="evidence-where">
              <bdi>{whereOf(item)}</bdi>
              {item.target.about === "existence" && ` · ${t("search.evidence.about.existenceShort")}`}
              {item.assertion === "absent" && ` · ${t("search.evidence.assertion.absentShort")}`}
            </p>
            {item.summary && (
              <p>
                <bdi>{item.summary}</bdi>
              </p>
            )}
            <p className="muted evidence-source">
              {t("search.evidence.sourceLine", { source: item.reportedBy })}
              {item.reportedThrough.length > 0 &&
                ` · ${t("search.evidence.relaysLine", { relays: item.reportedThrough.join(" ← ") })}`}
              {item.observedAt &&
                ` · ${t("search.evidence.observedLine", { at: format.dateTime(item.observedAt) })}`}
            </p>
            <p className="evidence-effect">
              {item.note === "echo"
                ? t("search.evidence.effect.echo", { number: numberOf.get(item.countedAs) ?? 0 })
                : item.note === "refuted" || !item.used
                  ? t("search.evidence.effect.refuted")
                  : t("search.evidence.effect.counted", {
                      factor: format.number(item.used.oddsFactor, 2),
                      grade: item.used.grade ?? "—",
                    })}
            </p>
            {item.statusReason && (
              <p className="muted">{t("search.evidence.reasonLine", { reason: item.statusReason })}</p>
            )}
            {item.possibleEchoOf.length > 0 && (
              <div className="notice echo-warning">
                <p>
                  {t("search.evidence.echo.possible", {
                    numbers: item.possibleEchoOf
                      .map((id) => t("search.evidence.numbered", { number: numberOf.get(id) ?? 0 }))
                      .join(t("common.listSeparator")),
                  })}
                </p>
                {canWrite &&
                  item.possibleEchoOf.map((id) => (
                    <button key={id} type="button" onClick={() => void linkEcho(item, id)}>
                      {t("search.evidence.echo.link", { number: numberOf.get(id) ?? 0 })}
                    </button>
                  ))}
              </div>
            )}
            {canWrite &&
              (reviewing === item.id ? (
                <Review
                  siteId={siteId}
                  item={item}
                  onDone={(changed) => {
                    setReviewing(null);
                    if (changed) onChanged();
                  }}
                />
              ) : (
                <button type="button" onClick={() => setReviewing(item.id)}>
                  {t("search.evidence.review.open")}
                </button>
              ))}
          </li>
        ))}
      </ol>
    </div>
  );
}
