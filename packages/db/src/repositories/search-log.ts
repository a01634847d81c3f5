/**
 * The search log in storage. Appending validates each event with the engine's parser, gives it the next
 * position in its site's log, audits it and announces it live. Reading returns the events in log order,
 * ready for `foldSearchLog`.
 */
import { AtharError } from "@athar/core";
import { parseSearchLogEvent, type SearchLogEvent } from "@athar/search";
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { WriteContext } from "../store";

export interface StoredSearchEvent {
  seq: number;
  recordedBy: string | null;
  recordedAt: string;
  event: SearchLogEvent;
}

export async function appendSearchEvents(
  w: WriteContext,
  siteId: string,
  events: readonly unknown[],
): Promise<StoredSearchEvent[]> {
  const parsed = events.map((event, index) => parseSearchLogEvent(event, `events.${index}`));
  const stored: StoredSearchEvent[] = [];
  for (const event of parsed) {
    // Auditing first takes the audit head lock, which also orders concurrent appends to this log.
    await w.audit({
      action: `search.${event.type}`,
      entityType: "search_event",
      entityId: event.id,
      after: { siteId, event },
    });
    const duplicate = await w.trx
      .selectFrom("search_events")
      .select("seq")
      .where("site_id", "=", siteId)
      .where("event_id", "=", event.id)
      .executeTakeFirst();
    if (duplicate) throw new AtharError("conflict", `event ${event.id} is already in this site's search log`);
    const last = await w.trx
      .selectFrom("search_events")
      .select((eb) => eb.fn.max<number>("seq").as("seq"))
      .where("site_id", "=", siteId)
      .executeTakeFirst();
    const seq = Number(last?.seq ?? 0) + 1;
    const row = {
      site_id: siteId,
      seq,
      event_id: event.id,
      type: event.type,
      at: event.at,
      recorded_by: w.actor.id,
      recorded_at: w.now.toISOString(),
      payload_json: JSON.stringify(event),
    };
    await w.trx.insertInto("search_events").values(row).execute();
    stored.push({ seq, recordedBy: row.recorded_by, recordedAt: row.recorded_at, event });
  }
  if (stored.length > 0) {
    w.emit({
      type: "search.log.appended",
      siteId,
      entityId: null,
      data: { types: [...new Set(parsed.map((e) => e.type))], lastSeq: stored.at(-1)?.seq },
    });
  }
  return stored;
}

export async function listSearchEvents(
  db: Kysely<Database>,
  siteId: string,
  options: { uptoSeq?: number } = {},
): Promise<StoredSearchEvent[]> {
  let query = db.selectFrom("search_events").selectAll().where("site_id", "=", siteId).orderBy("seq");
  if (options.uptoSeq !== undefined) query = query.where("seq", "<=", options.uptoSeq);
  const rows = await query.execute();
  return rows.map((row) => ({
    seq: row.seq,
    recordedBy: row.recorded_by,
    recordedAt: row.recorded_at,
    event: JSON.parse(row.payload_json) as SearchLogEvent,
  }));
}
