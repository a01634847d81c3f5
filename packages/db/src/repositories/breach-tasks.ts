/**
 * Breach tasks: a barrier (a locked or sealed opening, or a wall in the way) that keeps teams out of a
 * segment. A field report with `barrier_met` opens one; a coordinator can open one by hand. Lifecycle
 *   open → in_progress → done | cancelled   (open may go straight to done or cancelled).
 * When a task is done its opening becomes `breached` in the site model, and every segment of the search log
 * that this makes reachable is marked reachable again (segment.reachability.changed), so the planner can send
 * teams in.
 */
import { AtharError, newId, notFound } from "@athar/core";
import type { SearchLogEvent } from "@athar/search";
import type { Kysely, Selectable } from "kysely";
import { readLogKnowledge, readSiteModel } from "../ops/search-segments";
import type { BreachTasksTable, Database } from "../schema";
import type { WriteContext } from "../store";
import { appendOpsLog } from "./ops-log";
import { appendSearchEvents } from "./search-log";
import { getOpening, siteIdOfOpening, updateOpening } from "./sites";

export const BREACH_TASK_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export type BreachTaskStatus = (typeof BREACH_TASK_STATUSES)[number];

const NEXT: Readonly<Record<BreachTaskStatus, readonly BreachTaskStatus[]>> = {
  open: ["in_progress", "done", "cancelled"],
  in_progress: ["done", "cancelled", "open"],
  done: [],
  cancelled: [],
};

export interface BreachTaskInput {
  openingId: string | null;
  segmentId: string | null;
  reportId: string | null;
  teamId: string | null;
  description: string;
}

export interface BreachTask extends BreachTaskInput {
  id: string;
  siteId: string;
  status: BreachTaskStatus;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  closedBy: string | null;
  closedAt: string | null;
}

const toTask = (row: Selectable<BreachTasksTable>): BreachTask => ({
  id: row.id,
  siteId: row.site_id,
  openingId: row.opening_id,
  segmentId: row.segment_id,
  reportId: row.report_id,
  teamId: row.team_id,
  status: row.status as BreachTaskStatus,
  description: row.description,
  createdBy: row.created_by,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  closedBy: row.closed_by,
  closedAt: row.closed_at,
});

export async function getBreachTask(db: Kysely<Database>, taskId: string): Promise<BreachTask> {
  const row = await db.selectFrom("breach_tasks").selectAll().where("id", "=", taskId).executeTakeFirst();
  if (!row) throw notFound("breach task");
  return toTask(row);
}

export async function siteIdOfBreachTask(db: Kysely<Database>, taskId: string): Promise<string> {
  return (await getBreachTask(db, taskId)).siteId;
}

export async function listBreachTasks(
  db: Kysely<Database>,
  siteId: string,
  options: { status?: BreachTaskStatus[]; limit?: number } = {},
): Promise<BreachTask[]> {
  let query = db.selectFrom("breach_tasks").selectAll().where("site_id", "=", siteId);
  if (options.status && options.status.length > 0) query = query.where("status", "in", options.status);
  const rows = await query
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(options.limit ?? 500)
    .execute();
  return rows.map(toTask);
}

async function checkReferences(
  w: WriteContext,
  siteId: string,
  input: Pick<BreachTaskInput, "openingId" | "teamId">,
): Promise<void> {
  if (input.openingId) {
    const openingSite = await siteIdOfOpening(w.trx, input.openingId).catch(() => null);
    if (openingSite !== siteId) {
      throw new AtharError("dangling_reference", `opening ${input.openingId} is not on this site`, [
        { path: "openingId", message: "no such opening on this site" },
      ]);
    }
  }
  if (input.teamId) {
    const team = await w.trx
      .selectFrom("teams")
      .select("site_id")
      .where("id", "=", input.teamId)
      .executeTakeFirst();
    if (team?.site_id !== siteId) {
      throw new AtharError("dangling_reference", `team ${input.teamId} does not work on this site`, [
        { path: "teamId", message: "no such team on this site" },
      ]);
    }
  }
}

/** Opens a breach task inside a write that has already audited (a report); returns its id. */
export async function createBreachTaskInWrite(
  w: WriteContext,
  siteId: string,
  input: BreachTaskInput,
  id: string = newId(),
): Promise<string> {
  await checkReferences(w, siteId, input);
  const at = w.now.toISOString();
  await w.trx
    .insertInto("breach_tasks")
    .values({
      id,
      site_id: siteId,
      opening_id: input.openingId,
      segment_id: input.segmentId,
      report_id: input.reportId,
      team_id: input.teamId,
      status: "open",
      description: input.description,
      created_by: w.actor.name,
      created_at: at,
      updated_at: at,
      closed_by: null,
      closed_at: null,
    })
    .execute();
  await w.audit({
    action: "breach_task.create",
    entityType: "breach_task",
    entityId: id,
    after: { siteId, ...input },
  });
  await appendOpsLog(w, siteId, {
    type: "ops.breach_task.created",
    entityType: "breach_task",
    entityId: id,
    summary: { openingId: input.openingId, segmentId: input.segmentId, reportId: input.reportId },
  });
  return id;
}

export async function createBreachTask(
  w: WriteContext,
  siteId: string,
  input: BreachTaskInput,
): Promise<BreachTask> {
  const site = await w.trx.selectFrom("sites").select("id").where("id", "=", siteId).executeTakeFirst();
  if (!site) throw notFound("site");
  return getBreachTask(w.trx, await createBreachTaskInWrite(w, siteId, input));
}

export async function updateBreachTask(
  w: WriteContext,
  taskId: string,
  change: { status: BreachTaskStatus; teamId?: string | null; note?: string },
): Promise<BreachTask> {
  const before = await getBreachTask(w.trx, taskId);
  if (change.status !== before.status && !NEXT[before.status].includes(change.status)) {
    throw new AtharError(
      "invalid_state_transition",
      `a breach task cannot go from ${before.status} to ${change.status}`,
      [{ path: "status", message: before.status }],
    );
  }
  const teamId = change.teamId === undefined ? before.teamId : change.teamId;
  await checkReferences(w, before.siteId, { openingId: null, teamId });
  const at = w.now.toISOString();
  const closing = change.status === "done" || change.status === "cancelled";
  const result = await w.trx
    .updateTable("breach_tasks")
    .set({
      status: change.status,
      team_id: teamId,
      updated_at: at,
      closed_by: closing ? w.actor.name : null,
      closed_at: closing ? at : null,
    })
    .where("id", "=", taskId)
    .where("status", "=", before.status)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) {
    throw new AtharError("invalid_state_transition", "the breach task changed meanwhile", [
      { path: "status", message: "changed" },
    ]);
  }
  await w.audit({
    action: "breach_task.update",
    entityType: "breach_task",
    entityId: taskId,
    before: { status: before.status, teamId: before.teamId },
    after: { status: change.status, teamId, note: change.note ?? "" },
  });
  let reopened: string[] = [];
  if (change.status === "done" && before.status !== "done") reopened = await openWay(w, before);
  await appendOpsLog(w, before.siteId, {
    type: "ops.breach_task.updated",
    entityType: "breach_task",
    entityId: taskId,
    summary: { from: before.status, to: change.status, teamId, reachableAgain: reopened.length },
  });
  return getBreachTask(w.trx, taskId);
}

/**
 * The barrier is gone: the opening is breached in the site model, and the segments that are now reachable
 * (and the task's own segment) become reachable in the search log. Returns those segment ids.
 */
async function openWay(w: WriteContext, task: BreachTask): Promise<string[]> {
  if (task.openingId) {
    const opening = await getOpening(w.trx, task.openingId).catch(() => null);
    if (opening && opening.barrier.state !== "breached") {
      const { id: _id, ...input } = opening;
      await updateOpening(w, task.openingId, { ...input, barrier: { ...input.barrier, state: "breached" } });
    }
  }
  const knowledge = await readLogKnowledge(w.trx, task.siteId);
  const model = await readSiteModel(w.trx, task.siteId);
  const stillBlocked = new Set(
    (
      await w.trx
        .selectFrom("breach_tasks")
        .select("segment_id")
        .where("site_id", "=", task.siteId)
        .where("status", "in", ["open", "in_progress"])
        .where("id", "!=", task.id)
        .execute()
    )
      .map((r) => r.segment_id)
      .filter((id): id is string => id !== null),
  );
  const events: SearchLogEvent[] = [];
  for (const [segmentId, known] of knowledge.segments) {
    if (known.reachable || stillBlocked.has(segmentId)) continue;
    const nowReachable =
      segmentId === task.segmentId || (model.spaces.has(segmentId) && model.reach.reachable.has(segmentId));
    if (!nowReachable) continue;
    events.push({
      id: `ops-breach:${task.id}:${events.length}`,
      type: "segment.reachability.changed",
      at: w.now.toISOString(),
      segmentId,
      reachable: true,
      reason: `breach task done: ${task.description}`.slice(0, 10_000),
    });
  }
  if (events.length > 0) await appendSearchEvents(w, task.siteId, events);
  return events.map((e) => (e.type === "segment.reachability.changed" ? e.segmentId : ""));
}
