/**
 * Reports stored as conflicts (the coordinator aborted or reassigned the assignment while the team was
 * reporting offline): never dropped. The phone says what happened; a coordinator settles it on the board.
 */
import { useTranslation } from "react-i18next";
import type { Report } from "../../api/operations";
import { useOpsLabels, useWhen } from "./labels";

export function ConflictList({ reports }: { reports: readonly Report[] }) {
  const { t } = useTranslation();
  const labels = useOpsLabels();
  const when = useWhen();
  return (
    <section className="conflicts card" aria-labelledby="conflicts-title">
      <h2 id="conflicts-title">{t("operations.conflicts.title", { count: reports.length })}</h2>
      <p>{t("operations.conflicts.fieldHint")}</p>
      <ul className="conflict-list">
        {reports.map((report) => (
          <li key={report.id} data-report-id={report.id}>
            <strong>{labels.outcome(report.outcome)}</strong>
            {report.markings.length > 0 ? (
              <>
                {" · "}
                <bdi>{report.markings.map((m) => m.label).join(t("common.listSeparator"))}</bdi>
              </>
            ) : null}
            {" · "}
            {labels.conflict(report.conflictReason)}
            <span className="muted"> · {when(report.receivedAt)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
