import type { Kysely } from "kysely";

/**
 * The search log of each site: every change to segments, evidence, parameters and every search, in order.
 * The probabilities Athar shows are a pure function of this log (packages/search, foldSearchLog), so the
 * log is the record; nothing derived from it is stored.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("search_events")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("event_id", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text")
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("payload_json", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("search_events_pk", ["site_id", "seq"])
    .addUniqueConstraint("search_events_event_id", ["site_id", "event_id"])
    .execute();
  await db.schema
    .createIndex("search_events_type")
    .on("search_events")
    .columns(["site_id", "type"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("search_events").execute();
}
