/**
 * The result report of one assignment, opened by a quick outcome button with everything prefilled: effort
 * (minutes since the team pressed start, else the planned minutes), the ASR level the assignment asks for,
 * the one segment when there is one. Saving puts the report (and its photos) in the outbox; the key that
 * makes it idempotent is made once, when the form opens, and never changes afterwards.
 *
 * The checks are the server's (packages/db/src/repositories/field-reports.ts), so that a report made offline
 * is not refused later: people found needs a count, a barrier a description, a hazard a name, several
 * segments need "where", and a suspected space searched with a void-detecting method needs "void found?".
 */
import { type FormEvent, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  type Assignment,
  type CapabilityCatalogue,
  REPORT_OUTCOMES,
  type ReportInput,
  type ReportOutcome,
  type Triage,
} from "../../api/operations";
import { Field } from "../../components/Field";
import { newKey } from "../../offline/keys";
import { useOpsLabels } from "./labels";

/** The server's upload limit. */
const MAX_PHOTO_BYTES = 25 * 1024 * 1024;
const ASR_LEVELS = [1, 2, 3, 4, 5] as const;
type AsrLevel = (typeof ASR_LEVELS)[number];
const TRIAGES: readonly Triage[] = ["A", "B", "C", "D"];

export interface SavedReport {
  input: ReportInput;
  photos: File[];
}

const splitHazards = (text: string): string[] =>
  text
    .split(/[\n,،]/)
    .map((h) => h.trim())
    .filter(Boolean);

const minutesSince = (iso: string | null): number | null => {
  if (!iso) return null;
  const ms = Date.now() - Date.parse(iso);
  return Number.isFinite(ms) && ms > 0 ? Math.max(1, Math.round(ms / 60_000)) : null;
};

export function ReportForm({
  assignment,
  catalogue,
  startedAt,
  initialOutcome,
  onSave,
  onCancel,
}: {
  assignment: Assignment;
  catalogue: CapabilityCatalogue | null;
  /** When the team started (pressed start), if it did. */
  startedAt: string | null;
  initialOutcome: ReportOutcome;
  onSave(report: SavedReport): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const labels = useOpsLabels();
  const formId = useId();
  const [key] = useState(newKey);
  const [outcome, setOutcome] = useState<ReportOutcome>(initialOutcome);
  const [effort, setEffort] = useState(() =>
    String(Math.min(24 * 60, minutesSince(startedAt) ?? assignment.plannedMinutes)),
  );
  const [asr, setAsr] = useState<AsrLevel>(
    (ASR_LEVELS as readonly number[]).includes(assignment.asrTarget) ? (assignment.asrTarget as AsrLevel) : 3,
  );
  const single = assignment.segments.length === 1 ? (assignment.segments[0]?.segmentId ?? null) : null;
  const [where, setWhere] = useState<string>(single ?? "");
  const [live, setLive] = useState("0");
  const [deceased, setDeceased] = useState("0");
  const [condition, setCondition] = useState("");
  const [barrier, setBarrier] = useState("");
  const [hazards, setHazards] = useState("");
  const [notes, setNotes] = useState("");
  const [triage, setTriage] = useState<Triage | "">("");
  const [noFurtherWork, setNoFurtherWork] = useState(false);
  const [notSearched, setNotSearched] = useState<ReadonlySet<string>>(new Set());
  const [voids, setVoids] = useState<Record<string, "found" | "not_found">>({});
  const [photos, setPhotos] = useState<File[]>([]);
  const [problems, setProblems] = useState<string[]>([]);
  const [saving, setSaving] = useState(false);

  // Suspected spaces (hypotheses) searched with a method that can show a void: the server needs the answer.
  const voidSegments = useMemo(() => {
    const method = catalogue?.methods.find((m) => m.id === assignment.methodId);
    if (!method || method.sweepRate.void === undefined) return [];
    return assignment.segments.filter((s) => s.kind === "hypothesis");
  }, [catalogue, assignment]);

  const needsWhere =
    assignment.segments.length > 1 &&
    (outcome === "people_found" || outcome === "alert" || outcome === "barrier_met" || outcome === "hazard");

  const check = (): string[] => {
    const found: string[] = [];
    const minutes = Number(effort);
    if (!Number.isFinite(minutes) || minutes < 0 || minutes > 24 * 60)
      found.push(t("operations.report.check.effort"));
    if (outcome === "people_found" && Number(live) + Number(deceased) < 1)
      found.push(t("operations.report.check.people"));
    if (outcome === "barrier_met" && barrier.trim() === "") found.push(t("operations.report.check.barrier"));
    if (outcome === "hazard" && splitHazards(hazards).length === 0)
      found.push(t("operations.report.check.hazard"));
    if (needsWhere && where === "" && outcome !== "hazard") found.push(t("operations.report.check.where"));
    for (const segment of voidSegments)
      if (
        !notSearched.has(segment.segmentId) &&
        !voids[segment.segmentId] &&
        !(outcome === "alert" && where === segment.segmentId)
      )
        found.push(t("operations.report.check.void", { label: segment.label }));
    if (photos.some((p) => p.size > MAX_PHOTO_BYTES)) found.push(t("operations.report.check.photoSize"));
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setProblems(found);
    if (found.length > 0) return;
    const searched = assignment.segments.filter((s) => !notSearched.has(s.segmentId));
    const input: ReportInput = {
      idempotencyKey: key,
      outcome,
      effortMinutes: Number(effort),
      startedAt,
      endedAt: new Date().toISOString(),
      conditions: "",
      segmentId: where === "" ? null : where,
      people:
        outcome === "people_found"
          ? { live: Number(live), deceased: Number(deceased), condition: condition.trim() }
          : null,
      barrier: outcome === "barrier_met" ? { openingId: null, description: barrier.trim() } : null,
      hazards: splitHazards(hazards),
      asr: searched.map((s) => ({ segmentId: s.segmentId, level: asr })),
      notSearched: [...notSearched],
      voids: Object.fromEntries(Object.entries(voids).filter(([id]) => !notSearched.has(id))),
      triage: triage === "" ? null : triage,
      noFurtherWork,
      notes: notes.trim(),
    };
    setSaving(true);
    try {
      await onSave({ input, photos });
    } catch {
      setProblems([t("operations.report.check.notSaved")]);
    } finally {
      setSaving(false);
    }
  };

  const count = (value: string, set: (v: string) => void) => (
    <input
      type="number"
      inputMode="numeric"
      min={0}
      max={10000}
      value={value}
      onChange={(e) => set(e.target.value)}
      dir="ltr"
    />
  );

  return (
    <form className="report-form stack" onSubmit={submit} aria-labelledby={`${formId}-title`}>
      <h4 id={`${formId}-title`}>{t("operations.report.title")}</h4>
      <fieldset className="outcome-choice">
        <legend>{t("operations.report.outcome")}</legend>
        {REPORT_OUTCOMES.map((o) => (
          <label key={o} className={`outcome-option outcome-${o}`}>
            <input
              type="radio"
              name={`${formId}-outcome`}
              value={o}
              checked={outcome === o}
              onChange={() => setOutcome(o)}
            />
            {labels.outcome(o)}
          </label>
        ))}
      </fieldset>

      {needsWhere && (
        <Field label={t("operations.report.where")}>
          <select value={where} onChange={(e) => setWhere(e.target.value)}>
            <option value="">{t("operations.report.whereChoose")}</option>
            {assignment.segments.map((s) => (
              <option key={s.segmentId} value={s.segmentId}>
                {s.worksiteId ? `${s.worksiteId} · ${s.label}` : s.label}
              </option>
            ))}
          </select>
        </Field>
      )}

      {outcome === "people_found" && (
        <fieldset className="stack">
          <legend>{t("operations.report.people")}</legend>
          <div className="field-row">
            <Field label={t("operations.report.live")}>{count(live, setLive)}</Field>
            <Field label={t("operations.report.deceased")}>{count(deceased, setDeceased)}</Field>
          </div>
          <Field label={t("operations.report.condition")} hint={t("operations.report.conditionHint")}>
            <textarea rows={2} value={condition} onChange={(e) => setCondition(e.target.value)} />
          </Field>
        </fieldset>
      )}

      {outcome === "barrier_met" && (
        <Field label={t("operations.report.barrier")} hint={t("operations.report.barrierHint")}>
          <textarea rows={2} value={barrier} onChange={(e) => setBarrier(e.target.value)} />
        </Field>
      )}

      <Field
        label={outcome === "hazard" ? t("operations.report.hazardsRequired") : t("operations.report.hazards")}
        hint={t("operations.report.hazardsHint")}
      >
        <textarea
          rows={outcome === "hazard" ? 2 : 1}
          value={hazards}
          onChange={(e) => setHazards(e.target.value)}
        />
      </Field>

      <div className="field-row">
        <Field label={t("operations.report.effort")} hint={t("operations.report.effortHint")}>
          <input
            type="number"
            inputMode="numeric"
            min={0}
            max={1440}
            value={effort}
            onChange={(e) => setEffort(e.target.value)}
            dir="ltr"
          />
        </Field>
        <Field label={t("operations.report.asr")} hint={t("operations.report.asrHint")}>
          <select value={asr} onChange={(e) => setAsr(Number(e.target.value) as AsrLevel)}>
            {ASR_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`operations.asr.${level}`)}
              </option>
            ))}
          </select>
        </Field>
      </div>

      {voidSegments.length > 0 && (
        <fieldset className="stack">
          <legend>{t("operations.report.voids")}</legend>
          {voidSegments.map((s) => (
            <Field key={s.segmentId} label={s.label}>
              <select
                value={voids[s.segmentId] ?? ""}
                onChange={(e) =>
                  setVoids((v) => {
                    const next = { ...v };
                    if (e.target.value === "found" || e.target.value === "not_found")
                      next[s.segmentId] = e.target.value;
                    else delete next[s.segmentId];
                    return next;
                  })
                }
              >
                <option value="">{t("operations.report.voidUnknown")}</option>
                <option value="found">{t("operations.report.voidFound")}</option>
                <option value="not_found">{t("operations.report.voidNotFound")}</option>
              </select>
            </Field>
          ))}
        </fieldset>
      )}

      {assignment.segments.length > 1 && (
        <fieldset>
          <legend>{t("operations.report.notSearched")}</legend>
          {assignment.segments.map((s) => (
            <label key={s.segmentId} className="checkbox">
              <input
                type="checkbox"
                checked={notSearched.has(s.segmentId)}
                onChange={(e) =>
                  setNotSearched((current) => {
                    const next = new Set(current);
                    if (e.target.checked) next.add(s.segmentId);
                    else next.delete(s.segmentId);
                    return next;
                  })
                }
              />
              <bdi>{s.label}</bdi>
            </label>
          ))}
        </fieldset>
      )}

      <details className="report-more">
        <summary>{t("operations.report.more")}</summary>
        <div className="stack">
          <Field label={t("operations.report.triage")} hint={t("operations.report.triageHint")}>
            <select value={triage} onChange={(e) => setTriage(e.target.value as Triage | "")}>
              <option value="">{t("operations.report.triageAuto")}</option>
              {TRIAGES.map((category) => (
                <option key={category} value={category}>
                  {t(`operations.triage.${category}`)}
                </option>
              ))}
            </select>
          </Field>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={noFurtherWork}
              onChange={(e) => setNoFurtherWork(e.target.checked)}
            />
            {t("operations.report.noFurtherWork")}
          </label>
        </div>
      </details>

      <Field label={t("operations.report.notes")}>
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </Field>

      <div className="photo-field">
        <label className="button-like">
          {t("operations.report.photo")}
          <input
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            className="visually-hidden"
            onChange={(e) => {
              const chosen = [...(e.target.files ?? [])];
              setPhotos((current) => [...current, ...chosen]);
              e.target.value = "";
            }}
          />
        </label>
        {photos.length > 0 && (
          <ul className="photo-list">
            {photos.map((photo, index) => (
              <li key={`${photo.name}-${photo.lastModified}-${photo.size}`}>
                <bdi>{photo.name}</bdi>{" "}
                <button
                  type="button"
                  className="link-button"
                  onClick={() => setPhotos((current) => current.filter((_, i) => i !== index))}
                >
                  {t("operations.report.removePhoto")}
                </button>
              </li>
            ))}
          </ul>
        )}
        <p className="hint">
          {photos.length === 0
            ? t("operations.report.photoNone")
            : t("operations.report.photoHint", { count: photos.length })}
        </p>
      </div>

      {problems.length > 0 && (
        <div className="error-message" role="alert">
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      )}

      <div className="actions report-actions">
        <button type="submit" className="primary big" disabled={saving}>
          {t("operations.report.save")}
        </button>
        <button type="button" onClick={onCancel} disabled={saving}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
