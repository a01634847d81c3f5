/**
 * The operations log of a site: every change to teams, assignments, reports, breach tasks and attachments, in
 * order, numbered per site. Each entry is also announced live (`ops.*` events carry the entry's `seq`), so a
 * board that missed events while disconnected asks for the entries after the last `seq` it saw.
 */
import { type Kysely, sql } from "kysely";
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
  const at = w.now.toISOString();
  // One statement: the next number and the row together (this runs under the audit lock on every write).
  const inserted = await w.trx
    .insertInto("ops_events")
    .columns(["site_id", "seq", "at", "type", "entity_type", "entity_id", "actor_name", "summary_json"])
    .expression((eb) =>
      eb
        .selectFrom("ops_events")
        .select([
          sql<string>`${siteId}`.as("site_id"),
          sql<number>`coalesce(max(seq), 0) + 1`.as("seq"),
          sql<string>`${at}`.as("at"),
          sql<string>`${entry.type}`.as("type"),
          sql<string>`${entry.entityType}`.as("entity_type"),
          sql<string>`${entry.entityId}`.as("entity_id"),
          sql<string>`${w.actor.name}`.as("actor_name"),
          sql<string>`${JSON.stringify(entry.summary)}`.as("summary_json"),
        ])
        .where("site_id", "=", siteId),
    )
    .returning("seq")
    .executeTakeFirstOrThrow();
  const seq = Number(inserted.seq);
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
