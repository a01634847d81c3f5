/**
 * The operations log of a site: every change to teams, assignments, reports, breach tasks and attachments, in
 * order, numbered per site. Each entry is also announced live (`ops.*` events carry the entry's `seq`), so a
 * board that missed events while disconnected asks for the entries after the last `seq` it saw.
 */
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { WriteContext } from "../store";

export interface OpsLogEntry {
  seq: number;
  at: string;
  type: string;
  entityType: string;
  entityId: string;
  actorName: string;
  summary: Record<string, unknown>;
}

/**
 * Appends an entry and queues its live event. Must run after the write has audited something: the audit
 * head lock is what makes `max(seq) + 1` safe against concurrent writers.
 */
export async function appendOpsLog(
  w: WriteContext,
  siteId: string,
  entry: { type: string; entityType: string; entityId: string; summary: Record<string, unknown> },
): Promise<OpsLogEntry> {
  const last = await w.trx
    .selectFrom("ops_events")
    .select((eb) => eb.fn.max<number>("seq").as("seq"))
    .where("site_id", "=", siteId)
    .executeTakeFirst();
  const seq = Number(last?.seq ?? 0) + 1;
  const at = w.now.toISOString();
  await w.trx
    .insertInto("ops_events")
    .values({
      site_id: siteId,
      seq,
      at,
      type: entry.type,
      entity_type: entry.entityType,
      entity_id: entry.entityId,
      actor_name: w.actor.name,
      summary_json: JSON.stringify(entry.summary),
    })
    .execute();
  w.emit({ type: entry.type, siteId, entityId: entry.entityId, data: { seq, ...entry.summary } });
  return {
    seq,
    at,
    type: entry.type,
    entityType: entry.entityType,
    entityId: entry.entityId,
    actorName: w.actor.name,
    summary: entry.summary,
  };
}

export async function listOpsLog(
  db: Kysely<Database>,
  siteId: string,
  options: { afterSeq?: number; beforeSeq?: number; limit: number },
): Promise<OpsLogEntry[]> {
  let query = db.selectFrom("ops_events").selectAll().where("site_id", "=", siteId);
  if (options.afterSeq !== undefined) query = query.where("seq", ">", options.afterSeq);
  if (options.beforeSeq !== undefined) query = query.where("seq", "<", options.beforeSeq);
  // After a cursor: oldest first (catching up); otherwise the newest first (the log on the board).
  query = options.afterSeq !== undefined ? query.orderBy("seq", "asc") : query.orderBy("seq", "desc");
  const rows = await query.limit(options.limit).execute();
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at,
    type: row.type,
    entityType: row.entity_type,
    entityId: row.entity_id,
    actorName: row.actor_name,
    summary: JSON.parse(row.summary_json) as Record<string, unknown>,
  }));
}
