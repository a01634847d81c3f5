/**
 * A person's status is never a single field someone overwrites: it is a list of statements, each with its
 * source, its date and who recorded it. The current status is derived from them by one rule, and a conflict
 * (one source says alive, another deceased) is shown, not hidden.
 */
import { z } from "zod";
import { type PartialDate, partialDateSchema, partialDateSortKey } from "./partial-date";

export const PERSON_STATUSES = ["sought", "alive", "deceased", "unknown"] as const;
export type PersonStatus = (typeof PERSON_STATUSES)[number];

export const STATEMENT_SOURCES = [
  /** Seen by our own team (freed at the gate, rescued, remains recovered). */
  "team_observation",
  /** The person themselves. */
  "self",
  "family",
  "witness",
  /** A recovered register or document. */
  "document",
  /** A death certificate, forensic identification or other official record. */
  "official_record",
  /** Another organisation's system. */
  "exchange",
  "other",
] as const;
export type StatementSource = (typeof STATEMENT_SOURCES)[number];

export const statusStatementInputSchema = z.strictObject({
  status: z.enum(PERSON_STATUSES),
  source: z.enum(STATEMENT_SOURCES),
  /** Which document, which witness statement, which record: enough to find it again. */
  sourceReference: z.string().trim().max(500).default(""),
  /** When the stated fact was observed (the day seen alive, the date of death); null when unknown. */
  statedOn: partialDateSchema.nullable().default(null),
  /**
   * A document or identification supports the statement (a death certificate, a forensic identification,
   * a register entry). The disclosure rules for the deceased require it.
   */
  documented: z.boolean().default(false),
  note: z.string().trim().max(2000).default(""),
});
export type StatusStatementInput = z.infer<typeof statusStatementInputSchema>;

export const statusStatementSchema = statusStatementInputSchema.extend({
  id: z.string(),
  recordedAt: z.string(),
  recordedBy: z.string(),
});
export type StatusStatement = z.infer<typeof statusStatementSchema>;

export const currentStatusSchema = z.object({
  status: z.enum(PERSON_STATUSES),
  /** The statement the status rests on; null when there is none. */
  statementId: z.string().nullable(),
  /** Some statements say alive and others deceased: a reviewer must look. */
  conflicting: z.boolean(),
});
export type CurrentStatus = z.infer<typeof currentStatusSchema>;

const EVIDENTIAL: ReadonlySet<PersonStatus> = new Set(["alive", "deceased"]);

function observedKey(statement: Pick<StatusStatement, "statedOn" | "recordedAt">): string {
  // A statement without a date of observation counts as observed when recorded.
  const observed: PartialDate | null = statement.statedOn;
  return observed ? partialDateSortKey(observed) : statement.recordedAt.slice(0, 10);
}

/**
 * The rule: the newest evidential statement (alive or deceased) by date observed, then by date recorded,
 * decides. "Sought" says that someone is looking, not how the person is: it never overrides evidence, and
 * stands only when there is no evidence. Without any statement the status is unknown.
 */
/** Statements recorded at the same instant are ordered by id, so that the answer never depends on list order. */
const byRecordedThenId = (a: StatusStatement, b: StatusStatement): number =>
  a.recordedAt.localeCompare(b.recordedAt) || a.id.localeCompare(b.id);

export function deriveCurrentStatus(statements: readonly StatusStatement[]): CurrentStatus {
  const evidential = statements.filter((s) => EVIDENTIAL.has(s.status));
  const conflicting =
    evidential.some((s) => s.status === "alive") && evidential.some((s) => s.status === "deceased");
  if (evidential.length > 0) {
    const newest = [...evidential].sort((a, b) => {
      const byObserved = observedKey(a).localeCompare(observedKey(b));
      if (byObserved !== 0) return byObserved;
      const byRecorded = a.recordedAt.localeCompare(b.recordedAt);
      return byRecorded !== 0 ? byRecorded : a.id.localeCompare(b.id);
    })[evidential.length - 1] as StatusStatement;
    return { status: newest.status, statementId: newest.id, conflicting };
  }
  const sought = statements.filter((s) => s.status === "sought");
  const latestSought = [...sought].sort(byRecordedThenId).at(-1);
  if (latestSought) return { status: "sought", statementId: latestSought.id, conflicting: false };
  const latestUnknown = [...statements].sort(byRecordedThenId).at(-1);
  return { status: "unknown", statementId: latestUnknown?.id ?? null, conflicting: false };
}
