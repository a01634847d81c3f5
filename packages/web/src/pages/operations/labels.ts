/**
 * Names of the operations vocabulary in the user's language: methods, capabilities, outcomes, statuses,
 * conflict reasons and log entries. An id the app does not know (a method added to a site's catalogue) is
 * shown as the server names it.
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { AssignmentStatus, ConflictReason, ReportOutcome } from "../../api/operations";
import { useFormat } from "../../i18n/format";

const METHODS = [
  "canine",
  "knock",
  "call-out",
  "visual",
  "search-camera",
  "thermal",
  "gpr",
  "breach-inspect",
] as const;
/** Team capabilities, in the order the team form offers them. */
export const CAPABILITIES = [
  "canine",
  "breaching",
  "door_opening",
  "usar_light",
  "usar_medium",
  "usar_heavy",
  "medical",
  "camera",
  "acoustic",
  "thermal",
  "gpr",
] as const;
export const AVAILABILITIES = ["available", "resting", "unavailable"] as const;
const LOG_TYPES = [
  "ops.team.created",
  "ops.team.updated",
  "ops.team.deleted",
  "ops.assignment.created",
  "ops.assignment.updated",
  "ops.assignment.transitioned",
  "ops.report.submitted",
  "ops.report.conflict",
  "ops.report.resolved",
  "ops.breach_task.created",
  "ops.breach_task.updated",
  "ops.attachment.received",
] as const;

const isOneOf = <T extends string>(list: readonly T[], value: string): value is T =>
  (list as readonly string[]).includes(value);

export interface OpsLabels {
  method(id: string, fallback?: string): string;
  capability(id: string): string;
  availability(id: string): string;
  outcome(outcome: ReportOutcome): string;
  status(status: AssignmentStatus): string;
  conflict(reason: ConflictReason | null): string;
  logType(type: string): string;
}

export function useOpsLabels(): OpsLabels {
  const { t } = useTranslation();
  return useMemo<OpsLabels>(
    () => ({
      method: (id, fallback) => (isOneOf(METHODS, id) ? t(`operations.method.${id}`) : (fallback ?? id)),
      capability: (id) => (isOneOf(CAPABILITIES, id) ? t(`operations.capability.${id}`) : id),
      availability: (id) => (isOneOf(AVAILABILITIES, id) ? t(`operations.availability.${id}`) : id),
      outcome: (outcome) => t(`operations.outcome.${outcome}`),
      status: (status) => t(`operations.status.${status}`),
      conflict: (reason) => (reason ? t(`operations.conflictReason.${reason}`) : ""),
      logType: (type) =>
        isOneOf(LOG_TYPES, type) ? t(`operations.logType.${type.replace(/\./g, "_") as LogKey}`) : type,
    }),
    [t],
  );
}

type LogKey =
  | "ops_team_created"
  | "ops_team_updated"
  | "ops_team_deleted"
  | "ops_assignment_created"
  | "ops_assignment_updated"
  | "ops_assignment_transitioned"
  | "ops_report_submitted"
  | "ops_report_conflict"
  | "ops_report_resolved"
  | "ops_breach_task_created"
  | "ops_breach_task_updated"
  | "ops_attachment_received";

/**
 * Label of an assignment: its title, else its segments' labels, the level they share written once
 * ("Basement 1 · B-10, B-11" rather than "Basement 1 · B-10 · Basement 1 · B-11").
 */
export function assignmentName(
  assignment: { title: string; segments: { label: string }[] },
  separator = ", ",
): string {
  if (assignment.title) return assignment.title;
  const labels = assignment.segments.map((s) => s.label);
  const cut = labels.map((label) => label.lastIndexOf(" · "));
  const prefix = cut[0] !== undefined && cut[0] > 0 ? labels[0]?.slice(0, cut[0]) : undefined;
  if (labels.length > 1 && prefix && labels.every((label, i) => label.slice(0, cut[i]) === prefix))
    return `${prefix} · ${labels.map((label, i) => label.slice((cut[i] ?? 0) + 3)).join(separator)}`;
  return labels.join(separator);
}

/** A time for lists that move fast: hours and minutes today, with the date on other days. */
export function useWhen(): (iso: string) => string {
  const { locale } = useFormat();
  return useMemo(() => {
    const today = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit" });
    const other = new Intl.DateTimeFormat(locale, { dateStyle: "short", timeStyle: "short" });
    return (iso: string) => {
      const time = Date.parse(iso);
      if (Number.isNaN(time)) return iso;
      return new Date(time).toDateString() === new Date().toDateString()
        ? today.format(time)
        : other.format(time);
    };
  }, [locale]);
}

/**
 * Wraps a value put into a sentence (a call sign, a name) in Unicode isolates (FSI … PDI), so that "K9-1"
 * inside an Arabic sentence stays "K9-1" and does not become "1-K9"; what <bdi> does for an element.
 */
export const isolate = (text: string): string => `\u2068${text}\u2069`;
