/**
 * One assignment on the team leader's phone: what to search and how (worksite IDs, method, planned minutes,
 * ASR level asked), the safety notes first, the plan around it, a start button and the quick outcome
 * buttons that open the report form. What the phone has recorded and not yet sent is shown on the card.
 */
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { LevelPlan } from "../../api/client";
import type { Assignment, CapabilityCatalogue, ReportOutcome, Team } from "../../api/operations";
import { useFormat } from "../../i18n/format";
import type { OutboxItem } from "../../offline/outbox";
import { FieldPlan } from "./FieldPlan";
import { assignmentName, useOpsLabels } from "./labels";
import { ReportForm, type SavedReport } from "./ReportForm";

const QUICK: readonly ReportOutcome[] = ["nothing_found", "alert", "people_found", "barrier_met", "hazard"];

export function AssignmentCard({
  assignment,
  team,
  plans,
  catalogue,
  queued,
  onStart,
  onSave,
}: {
  assignment: Assignment;
  team: Team | undefined;
  plans: readonly LevelPlan[];
  catalogue: CapabilityCatalogue | null;
  /** Outbox items of this assignment (a start, a report), oldest first. */
  queued: readonly OutboxItem[];
  onStart(): void;
  onSave(report: SavedReport): Promise<void>;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOpsLabels();
  const [reporting, setReporting] = useState<ReportOutcome | null>(null);
  const [levelIndex, setLevelIndex] = useState(0);

  const queuedStart = queued.find((item) => item.kind === "start");
  const queuedReport = queued.find((item) => item.kind === "report");
  const serverStart = assignment.transitions.find((tr) => tr.to === "in_progress")?.at ?? null;
  const startedAt = serverStart ?? (queuedStart?.kind === "start" ? queuedStart.at : null);
  const segmentIds = new Set(assignment.segments.map((s) => s.segmentId));
  const worksites = new Map(
    assignment.segments.flatMap((s) => (s.worksiteId ? [[s.segmentId, s.worksiteId] as const] : [])),
  );
  const plan = plans[levelIndex] ?? plans[0];
  const methodName = catalogue?.methods.find((m) => m.id === assignment.methodId)?.name;
  const titleId = `assignment-${assignment.id}`;

  return (
    <article className="card assignment-card" aria-labelledby={titleId} data-assignment-id={assignment.id}>
      <header className="assignment-head">
        <h3 id={titleId}>
          <bdi>{assignmentName(assignment)}</bdi>
        </h3>
        <p className={`status-badge status-${queuedReport ? "queued" : assignment.status}`}>
          {queuedReport
            ? t("operations.field.reportQueued")
            : queuedStart && assignment.status === "assigned"
              ? t("operations.field.startQueued")
              : labels.status(assignment.status)}
        </p>
      </header>

      {assignment.safetyNotes && (
        <div className="safety-notes" role="note">
          <strong>{t("operations.field.safety")}</strong> <bdi>{assignment.safetyNotes}</bdi>
        </div>
      )}

      <dl className="facts assignment-facts">
        <dt>{t("operations.field.team")}</dt>
        <dd>
          <bdi>{team?.callSign ?? "—"}</bdi>
        </dd>
        <dt>{t("operations.field.method")}</dt>
        <dd>{labels.method(assignment.methodId, methodName)}</dd>
        <dt>{t("operations.field.planned")}</dt>
        <dd>{t("operations.minutes", { count: assignment.plannedMinutes })}</dd>
        <dt>{t("operations.field.asrTarget")}</dt>
        <dd>
          {t(`operations.asrShort.${Math.min(5, Math.max(1, assignment.asrTarget)) as 1 | 2 | 3 | 4 | 5}`)}
        </dd>
        {startedAt && (
          <>
            <dt>{t("operations.field.startedAt")}</dt>
            <dd>{format.dateTime(startedAt)}</dd>
          </>
        )}
      </dl>

      <ul className="segment-list">
        {assignment.segments.map((s) => (
          <li key={s.segmentId}>
            {s.worksiteId ? (
              <code className="worksite-id" dir="ltr">
                {s.worksiteId}
              </code>
            ) : null}{" "}
            <bdi>{s.label}</bdi>
            {s.areaM2 !== null ? (
              <span className="muted"> · {t("operations.area", { value: format.number(s.areaM2, 0) })}</span>
            ) : null}
          </li>
        ))}
      </ul>

      {assignment.notes && (
        <p className="assignment-notes">
          <bdi>{assignment.notes}</bdi>
        </p>
      )}

      {plans.length > 1 && (
        <fieldset className="actions level-choice">
          <legend className="visually-hidden">{t("operations.field.levels")}</legend>
          {plans.map((p, i) => (
            <button
              key={p.level.id}
              type="button"
              aria-pressed={i === levelIndex}
              onClick={() => setLevelIndex(i)}
            >
              <bdi>{p.level.name}</bdi>
            </button>
          ))}
        </fieldset>
      )}
      {plan ? (
        <FieldPlan plan={plan} segmentIds={segmentIds} worksites={worksites} />
      ) : (
        <p className="muted">{t("operations.field.noPlan")}</p>
      )}

      {queuedReport ? (
        <p className="notice">{t("operations.field.reportQueuedHint")}</p>
      ) : reporting ? (
        <ReportForm
          assignment={assignment}
          catalogue={catalogue}
          startedAt={startedAt}
          initialOutcome={reporting}
          onCancel={() => setReporting(null)}
          onSave={async (report) => {
            await onSave(report);
            setReporting(null);
          }}
        />
      ) : (
        <div className="field-actions">
          {assignment.status === "assigned" && !queuedStart && (
            <button type="button" className="primary big start-button" onClick={onStart}>
              {t("operations.field.start")}
            </button>
          )}
          <p className="quick-label">{t("operations.field.quickLabel")}</p>
          <div className="quick-outcomes">
            {QUICK.map((outcome) => (
              <button
                key={outcome}
                type="button"
                className={`quick-outcome outcome-${outcome}`}
                onClick={() => setReporting(outcome)}
              >
                {labels.outcome(outcome)}
              </button>
            ))}
          </div>
        </div>
      )}
    </article>
  );
}
