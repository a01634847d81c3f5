/**
 * A graded claim: its kind; where (a space or hypothesis from the list, the space selected on the plan, or
 * a point picked on the plan); when; the source (a pseudonym, never a real name) and who passed it on; the
 * Admiralty grade as two independent choices (source reliability A–F and information credibility 1–6, each
 * with its meaning); the verification status with its reason; whether it says people are there or not.
 */
import type { Point, Space } from "@athar/core";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  CREDIBILITIES,
  type Credibility,
  EVIDENCE_KINDS,
  type Evidence,
  type EvidenceInput,
  type EvidenceKind,
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

/** Choices of the place list that are not segments: a whole level (its id follows) or the whole site. */
const WHOLE_LEVEL = "level:";
const WHOLE_SITE = "site";

/** "a, b، c" → ["a", "b", "c"]: relays in the order the claim passed through them. */
export const splitList = (text: string): string[] =>
  text
    .split(/[,،;\n]/)
    .map((part) => part.trim())
    .filter((part) => part.length > 0);

export function EvidenceForm({
  siteId,
  levelId,
  levelName,
  spaces,
  hypotheses,
  evidence,
  selectedSegmentId,
  pickedPoint,
  picking,
  onPick,
  onClearPoint,
  onSaved,
  onCancel,
}: {
  siteId: string;
  levelId: string | null;
  levelName: string | null;
  spaces: readonly Space[];
  hypotheses: readonly Hypothesis[];
  evidence: readonly Evidence[];
  selectedSegmentId: string | null;
  pickedPoint: { levelId: string; point: Point } | null;
  picking: boolean;
  onPick(): void;
  onClearPoint(): void;
  onSaved(saved: Evidence): void;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const [kind, setKind] = useState<EvidenceKind>("testimony");
  const [segmentId, setSegmentId] = useState<string>(selectedSegmentId ?? "");
  const [about, setAbout] = useState<"subjects" | "existence">("subjects");
  const [observedAt, setObservedAt] = useState("");
  const [reportedBy, setReportedBy] = useState("");
  const [relays, setRelays] = useState("");
  const [echoOf, setEchoOf] = useState("");
  const [originRef, setOriginRef] = useState("");
  const [reliability, setReliability] = useState<Reliability>("F");
  const [credibility, setCredibility] = useState<Credibility>(6);
  const [status, setStatus] = useState<VerificationStatus>("unverified");
  const [statusReason, setStatusReason] = useState("");
  const [assertion, setAssertion] = useState<"present" | "absent">("present");
  const [summary, setSummary] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  // A space selected on the plan (or in the table) becomes the place of the claim.
  useEffect(() => {
    if (selectedSegmentId) setSegmentId(selectedSegmentId);
  }, [selectedSegmentId]);

  const usingPoint = pickedPoint !== null && pickedPoint.levelId === levelId;
  const levelSpaces = [...spaces].sort((a, b) =>
    a.name.localeCompare(b.name, format.locale, { numeric: true }),
  );
  const isHypothesis = hypotheses.some((h) => h.segmentId === segmentId);
  const needsReason = status !== "unverified";

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    const where: EvidenceInput["where"] = usingPoint
      ? { levelId: pickedPoint.levelId, x: pickedPoint.point[0], y: pickedPoint.point[1] }
      : segmentId === WHOLE_SITE
        ? { site: true }
        : segmentId.startsWith(WHOLE_LEVEL)
          ? { levelId: segmentId.slice(WHOLE_LEVEL.length) }
          : { segmentId };
    const input: EvidenceInput = {
      kind,
      where,
      about: isHypothesis ? about : "subjects",
      reportedBy: reportedBy.trim(),
      reportedThrough: splitList(relays),
      grade: { reliability, credibility },
      status,
      assertion,
    };
    if (observedAt) input.observedAt = new Date(observedAt).toISOString();
    if (echoOf) input.echoOf = echoOf;
    if (originRef.trim()) input.originRef = originRef.trim();
    if (statusReason.trim()) input.statusReason = statusReason.trim();
    if (summary.trim()) input.summary = summary.trim();
    setBusy(true);
    try {
      const saved = await searchApi.recordEvidence(siteId, input);
      onSaved(saved.evidence);
    } catch (caught) {
      setError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="stack evidence-form" onSubmit={submit} aria-labelledby="evidence-form-title">
      <h3 id="evidence-form-title">{t("search.evidence.form.title")}</h3>
      <Field label={t("search.evidence.kind")}>
        <select value={kind} onChange={(e) => setKind(e.target.value as EvidenceKind)}>
          {EVIDENCE_KINDS.map((k) => (
            <option key={k} value={k}>
              {t(`search.kinds.${k}`)}
            </option>
          ))}
        </select>
      </Field>

      <fieldset className="stack">
        <legend>{t("search.evidence.form.where")}</legend>
        {usingPoint ? (
          <p className="picked-point">
            {t("search.evidence.form.pointPicked", {
              x: format.number(pickedPoint.point[0], 1),
              y: format.number(pickedPoint.point[1], 1),
            })}{" "}
            <button type="button" onClick={onClearPoint}>
              {t("search.evidence.form.clearPoint")}
            </button>
          </p>
        ) : (
          <Field label={t("search.evidence.form.segment")} hint={t("search.evidence.form.segmentHint")}>
            <select value={segmentId} onChange={(e) => setSegmentId(e.target.value)} required>
              <option value="">{t("search.evidence.form.chooseSegment")}</option>
              <optgroup label={t("search.evidence.form.spacesOfLevel")}>
                {levelSpaces.map((space) => (
                  <option key={space.id} value={space.id}>
                    {space.name || t(`spaceKind.${space.kind}`)}
                  </option>
                ))}
              </optgroup>
              <optgroup label={t("search.evidence.form.wider")}>
                {levelId && levelName && (
                  <option value={`${WHOLE_LEVEL}${levelId}`}>
                    {t("search.evidence.wholeLevel", { level: levelName })}
                  </option>
                )}
                <option value={WHOLE_SITE}>{t("search.evidence.wholeSite")}</option>
              </optgroup>
              {hypotheses.length > 0 && (
                <optgroup label={t("search.evidence.form.hypotheses")}>
                  {hypotheses.map((h) => (
                    <option key={h.segmentId} value={h.segmentId}>
                      {h.label ?? h.segmentId}
                    </option>
                  ))}
                </optgroup>
              )}
            </select>
          </Field>
        )}
        <button type="button" onClick={onPick} aria-pressed={picking}>
          {picking ? t("search.evidence.form.picking") : t("search.evidence.form.pickPoint")}
        </button>
        {isHypothesis && !usingPoint && (
          <Field label={t("search.evidence.about.label")}>
            <select value={about} onChange={(e) => setAbout(e.target.value as "subjects" | "existence")}>
              <option value="subjects">{t("search.evidence.about.subjects")}</option>
              <option value="existence">{t("search.evidence.about.existence")}</option>
            </select>
          </Field>
        )}
        <Field label={t("search.evidence.assertion.label")}>
          <select value={assertion} onChange={(e) => setAssertion(e.target.value as "present" | "absent")}>
            <option value="present">{t("search.evidence.assertion.present")}</option>
            <option value="absent">{t("search.evidence.assertion.absent")}</option>
          </select>
        </Field>
      </fieldset>

      <Field label={t("search.evidence.observedAt")} hint={t("search.evidence.form.observedHint")}>
        <input type="datetime-local" value={observedAt} onChange={(e) => setObservedAt(e.target.value)} />
      </Field>

      <fieldset className="stack">
        <legend>{t("search.evidence.form.source")}</legend>
        <Field label={t("search.evidence.reportedBy")} hint={t("search.evidence.form.reportedByHint")}>
          <input
            value={reportedBy}
            onChange={(e) => setReportedBy(e.target.value)}
            required
            maxLength={200}
          />
        </Field>
        <Field label={t("search.evidence.reportedThrough")} hint={t("search.evidence.form.relaysHint")}>
          <input value={relays} onChange={(e) => setRelays(e.target.value)} />
        </Field>
        <Field label={t("search.evidence.echoOf")} hint={t("search.evidence.form.echoHint")}>
          <select value={echoOf} onChange={(e) => setEchoOf(e.target.value)}>
            <option value="">{t("search.evidence.form.noEcho")}</option>
            {evidence.map((item) => (
              <option key={item.id} value={item.id}>
                {t("search.evidence.numbered", { number: item.number })} · {t(`search.kinds.${item.kind}`)} ·{" "}
                {item.reportedBy}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("search.evidence.originRef")} hint={t("search.evidence.form.originHint")}>
          <input value={originRef} onChange={(e) => setOriginRef(e.target.value)} dir="ltr" />
        </Field>
      </fieldset>

      <fieldset className="stack">
        <legend>{t("search.evidence.form.grade")}</legend>
        <p className="hint muted">{t("search.evidence.form.gradeHint")}</p>
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
      </fieldset>

      <fieldset className="stack">
        <legend>{t("search.evidence.status")}</legend>
        <Field label={t("search.evidence.status")}>
          <select value={status} onChange={(e) => setStatus(e.target.value as VerificationStatus)}>
            {VERIFICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`search.statuses.${s}`)}
              </option>
            ))}
          </select>
        </Field>
        <Field label={t("search.evidence.statusReason")}>
          <input
            value={statusReason}
            onChange={(e) => setStatusReason(e.target.value)}
            required={needsReason}
          />
        </Field>
      </fieldset>

      <Field label={t("search.evidence.summary")}>
        <textarea rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />
      </Field>

      {error ? <ErrorMessage error={error} /> : null}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy || (!usingPoint && !segmentId)}>
          {t("search.evidence.form.submit")}
        </button>
        <button type="button" onClick={onCancel}>
          {t("common.cancel")}
        </button>
      </div>
    </form>
  );
}
