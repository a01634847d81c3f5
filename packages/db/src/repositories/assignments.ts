/**
 * Assignments: segments + method + planned effort + team + safety notes, with the lifecycle
 *   draft → assigned → in_progress → completed | aborted   (draft and assigned may also be aborted),
 * every step recorded with who and when (assignment_transitions). A step the lifecycle does not allow is
 * refused with invalid_state_transition (409), naming the current status. Completion comes from a field
 * report (field-reports.ts).
 */
import { AtharError, newId, notFound } from "@athar/core";
import type { Kysely, Selectable } from "kysely";
import { methodsOf } from "../ops/capabilities";
import {
  type LogKnowledge,
  readLogKnowledge,
  readSiteModel,
  type SiteModel,
  syncSpaceSegments,
} from "../ops/search-segments";
import type { AssignmentsTable, Database } from "../schema";
import type { WriteContext } from "../store";
import { appendOpsLog } from "./ops-log";
import { getTeam, type Team, workedMinutes } from "./teams";
import { ensureWorksites, worksitesOf } from "./worksites";

export const ASSIGNMENT_STATUSES = ["draft", "assigned", "in_progress", "completed", "aborted"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];

const NEXT: Readonly<Record<AssignmentStatus, readonly AssignmentStatus[]>> = {
  draft: ["assigned", "aborted"],
  assigned: ["in_progress", "aborted"],
  in_progress: ["completed", "aborted"],
  completed: [],
  aborted: [],
};

export const mayTransition = (from: AssignmentStatus, to: AssignmentStatus): boolean =>
  NEXT[from].includes(to);

export interface AssignmentInput {
  title: string;
  teamId: string | null;
  methodId: string;
  /** Space ids of the site model and/or segment ids of hypotheses in the site's search log. */
  segmentIds: string[];
  plannedMinutes: number;
  /** ASR level the team is asked to reach (1–5). */
  asrTarget: number;
  safetyNotes: string;
  notes: string;
}

export interface AssignmentSegment {
  segmentId: string;
  kind: "space" | "hypothesis";
  label: string;
  levelId: string | null;
  areaM2: number | null;
  /** INSARAG worksite ID, given when the segment is first assigned to a team. */
  worksiteId: string | null;
}

export interface AssignmentTransition {
  seq: number;
  from: AssignmentStatus | null;
  to: AssignmentStatus;
  teamId: string | null;
  at: string;
  actorId: string | null;
  actorName: string;
  reason: string;
  reportId: string | null;
}

export interface Assignment {
  id: string;
  siteId: string;
  teamId: string | null;
  title: string;
  methodId: string;
  plannedMinutes: number;
  asrTarget: number;
  safetyNotes: string;
  notes: string;
  status: AssignmentStatus;
  reportId: string | null;
  segments: AssignmentSegment[];
  transitions: AssignmentTransition[];
  /** Things the coordinator should know (team over its working-time limit, a segment behind a barrier). */
  warnings: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

type Reader = Kysely<Database>;

async function hydrate(db: Reader, rows: Selectable<AssignmentsTable>[]): Promise<Assignment[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const segmentRows = await db
    .selectFrom("assignment_segments")
    .selectAll()
    .where("assignment_id", "in", ids)
    .orderBy("assignment_id")
    .orderBy("position")
    .execute();
  const transitionRows = await db
    .selectFrom("assignment_transitions")
    .selectAll()
    .where("assignment_id", "in", ids)
    .orderBy("assignment_id")
    .orderBy("seq")
    .execute();
  const bySite = new Map<string, Set<string>>();
  const siteOf = new Map(rows.map((r) => [r.id, r.site_id]));
  for (const s of segmentRows) {
    const siteId = siteOf.get(s.assignment_id) as string;
    const set = bySite.get(siteId) ?? new Set<string>();
    set.add(s.segment_id);
    bySite.set(siteId, set);
  }
  const worksites = new Map<string, Map<string, string>>();
  for (const [siteId, set] of bySite) worksites.set(siteId, await worksitesOf(db, siteId, [...set]));
  const segmentsOf = new Map<string, AssignmentSegment[]>();
  for (const s of segmentRows) {
    const list = segmentsOf.get(s.assignment_id) ?? [];
    list.push({
      segmentId: s.segment_id,
      kind: s.segment_kind as AssignmentSegment["kind"],
      label: s.label,
      levelId: s.level_id,
      areaM2: s.area_m2,
      worksiteId: worksites.get(siteOf.get(s.assignment_id) as string)?.get(s.segment_id) ?? null,
    });
    segmentsOf.set(s.assignment_id, list);
  }
  const transitionsOf = new Map<string, AssignmentTransition[]>();
  for (const t of transitionRows) {
    const list = transitionsOf.get(t.assignment_id) ?? [];
    list.push({
      seq: t.seq,
      from: t.from_status as AssignmentStatus | null,
      to: t.to_status as AssignmentStatus,
      teamId: t.team_id,
      at: t.at,
      actorId: t.actor_id,
      actorName: t.actor_name,
      reason: t.reason,
      reportId: t.report_id,
    });
    transitionsOf.set(t.assignment_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    siteId: r.site_id,
    teamId: r.team_id,
    title: r.title,
    methodId: r.method_id,
    plannedMinutes: r.planned_minutes,
    asrTarget: r.asr_target,
    safetyNotes: r.safety_notes,
    notes: r.notes,
    status: r.status as AssignmentStatus,
    reportId: r.report_id,
    segments: segmentsOf.get(r.id) ?? [],
    transitions: transitionsOf.get(r.id) ?? [],
    warnings: [],
    createdBy: r.created_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  }));
}

export async function getAssignment(db: Reader, assignmentId: string): Promise<Assignment> {
  const row = await db
    .selectFrom("assignments")
    .selectAll()
    .where("id", "=", assignmentId)
    .executeTakeFirst();
  if (!row) throw notFound("assignment");
  return (await hydrate(db, [row]))[0] as Assignment;
}

export async function siteIdOfAssignment(db: Reader, assignmentId: string): Promise<string> {
  const row = await db
    .selectFrom("assignments")
    .select("site_id")
    .where("id", "=", assignmentId)
    .executeTakeFirst();
  if (!row) throw notFound("assignment");
  return row.site_id;
}

export interface AssignmentFilter {
  status?: AssignmentStatus[];
  teamIds?: string[];
  limit?: number;
}

export async function listAssignments(
  db: Reader,
  siteId: string,
  filter: AssignmentFilter = {},
): Promise<Assignment[]> {
  let query = db.selectFrom("assignments").selectAll().where("site_id", "=", siteId);
  if (filter.status && filter.status.length > 0) query = query.where("status", "in", filter.status);
  if (filter.teamIds) {
    if (filter.teamIds.length === 0) return [];
    query = query.where("team_id", "in", filter.teamIds);
  }
  const rows = await query
    .orderBy("updated_at", "desc")
    .orderBy("id")
    .limit(filter.limit ?? 500)
    .execute();
  return hydrate(db, rows);
}

/** Assignments of the given teams that are still to do (assigned or under way). */
export async function activeAssignmentsOfTeams(
  db: Reader,
  teamIds: readonly string[],
): Promise<Assignment[]> {
  if (teamIds.length === 0) return [];
  const rows = await db
    .selectFrom("assignments")
    .selectAll()
    .where("team_id", "in", [...teamIds])
    .where("status", "in", ["assigned", "in_progress"])
    .orderBy("created_at")
    .execute();
  return hydrate(db, rows);
}

// ─── writes ─────────────────────────────────────────────────────────────────────────────────────────────

function checkTeamMethod(team: Team, methodId: string): void {
  if (!methodsOf(team.capabilities).includes(methodId)) {
    throw new AtharError(
      "validation_failed",
      `team ${team.callSign} has no capability for method ${methodId} (its methods: ${methodsOf(team.capabilities).join(", ") || "none"})`,
      [{ path: "methodId", message: "not among the team's methods" }],
    );
  }
}

async function teamOfSite(w: WriteContext, siteId: string, teamId: string): Promise<Team> {
  const team = await getTeam(w.trx, teamId).catch(() => {
    throw new AtharError("dangling_reference", `team ${teamId} does not exist`, [
      { path: "teamId", message: "no such team" },
    ]);
  });
  if (team.siteId !== siteId) {
    throw new AtharError("dangling_reference", `team ${teamId} does not work on this site`, [
      { path: "teamId", message: "team of another site" },
    ]);
  }
  return team;
}

interface ResolvedSegment {
  segmentId: string;
  kind: "space" | "hypothesis";
  label: string;
  levelId: string | null;
  areaM2: number | null;
  reachable: boolean;
}

/**
 * Checks every segment the assignment names against the site's search log. When one is not there yet, the
 * log is first brought up to date with the whole site model (every space becomes a segment at once, so the
 * probabilities are spread over the whole site from the first assignment on).
 */
async function resolveSegments(
  w: WriteContext,
  siteId: string,
  input: Pick<AssignmentInput, "segmentIds" | "methodId">,
): Promise<{ segments: ResolvedSegment[]; knowledge: LogKnowledge }> {
  let knowledge = await readLogKnowledge(w.trx, siteId, input.segmentIds);
  let model: SiteModel | null = null;
  if (!input.segmentIds.every((id) => knowledge.segments.has(id))) {
    model = await readSiteModel(w.trx, siteId);
    knowledge = await syncSpaceSegments(w, siteId, { model });
  }
  if (!knowledge.methods.has(input.methodId)) {
    throw new AtharError("validation_failed", `unknown search method ${input.methodId}`, [
      { path: "methodId", message: `one of ${[...knowledge.methods.keys()].join(", ")}` },
    ]);
  }
  const seen = new Set<string>();
  const segments = input.segmentIds.map((segmentId, index): ResolvedSegment => {
    const path = `segmentIds.${index}`;
    if (seen.has(segmentId))
      throw new AtharError("validation_failed", `segment ${segmentId} is named twice`, [
        { path, message: "duplicate" },
      ]);
    seen.add(segmentId);
    const known = knowledge.segments.get(segmentId);
    if (!known) {
      const ruledOut = model?.spaces.has(segmentId) ?? false;
      throw new AtharError(
        "dangling_reference",
        ruledOut
          ? `space ${segmentId} is ruled out and has no search segment`
          : `segment ${segmentId} is neither a space of this site nor a segment of its search log`,
        [{ path, message: "unknown segment" }],
      );
    }
    if (known.input.areaM2 === undefined) {
      throw new AtharError(
        "validation_failed",
        `segment ${segmentId} has no area, so hours of search cannot become coverage`,
        [{ path, message: "segment without area" }],
      );
    }
    return {
      segmentId,
      kind: known.input.kind,
      label: known.input.label ?? segmentId,
      levelId: known.input.levelId ?? null,
      areaM2: known.input.areaM2,
      reachable: known.reachable,
    };
  });
  return { segments, knowledge };
}

async function recordTransition(
  w: WriteContext,
  assignmentId: string,
  from: AssignmentStatus | null,
  to: AssignmentStatus,
  teamId: string | null,
  reason: string,
  reportId: string | null = null,
  at: string = w.now.toISOString(),
): Promise<void> {
  const last = await w.trx
    .selectFrom("assignment_transitions")
    .select((eb) => eb.fn.max<number>("seq").as("seq"))
    .where("assignment_id", "=", assignmentId)
    .executeTakeFirst();
  await w.trx
    .insertInto("assignment_transitions")
    .values({
      id: newId(),
      assignment_id: assignmentId,
      seq: Number(last?.seq ?? 0) + 1,
      from_status: from,
      to_status: to,
      team_id: teamId,
      at,
      actor_id: w.actor.id,
      actor_name: w.actor.name,
      reason,
      report_id: reportId,
    })
    .execute();
}

async function warningsFor(
  w: WriteContext,
  team: Team | null,
  plannedMinutes: number,
  segments: readonly ResolvedSegment[],
  methodId: string,
): Promise<string[]> {
  const warnings: string[] = [];
  if (team) {
    if (team.availability !== "available") warnings.push(`team ${team.callSign} is ${team.availability}`);
    const worked = await workedMinutes(w.trx, team.id, team.shiftStartedAt);
    if (worked + plannedMinutes > team.workLimitMinutes) {
      warnings.push(
        `team ${team.callSign} would work ${Math.round(worked + plannedMinutes)} min this period, over its limit of ${team.workLimitMinutes} min`,
      );
    }
  }
  for (const s of segments) {
    if (!s.reachable && methodId !== "breach-inspect")
      warnings.push(`${s.label} is behind a barrier (unreachable in the search model)`);
  }
  return warnings;
}

export async function createAssignment(
  w: WriteContext,
  siteId: string,
  input: AssignmentInput,
  options: { assign?: boolean } = {},
): Promise<Assignment> {
  const site = await w.trx.selectFrom("sites").select("id").where("id", "=", siteId).executeTakeFirst();
  if (!site) throw notFound("site");
  const team = input.teamId ? await teamOfSite(w, siteId, input.teamId) : null;
  if (team) checkTeamMethod(team, input.methodId);
  if (options.assign && !team) {
    throw new AtharError("validation_failed", "an assignment needs a team to be assigned", [
      { path: "teamId", message: "required to assign" },
    ]);
  }
  const { segments } = await resolveSegments(w, siteId, input);
  const id = newId();
  const at = w.now.toISOString();
  const status: AssignmentStatus = options.assign ? "assigned" : "draft";
  await w.trx
    .insertInto("assignments")
    .values({
      id,
      site_id: siteId,
      team_id: input.teamId,
      title: input.title,
      method_id: input.methodId,
      planned_minutes: input.plannedMinutes,
      asr_target: input.asrTarget,
      safety_notes: input.safetyNotes,
      notes: input.notes,
      status,
      report_id: null,
      created_by: w.actor.name,
      created_at: at,
      updated_at: at,
    })
    .execute();
  await w.trx
    .insertInto("assignment_segments")
    .values(
      segments.map((s, position) => ({
        assignment_id: id,
        position,
        segment_id: s.segmentId,
        segment_kind: s.kind,
        label: s.label,
        level_id: s.levelId,
        area_m2: s.areaM2,
      })),
    )
    .execute();
  await w.audit({
    action: "assignment.create",
    entityType: "assignment",
    entityId: id,
    after: { siteId, status, ...input },
  });
  await recordTransition(w, id, null, "draft", input.teamId, "created");
  if (options.assign && team) {
    await recordTransition(w, id, "draft", "assigned", team.id, "assigned at creation");
    await ensureWorksites(
      w,
      siteId,
      team,
      segments.map((s) => s.segmentId),
    );
  }
  await appendOpsLog(w, siteId, {
    type: "ops.assignment.created",
    entityType: "assignment",
    entityId: id,
    summary: { status, teamId: input.teamId, methodId: input.methodId, segments: segments.length },
  });
  const created = await getAssignment(w.trx, id);
  created.warnings = await warningsFor(w, team, input.plannedMinutes, segments, input.methodId);
  return created;
}

/** Edits an assignment that is not under way yet (draft or assigned); the team sees the change live. */
export async function updateAssignment(
  w: WriteContext,
  assignmentId: string,
  input: AssignmentInput,
): Promise<Assignment> {
  const before = await getAssignment(w.trx, assignmentId);
  if (before.status !== "draft" && before.status !== "assigned") {
    throw new AtharError(
      "invalid_state_transition",
      `an assignment that is ${before.status} can no longer be edited`,
      [{ path: "status", message: before.status }],
    );
  }
  const team = input.teamId ? await teamOfSite(w, before.siteId, input.teamId) : null;
  if (team) checkTeamMethod(team, input.methodId);
  if (before.status === "assigned" && !team) {
    throw new AtharError("validation_failed", "an assigned assignment keeps a team; abort it instead", [
      { path: "teamId", message: "required" },
    ]);
  }
  const { segments } = await resolveSegments(w, before.siteId, input);
  const at = w.now.toISOString();
  await w.trx
    .updateTable("assignments")
    .set({
      team_id: input.teamId,
      title: input.title,
      method_id: input.methodId,
      planned_minutes: input.plannedMinutes,
      asr_target: input.asrTarget,
      safety_notes: input.safetyNotes,
      notes: input.notes,
      updated_at: at,
    })
    .where("id", "=", assignmentId)
    .execute();
  await w.trx.deleteFrom("assignment_segments").where("assignment_id", "=", assignmentId).execute();
  await w.trx
    .insertInto("assignment_segments")
    .values(
      segments.map((s, position) => ({
        assignment_id: assignmentId,
        position,
        segment_id: s.segmentId,
        segment_kind: s.kind,
        label: s.label,
        level_id: s.levelId,
        area_m2: s.areaM2,
      })),
    )
    .execute();
  await w.audit({
    action: "assignment.update",
    entityType: "assignment",
    entityId: assignmentId,
    before,
    after: input,
  });
  if (before.status === "assigned" && team) {
    if (team.id !== before.teamId)
      await recordTransition(
        w,
        assignmentId,
        "assigned",
        "assigned",
        team.id,
        `reassigned to ${team.callSign}`,
      );
    await ensureWorksites(
      w,
      before.siteId,
      team,
      segments.map((s) => s.segmentId),
    );
  }
  await appendOpsLog(w, before.siteId, {
    type: "ops.assignment.updated",
    entityType: "assignment",
    entityId: assignmentId,
    summary: { status: before.status, teamId: input.teamId, previousTeamId: before.teamId },
  });
  const after = await getAssignment(w.trx, assignmentId);
  after.warnings = await warningsFor(w, team, input.plannedMinutes, segments, input.methodId);
  return after;
}

function refuse(from: AssignmentStatus, to: AssignmentStatus): never {
  throw new AtharError("invalid_state_transition", `an assignment cannot go from ${from} to ${to}`, [
    { path: "status", message: from },
  ]);
}

/**
 * Moves an assignment one step. `assign` may name the team (else the one already set); `start` and `abort`
 * take no team. Completion is not done here: only a field report completes an assignment.
 */
export async function transitionAssignment(
  w: WriteContext,
  assignmentId: string,
  to: "assigned" | "in_progress" | "aborted",
  options: { teamId?: string; reason?: string; at?: string } = {},
): Promise<Assignment> {
  const before = await getAssignment(w.trx, assignmentId);
  if (!mayTransition(before.status, to)) refuse(before.status, to);
  let teamId = before.teamId;
  let team: Team | null = null;
  if (to === "assigned") {
    teamId = options.teamId ?? before.teamId;
    if (!teamId) {
      throw new AtharError("validation_failed", "say which team to assign", [
        { path: "teamId", message: "required" },
      ]);
    }
    team = await teamOfSite(w, before.siteId, teamId);
    checkTeamMethod(team, before.methodId);
  }
  const at = w.now.toISOString();
  // Guard against a concurrent step: only the status we read may change.
  const result = await w.trx
    .updateTable("assignments")
    .set({ status: to, team_id: teamId, updated_at: at })
    .where("id", "=", assignmentId)
    .where("status", "=", before.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) refuse(before.status, to);
  await w.audit({
    action: `assignment.${to === "in_progress" ? "start" : to === "assigned" ? "assign" : "abort"}`,
    entityType: "assignment",
    entityId: assignmentId,
    before: { status: before.status, teamId: before.teamId },
    after: { status: to, teamId, reason: options.reason ?? "" },
  });
  const reason =
    options.reason ?? (to === "assigned" ? "assigned" : to === "in_progress" ? "started" : "aborted");
  await recordTransition(w, assignmentId, before.status, to, teamId, reason, null, options.at ?? at);
  if (team)
    await ensureWorksites(
      w,
      before.siteId,
      team,
      before.segments.map((s) => s.segmentId),
    );
  await appendOpsLog(w, before.siteId, {
    type: "ops.assignment.transitioned",
    entityType: "assignment",
    entityId: assignmentId,
    summary: { from: before.status, to, teamId },
  });
  return getAssignment(w.trx, assignmentId);
}

/**
 * Completes an assignment from a report (assigned → in_progress → completed when the team never pressed
 * start, e.g. offline). Internal to field reports.
 */
export async function completeFromReport(
  w: WriteContext,
  assignment: Assignment,
  reportId: string,
  startedAt: string | null,
): Promise<void> {
  const at = w.now.toISOString();
  // Only the status we read may change; a step taken meanwhile (an abort) makes the caller try again.
  const result = await w.trx
    .updateTable("assignments")
    .set({ status: "completed", report_id: reportId, updated_at: at })
    .where("id", "=", assignment.id)
    .where("status", "=", assignment.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) refuse(assignment.status, "completed");
  let seq = assignment.transitions.at(-1)?.seq ?? 0;
  const step = (from: AssignmentStatus, to: AssignmentStatus, reason: string, when: string) => ({
    id: newId(),
    assignment_id: assignment.id,
    seq: ++seq,
    from_status: from,
    to_status: to,
    team_id: assignment.teamId,
    at: when,
    actor_id: w.actor.id,
    actor_name: w.actor.name,
    reason,
    report_id: reportId,
  });
  const steps = [];
  if (assignment.status === "assigned") {
    steps.push(step("assigned", "in_progress", "started (implied by the report)", startedAt ?? at));
  }
  steps.push(step("in_progress", "completed", "completed by report", at));
  await w.trx.insertInto("assignment_transitions").values(steps).execute();
}
