/**
 * Field reports: what a team did on an assignment and what it found.
 *
 * - Idempotent: each report carries a key the phone made up before sending. The same key with the same body
 *   stores one report and answers the original again (an offline queue replaying, a retry after a lost
 *   answer, two replays racing); the same key with another body is refused (409 conflict).
 * - Never dropped: a report on an assignment that was aborted (or completed by another report, or given to
 *   another team) meanwhile is stored with status `conflict` and its reason. It does not change the
 *   probabilities until a coordinator accepts it (then it counts) or dismisses it (kept, not counted).
 * - Counted: an accepted report appends one `search.completed` per searched segment to the site's search
 *   log (method, hours, outcome), so the POA moves as the engine's formulas say; a barrier met makes the
 *   segment unreachable in the log and opens a breach task; the assignment is completed.
 * - Marked: the INSARAG worksite and victim marking the report implies comes back with it.
 */
import { AtharError, canonicalJson, newId, notFound } from "@athar/core";
import type { SearchCompletedEvent, SearchLogEvent, SearchOutcome } from "@athar/search";
import type { Kysely, Selectable } from "kysely";
import type { Actor } from "../audit";
import { sha256Hex } from "../audit";
import type { AsrLevel, TriageCategory, WorksiteMarking } from "../ops/markings";
import { assertFoldable, type LogKnowledge, syncSpaceSegments } from "../ops/search-segments";
import { isUniqueViolation } from "../ops/unique-violation";
import type { Database, FieldReportsTable } from "../schema";
import type { Store, WriteContext } from "../store";
import { type Assignment, completeFromReport, getAssignment } from "./assignments";
import { type BreachTaskInput, createBreachTaskInWrite } from "./breach-tasks";
import { appendOpsLog } from "./ops-log";
import { appendSearchEvents } from "./search-log";
import { getTeam } from "./teams";
import { composeMarking, ensureWorksites, type WorksiteObservation } from "./worksites";

export const REPORT_OUTCOMES = ["nothing_found", "people_found", "alert", "barrier_met", "hazard"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
export const REPORT_STATUSES = ["accepted", "conflict", "dismissed"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const CONFLICT_REASONS = [
  "assignment_aborted",
  "assignment_completed",
  "assignment_not_assigned",
  "team_changed",
] as const;
export type ConflictReason = (typeof CONFLICT_REASONS)[number];

export interface FieldReportInput {
  /** Made by the phone before the first attempt; the same for every retry of this report. */
  idempotencyKey: string;
  outcome: ReportOutcome;
  /** Search effort actually spent, in minutes, over all the assignment's segments. */
  effortMinutes: number;
  startedAt: string | null;
  endedAt: string | null;
  conditions: string;
  /** The segment the outcome applies to (people found, alert, barrier, hazard); needed when there are several. */
  segmentId: string | null;
  people: { live: number; deceased: number; condition: string } | null;
  barrier: { openingId: string | null; description: string } | null;
  hazards: string[];
  /** ASR level reached per segment; segments searched without an entry reached the assignment's target. */
  asr: { segmentId: string; level: AsrLevel }[];
  /** Segments of the assignment the team did not search at all. */
  notSearched: string[];
  /** For suspected spaces searched with a void-detecting method (radar, breach): did it show a space? */
  voids: Record<string, "found" | "not_found">;
  /** Minutes per segment when the team knows; the rest is split in proportion to area (equal coverage). */
  effortBySegment: Record<string, number> | null;
  triage: TriageCategory | null;
  noFurtherWork: boolean;
  notes: string;
}

export interface FieldReport extends FieldReportInput {
  id: string;
  siteId: string;
  assignmentId: string;
  teamId: string | null;
  status: ReportStatus;
  /** Set when the report arrived on an assignment that could not take it; kept after resolution. */
  conflictReason: ConflictReason | null;
  resolution: { by: string; at: string; note: string } | null;
  /** Whether its searches are in the site's search log. */
  counted: boolean;
  searchEventIds: string[];
  breachTaskId: string | null;
  markings: WorksiteMarking[];
  submittedBy: { id: string | null; name: string };
  receivedAt: string;
}

type Reader = Kysely<Database>;

/** Stored with the report's body: what it led to, and what it said about each worksite. */
interface StoredExtras {
  breachTaskId: string | null;
  observations?: Record<string, WorksiteObservation>;
}

const toReport = (row: Selectable<FieldReportsTable>): FieldReport => {
  const body = JSON.parse(row.body_json) as FieldReportInput & StoredExtras;
  const { breachTaskId, observations: _observations, ...input } = body;
  return {
    ...input,
    id: row.id,
    siteId: row.site_id,
    assignmentId: row.assignment_id,
    teamId: row.team_id,
    status: row.status as ReportStatus,
    conflictReason: row.conflict_reason as ConflictReason | null,
    resolution:
      row.resolved_at && row.resolved_by
        ? { by: row.resolved_by, at: row.resolved_at, note: row.resolution_note ?? "" }
        : null,
    counted: row.counted === 1,
    searchEventIds: JSON.parse(row.search_event_ids_json) as string[],
    breachTaskId: breachTaskId ?? null,
    markings: JSON.parse(row.marking_json) as WorksiteMarking[],
    submittedBy: { id: row.submitted_by_id, name: row.submitted_by_name },
    receivedAt: row.received_at,
  };
};

export async function getReport(db: Reader, reportId: string): Promise<FieldReport> {
  const row = await db.selectFrom("field_reports").selectAll().where("id", "=", reportId).executeTakeFirst();
  if (!row) throw notFound("report");
  return toReport(row);
}

export async function siteIdOfReport(db: Reader, reportId: string): Promise<string> {
  const row = await db
    .selectFrom("field_reports")
    .select("site_id")
    .where("id", "=", reportId)
    .executeTakeFirst();
  if (!row) throw notFound("report");
  return row.site_id;
}

export interface ReportFilter {
  siteId?: string;
  assignmentId?: string;
  status?: ReportStatus[];
  submittedById?: string;
  teamIds?: string[];
  limit?: number;
}

export async function listReports(db: Reader, filter: ReportFilter): Promise<FieldReport[]> {
  let query = db.selectFrom("field_reports").selectAll();
  if (filter.siteId) query = query.where("site_id", "=", filter.siteId);
  if (filter.assignmentId) query = query.where("assignment_id", "=", filter.assignmentId);
  if (filter.status && filter.status.length > 0) query = query.where("status", "in", filter.status);
  if (filter.submittedById) query = query.where("submitted_by_id", "=", filter.submittedById);
  if (filter.teamIds) {
    if (filter.teamIds.length === 0) return [];
    query = query.where("team_id", "in", filter.teamIds);
  }
  const rows = await query
    .orderBy("received_at", "desc")
    .orderBy("id")
    .limit(filter.limit ?? 200)
    .execute();
  return rows.map(toReport);
}

/** Which of these idempotency keys the server holds (for a phone reconciling its queue). */
export async function lookupKeys(
  db: Reader,
  siteId: string,
  keys: readonly string[],
): Promise<{ key: string; reportId: string; status: ReportStatus; counted: boolean }[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom("field_reports")
    .select(["idempotency_key", "id", "status", "counted"])
    .where("site_id", "=", siteId)
    .where("idempotency_key", "in", [...keys])
    .execute();
  return rows.map((r) => ({
    key: r.idempotency_key,
    reportId: r.id,
    status: r.status as ReportStatus,
    counted: r.counted === 1,
  }));
}

// ─── validation against the assignment ──────────────────────────────────────────────────────────────────

function invalid(message: string, path: string): never {
  throw new AtharError("validation_failed", message, [{ path, message }]);
}

/** The segment the outcome applies to, checked against the assignment. */
function whereOf(input: FieldReportInput, assignment: Assignment): string | null {
  const ids = new Set(assignment.segments.map((s) => s.segmentId));
  if (input.segmentId !== null) {
    if (!ids.has(input.segmentId))
      invalid(`segment ${input.segmentId} is not part of this assignment`, "segmentId");
    return input.segmentId;
  }
  if (assignment.segments.length === 1) return assignment.segments[0]?.segmentId ?? null;
  if (input.outcome === "people_found" || input.outcome === "alert" || input.outcome === "barrier_met") {
    invalid(
      `say in which segment (segmentId): the assignment has ${assignment.segments.length}`,
      "segmentId",
    );
  }
  return null;
}

function checkInput(input: FieldReportInput, assignment: Assignment): string | null {
  const ids = new Set(assignment.segments.map((s) => s.segmentId));
  const where = whereOf(input, assignment);
  if (input.outcome === "people_found") {
    if (!input.people || input.people.live + input.people.deceased < 1)
      invalid("people found: give how many, live and deceased", "people");
  } else if (input.people && input.people.live + input.people.deceased > 0) {
    invalid("people are reported only with the outcome people_found", "people");
  }
  if (input.outcome === "barrier_met" && !input.barrier)
    invalid("barrier met: describe the barrier", "barrier");
  if (input.outcome === "hazard" && input.hazards.length === 0)
    invalid("hazard: name at least one hazard", "hazards");
  for (const [i, id] of input.notSearched.entries())
    if (!ids.has(id)) invalid(`segment ${id} is not part of this assignment`, `notSearched.${i}`);
  for (const [i, entry] of input.asr.entries())
    if (!ids.has(entry.segmentId))
      invalid(`segment ${entry.segmentId} is not part of this assignment`, `asr.${i}.segmentId`);
  for (const id of Object.keys(input.voids))
    if (!ids.has(id)) invalid(`segment ${id} is not part of this assignment`, `voids.${id}`);
  if (input.effortBySegment) {
    let total = 0;
    for (const [id, minutes] of Object.entries(input.effortBySegment)) {
      if (!ids.has(id)) invalid(`segment ${id} is not part of this assignment`, `effortBySegment.${id}`);
      total += minutes;
    }
    if (total > input.effortMinutes + 1e-9)
      invalid("the minutes per segment add up to more than effortMinutes", "effortBySegment");
  }
  if (
    where !== null &&
    input.notSearched.includes(where) &&
    (input.outcome === "people_found" || input.outcome === "alert")
  ) {
    invalid(
      "the segment where people or an alert were found cannot be among those not searched",
      "notSearched",
    );
  }
  return where;
}

// ─── searches for the log ───────────────────────────────────────────────────────────────────────────────

/**
 * Minutes per searched segment: explicit ones as given, the rest of the reported effort in proportion to area
 * (equal coverage everywhere). When every segment's minutes are given, they are the whole search: the rest
 * of the time went on something else (moving, breaching).
 */
export function splitEffort(
  totalMinutes: number,
  searched: readonly { segmentId: string; areaM2: number | null }[],
  explicit: Record<string, number> | null,
): Map<string, number> {
  const minutes = new Map<string, number>();
  let left = totalMinutes;
  const rest: { segmentId: string; areaM2: number | null }[] = [];
  for (const s of searched) {
    const given = explicit?.[s.segmentId];
    if (given !== undefined) {
      minutes.set(s.segmentId, given);
      left -= given;
    } else rest.push(s);
  }
  left = Math.max(0, left);
  const withArea = rest.every((s) => s.areaM2 !== null && s.areaM2 > 0);
  const weight = (s: { areaM2: number | null }) => (withArea ? (s.areaM2 as number) : 1);
  const total = rest.reduce((sum, s) => sum + weight(s), 0);
  for (const s of rest) minutes.set(s.segmentId, total > 0 ? (left * weight(s)) / total : 0);
  return minutes;
}

function buildSearchEvents(
  report: { id: string; receivedAt: string; teamId: string | null; teamCallSign: string | null },
  input: FieldReportInput,
  assignment: Assignment,
  where: string | null,
  knowledge: LogKnowledge,
): SearchCompletedEvent[] {
  const method = knowledge.methods.get(assignment.methodId);
  if (!method) invalid(`the site's search log no longer knows method ${assignment.methodId}`, "methodId");
  const detectsPeople =
    method.sweepRate.responsive !== undefined || method.sweepRate.unresponsive !== undefined;
  const searched = assignment.segments.filter(
    (s) =>
      !input.notSearched.includes(s.segmentId) && !(input.outcome === "barrier_met" && s.segmentId === where),
  );
  const minutes = splitEffort(input.effortMinutes, searched, input.effortBySegment);
  const at = input.endedAt ?? report.receivedAt;
  const events: SearchCompletedEvent[] = [];
  searched.forEach((segment, index) => {
    const m = minutes.get(segment.segmentId) ?? 0;
    const here = segment.segmentId === where;
    let outcome: SearchOutcome = "nothing_found";
    if (detectsPeople && here && input.outcome === "people_found") outcome = "subjects_found";
    if (detectsPeople && here && input.outcome === "alert") outcome = "alert";
    if (m <= 0 && outcome === "nothing_found") return;
    if (m <= 0 && outcome === "alert")
      invalid("an alert needs some search effort in its segment", "effortBySegment");
    const known = knowledge.segments.get(segment.segmentId);
    const voidApplies = known?.input.kind === "hypothesis" && method.sweepRate.void !== undefined;
    let voidAnswer = input.voids[segment.segmentId];
    if (voidApplies && voidAnswer === undefined) {
      if (here && input.outcome === "alert") voidAnswer = "found";
      else
        invalid(
          `say whether the search of suspected space ${segment.label} showed a void`,
          `voids.${segment.segmentId}`,
        );
    }
    const event: SearchCompletedEvent = {
      id: `ops-report:${report.id}:${index}`,
      type: "search.completed",
      at,
      search: {
        id: `ops-report:${report.id}:${index}`,
        segmentId: segment.segmentId,
        methodId: assignment.methodId,
        effort: { hours: m / 60 },
        outcome,
      },
    };
    if (report.teamCallSign) event.actor = report.teamCallSign.slice(0, 200);
    if (voidApplies && voidAnswer) event.search.void = voidAnswer;
    if (report.teamId) event.search.teamId = report.teamId;
    if (input.startedAt) event.search.startedAt = input.startedAt;
    if (outcome === "subjects_found" && input.people)
      event.search.subjectsFound = input.people.live + input.people.deceased;
    if (input.notes) event.search.notes = input.notes.slice(0, 10_000);
    events.push(event);
  });
  return events;
}

// ─── markings ───────────────────────────────────────────────────────────────────────────────────────────

function observationOf(
  input: FieldReportInput,
  assignment: Assignment,
  where: string | null,
  segmentId: string,
  teamCallSign: string,
  at: string,
): WorksiteObservation | null {
  const searched =
    !input.notSearched.includes(segmentId) && !(input.outcome === "barrier_met" && segmentId === where);
  const here = where === null || segmentId === where;
  const explicitAsr = input.asr.find((a) => a.segmentId === segmentId)?.level ?? null;
  const asrLevel = explicitAsr ?? (searched ? (assignment.asrTarget as AsrLevel) : null);
  const hazards = input.outcome === "hazard" || input.hazards.length > 0 ? (here ? input.hazards : []) : [];
  const live = input.outcome === "people_found" && segmentId === where ? (input.people?.live ?? 0) : 0;
  const deceased =
    input.outcome === "people_found" && segmentId === where ? (input.people?.deceased ?? 0) : 0;
  const alert = input.outcome === "alert" && segmentId === where;
  if (!searched && asrLevel === null && hazards.length === 0 && live + deceased === 0 && !alert) return null;
  const observation: WorksiteObservation = {
    teamCallSign,
    at,
    asrLevel,
    hazards,
    live,
    deceased,
    alert,
    noFurtherWork: searched && input.noFurtherWork,
  };
  if (input.triage && here) observation.triage = input.triage;
  return observation;
}

/**
 * The marking of every worksite the report touched, after all earlier counted reports on it. Each report
 * keeps what it said about each worksite (`observations` in its stored body), so composing a marking reads
 * one row per earlier report and nothing else.
 */
async function markingsFor(
  w: WriteContext,
  report: { id: string; receivedAt: string },
  input: FieldReportInput,
  assignment: Assignment,
  where: string | null,
  team: { id: string; callSign: string } | null,
): Promise<{ markings: WorksiteMarking[]; observations: Record<string, WorksiteObservation> }> {
  const callSign = team?.callSign ?? "?";
  const at = input.endedAt ?? report.receivedAt;
  const segmentIds = assignment.segments.map((s) => s.segmentId);
  const worksites = team
    ? await ensureWorksites(w, assignment.siteId, team, segmentIds)
    : new Map<string, string>();
  const history = await w.trx
    .selectFrom("field_reports")
    .innerJoin("assignment_segments", "assignment_segments.assignment_id", "field_reports.assignment_id")
    .select(["field_reports.body_json as body_json", "assignment_segments.segment_id as segment_id"])
    .where("assignment_segments.segment_id", "in", segmentIds)
    .where("field_reports.site_id", "=", assignment.siteId)
    .where("field_reports.counted", "=", 1)
    .where("field_reports.id", "!=", report.id)
    .orderBy("field_reports.received_at")
    .orderBy("field_reports.id")
    .execute();
  const observations: Record<string, WorksiteObservation> = {};
  const markings: WorksiteMarking[] = [];
  for (const segment of assignment.segments) {
    const own = observationOf(input, assignment, where, segment.segmentId, callSign, at);
    if (!own) continue;
    observations[segment.segmentId] = own;
    const earlier = history
      .filter((h) => h.segment_id === segment.segmentId)
      .flatMap((h) => {
        const o = (JSON.parse(h.body_json) as StoredExtras).observations?.[segment.segmentId];
        return o ? [o] : [];
      });
    markings.push(
      composeMarking(
        {
          segmentId: segment.segmentId,
          label: segment.label,
          worksiteId: worksites.get(segment.segmentId) ?? segment.worksiteId ?? "(no worksite ID)",
        },
        [...earlier, own],
      ),
    );
  }
  return { markings, observations };
}

// ─── submission ─────────────────────────────────────────────────────────────────────────────────────────

/** How the submitting user stands to the assignment's team, and the team the report is from. */
export type ReporterRelation = "coordinator" | "leader" | "former_leader" | "none";
export interface ReporterStanding {
  relation: ReporterRelation;
  teamId: string | null;
}

export async function reporterStanding(
  db: Reader,
  user: { id: string; roles: readonly string[] },
  assignment: Assignment,
): Promise<ReporterStanding> {
  if (user.roles.includes("admin") || user.roles.includes("coordinator"))
    return { relation: "coordinator", teamId: assignment.teamId };
  const led = await db.selectFrom("teams").select("id").where("leader_user_id", "=", user.id).execute();
  const mine = new Set(led.map((t) => t.id));
  if (assignment.teamId && mine.has(assignment.teamId))
    return { relation: "leader", teamId: assignment.teamId };
  const former = [...assignment.transitions].reverse().find((t) => t.teamId !== null && mine.has(t.teamId));
  if (former) return { relation: "former_leader", teamId: former.teamId };
  return { relation: "none", teamId: null };
}

function conflictOf(assignment: Assignment, relation: ReporterRelation): ConflictReason | null {
  if (assignment.status === "aborted") return "assignment_aborted";
  if (assignment.status === "completed") return "assignment_completed";
  if (assignment.status === "draft") return "assignment_not_assigned";
  if (relation === "former_leader") return "team_changed";
  return null;
}

export interface SubmitResult {
  report: FieldReport;
  /** True when this key was already stored: the original is returned, nothing new was written. */
  replayed: boolean;
}

async function findByKey(
  db: Reader,
  siteId: string,
  key: string,
): Promise<Selectable<FieldReportsTable> | undefined> {
  return db
    .selectFrom("field_reports")
    .selectAll()
    .where("site_id", "=", siteId)
    .where("idempotency_key", "=", key)
    .executeTakeFirst();
}

function replayOf(row: Selectable<FieldReportsTable>, requestHash: string): SubmitResult {
  if (row.request_hash !== requestHash) {
    throw new AtharError("conflict", "this idempotency key was already used for a different report", [
      { path: "idempotencyKey", message: `report ${row.id}` },
    ]);
  }
  return { report: toReport(row), replayed: true };
}

/**
 * Stores a report (once per idempotency key) and, unless it conflicts, counts it. Runs its own write so that
 * a concurrent twin that loses the race on the unique key can read the winner's report.
 */
export async function submitReport(
  store: Store,
  actor: Actor,
  target: { assignmentId: string; siteId: string },
  input: FieldReportInput,
  reporter: { id: string; roles: readonly string[] },
): Promise<SubmitResult> {
  const requestHash = sha256Hex(canonicalJson(input));
  const { assignmentId, siteId } = target;
  const existing = await findByKey(store.db, siteId, input.idempotencyKey);
  if (existing) return replayOf(existing, requestHash);
  // The assignment is read before the write takes the audit lock, so a step taken meanwhile (an abort) or a
  // twin racing on the key can fail the first attempt; the next one sees what happened and answers for it.
  for (let attempt = 1; ; attempt++) {
    try {
      return await store.write(actor, (w) => submitInWrite(w, assignmentId, input, reporter, requestHash));
    } catch (error) {
      const unique = isUniqueViolation(error);
      if (unique) {
        const winner = await findByKey(store.db, siteId, input.idempotencyKey);
        if (winner) return replayOf(winner, requestHash);
      }
      const raced = unique || (error instanceof AtharError && error.code === "invalid_state_transition");
      if (!raced || attempt >= 3) throw error;
    }
  }
}

/**
 * Reads everything first (assignment, team, the log's segments, earlier markings), builds the report, its
 * marking and its search events in memory, and only then writes. The first audit entry takes the audit
 * head lock that serialises all writers, so the shorter the part after it, the more reports per second.
 */
async function submitInWrite(
  w: WriteContext,
  assignmentId: string,
  input: FieldReportInput,
  reporter: { id: string; roles: readonly string[] },
  requestHash: string,
): Promise<SubmitResult> {
  const assignment = await getAssignment(w.trx, assignmentId);
  // A twin committed between our first look and this transaction.
  const twin = await findByKey(w.trx, assignment.siteId, input.idempotencyKey);
  if (twin) return replayOf(twin, requestHash);
  const standing = await reporterStanding(w.trx, reporter, assignment);
  if (standing.relation === "none") {
    throw new AtharError(
      "forbidden",
      "only the leader of the assigned team or a coordinator may report on it",
    );
  }
  const where = checkInput(input, assignment);
  const conflict = conflictOf(assignment, standing.relation);
  const teamId = standing.relation === "former_leader" ? standing.teamId : assignment.teamId;
  const id = newId();
  const receivedAt = w.now.toISOString();
  const team = teamId ? await getTeam(w.trx, teamId).catch(() => null) : null;
  const { markings, observations } = await markingsFor(w, { id, receivedAt }, input, assignment, where, team);
  const count = conflict ? null : await prepareCount(w, id, team, assignment, input, where);
  const extras: StoredExtras = { breachTaskId: count?.breachTask?.id ?? null, observations };
  const row: Selectable<FieldReportsTable> = {
    id,
    site_id: assignment.siteId,
    assignment_id: assignment.id,
    team_id: teamId,
    idempotency_key: input.idempotencyKey,
    request_hash: requestHash,
    status: conflict ? "conflict" : "accepted",
    conflict_reason: conflict,
    resolved_by: null,
    resolved_at: null,
    resolution_note: null,
    counted: count ? 1 : 0,
    body_json: JSON.stringify({ ...input, ...extras }),
    effort_minutes: input.effortMinutes,
    outcome: input.outcome,
    search_event_ids_json: JSON.stringify(count ? count.events.map((e) => e.id) : []),
    marking_json: JSON.stringify(markings),
    submitted_by_id: w.actor.id,
    submitted_by_name: w.actor.name,
    received_at: receivedAt,
  };
  // Writes that need no global order come before the first audit entry (row locks suffice for them).
  await w.trx.insertInto("field_reports").values(row).execute();
  if (count) await completeFromReport(w, assignment, id, input.startedAt);
  await w.audit({
    action: conflict ? "report.conflict" : "report.submit",
    entityType: "field_report",
    entityId: id,
    after: { assignmentId, conflict, ...input },
  });
  if (count) await applyCount(w, assignment.siteId, count);
  await appendOpsLog(w, assignment.siteId, {
    type: conflict ? "ops.report.conflict" : "ops.report.submitted",
    entityType: "field_report",
    entityId: id,
    summary: {
      assignmentId,
      teamId,
      outcome: input.outcome,
      ...(conflict ? { conflictReason: conflict } : {}),
      ...(input.people ? { live: input.people.live, deceased: input.people.deceased } : {}),
    },
  });
  return { report: toReport(row), replayed: false };
}

interface PreparedCount {
  events: SearchLogEvent[];
  breachTask: (BreachTaskInput & { id: string }) | null;
}

/**
 * The search events a report adds to the log (one search per searched segment; for a barrier, the segment
 * becomes unreachable), checked the way the fold will check them, and the breach task it opens. No writes,
 * unless the log does not know one of the segments yet.
 */
async function prepareCount(
  w: WriteContext,
  reportId: string,
  team: { id: string; callSign: string } | null,
  assignment: Assignment,
  input: FieldReportInput,
  where: string | null,
): Promise<PreparedCount> {
  const knowledge = await syncSpaceSegments(w, assignment.siteId, {
    onlySpaceIds: assignment.segments.map((s) => s.segmentId),
  });
  for (const s of assignment.segments) {
    if (!knowledge.segments.has(s.segmentId))
      invalid(`segment ${s.label} is no longer in the site's search log`, "segmentId");
  }
  const receivedAt = w.now.toISOString();
  const events: SearchLogEvent[] = buildSearchEvents(
    { id: reportId, receivedAt, teamId: team?.id ?? null, teamCallSign: team?.callSign ?? null },
    input,
    assignment,
    where,
    knowledge,
  );
  let breachTask: PreparedCount["breachTask"] = null;
  if (input.outcome === "barrier_met" && where !== null) {
    if (knowledge.segments.get(where)?.reachable) {
      events.push({
        id: `ops-report:${reportId}:unreachable`,
        type: "segment.reachability.changed",
        at: input.endedAt ?? receivedAt,
        segmentId: where,
        reachable: false,
        reason: `barrier met by ${team?.callSign ?? "a team"}: ${input.barrier?.description ?? ""}`.slice(
          0,
          10_000,
        ),
      });
    }
    breachTask = {
      id: newId(),
      openingId: input.barrier?.openingId ?? null,
      segmentId: where,
      reportId,
      teamId: null,
      description: input.barrier?.description ?? "barrier met",
    };
  }
  if (events.length > 0) assertFoldable(knowledge, events);
  return { events, breachTask };
}

async function applyCount(w: WriteContext, siteId: string, count: PreparedCount): Promise<void> {
  if (count.events.length > 0) await appendSearchEvents(w, siteId, count.events);
  if (count.breachTask) {
    const { id, ...task } = count.breachTask;
    await createBreachTaskInWrite(w, siteId, task, id);
  }
}

/**
 * A coordinator settles a conflict: `accept` counts the report (its searches did happen), `dismiss` keeps it
 * uncounted. The assignment keeps its status either way.
 */
export async function resolveConflict(
  w: WriteContext,
  reportId: string,
  decision: "accept" | "dismiss",
  note: string,
): Promise<FieldReport> {
  const before = await getReport(w.trx, reportId);
  if (before.status !== "conflict") {
    throw new AtharError("invalid_state_transition", `report is ${before.status}, not an open conflict`, [
      { path: "status", message: before.status },
    ]);
  }
  const result = await w.trx
    .updateTable("field_reports")
    .set({
      status: decision === "accept" ? "accepted" : "dismissed",
      resolved_by: w.actor.name,
      resolved_at: w.now.toISOString(),
      resolution_note: note,
    })
    .where("id", "=", reportId)
    .where("status", "=", "conflict")
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AtharError("invalid_state_transition", "the conflict was settled meanwhile", [
      { path: "status", message: "resolved" },
    ]);
  }
  await w.audit({
    action: `report.conflict.${decision}`,
    entityType: "field_report",
    entityId: reportId,
    before: { status: "conflict" },
    after: { decision, note },
  });
  if (decision === "accept") {
    const assignment = await getAssignment(w.trx, before.assignmentId);
    const {
      id: _id,
      siteId: _s,
      assignmentId: _a,
      teamId: _t,
      status: _st,
      conflictReason: _c,
      resolution: _r,
      counted: _co,
      searchEventIds: _se,
      breachTaskId: _b,
      markings: _m,
      submittedBy: _sb,
      receivedAt: _ra,
      ...input
    } = before;
    const team = before.teamId ? await getTeam(w.trx, before.teamId).catch(() => null) : null;
    const count = await prepareCount(w, reportId, team, assignment, input, whereOf(input, assignment));
    await applyCount(w, before.siteId, count);
    const row = await w.trx
      .selectFrom("field_reports")
      .select("body_json")
      .where("id", "=", reportId)
      .executeTakeFirstOrThrow();
    const body = { ...(JSON.parse(row.body_json) as object), breachTaskId: count.breachTask?.id ?? null };
    await w.trx
      .updateTable("field_reports")
      .set({
        counted: 1,
        search_event_ids_json: JSON.stringify(count.events.map((e) => e.id)),
        body_json: JSON.stringify(body),
      })
      .where("id", "=", reportId)
      .execute();
  }
  await appendOpsLog(w, before.siteId, {
    type: "ops.report.resolved",
    entityType: "field_report",
    entityId: reportId,
    summary: { assignmentId: before.assignmentId, decision },
  });
  return getReport(w.trx, reportId);
}
