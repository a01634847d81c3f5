/** The operations log, newest first: when, who, what (translated), and the main facts of each entry. */
import { useTranslation } from "react-i18next";
import {
  ASSIGNMENT_STATUSES,
  type AssignmentStatus,
  BREACH_TASK_STATUSES,
  type BreachTaskStatus,
  type OpsLogEntry,
  REPORT_OUTCOMES,
  type ReportOutcome,
  type Team,
} from "../../api/operations";
import { useFormat } from "../../i18n/format";
import { useOpsLabels, useWhen } from "./labels";

const isOutcome = (value: unknown): value is ReportOutcome =>
  typeof value === "string" && (REPORT_OUTCOMES as readonly string[]).includes(value);

const isStatus = (value: unknown): value is AssignmentStatus =>
  typeof value === "string" && (ASSIGNMENT_STATUSES as readonly string[]).includes(value);
const isBreachStatus = (value: unknown): value is BreachTaskStatus =>
  typeof value === "string" && (BREACH_TASK_STATUSES as readonly string[]).includes(value);

export function OpsLog({ entries, teams }: { entries: readonly OpsLogEntry[]; teams: readonly Team[] }) {
  const { t } = useTranslation();
  const format = useFormat();
  const labels = useOpsLabels();
  const when = useWhen();
  const statusName = (value: unknown, breach: boolean): string =>
    breach && isBreachStatus(value)
      ? t(`operations.breach.status.${value}`)
      : isStatus(value)
        ? labels.status(value)
        : String(value);
  const callSign = (id: unknown) =>
    typeof id === "string" ? teams.find((x) => x.id === id)?.callSign : undefined;
  if (entries.length === 0) return <p className="muted">{t("operations.log.empty")}</p>;
  return (
    <ol className="ops-log">
      {entries.map((entry) => {
        const s = entry.summary;
        const facts: string[] = [];
        const team = callSign(s.teamId);
        if (typeof s.callSign === "string") facts.push(s.callSign);
        if (team) facts.push(team);
        if (isOutcome(s.outcome)) facts.push(labels.outcome(s.outcome));
        if (typeof s.from === "string" && typeof s.to === "string")
          facts.push(
            t("operations.log.fromTo", {
              from: statusName(s.from, entry.entityType === "breach_task"),
              to: statusName(s.to, entry.entityType === "breach_task"),
            }),
          );
        if (typeof s.live === "number" || typeof s.deceased === "number")
          facts.push(
            t("operations.log.people", { live: Number(s.live ?? 0), deceased: Number(s.deceased ?? 0) }),
          );
        return (
          <li key={entry.seq} data-seq={entry.seq} data-type={entry.type}>
            <time className="log-time" dateTime={entry.at} title={format.dateTime(entry.at)}>
              {when(entry.at)}
            </time>{" "}
            <strong>{labels.logType(entry.type)}</strong>
            {facts.map((fact) => (
              <span key={fact}>
                {" · "}
                <bdi>{fact}</bdi>
              </span>
            ))}
            <span className="muted">
              {" · "}
              <bdi>{entry.actorName}</bdi>
            </span>
          </li>
        );
      })}
    </ol>
  );
}
