import type { Kysely } from "kysely";

/**
 * What an imported IMDF archive carries beyond the site model (migration 0005): level outlines, footprints,
 * wall bodies, holes, relationships, IMDF categories and properties, files Athar does not read. Hidden-space
 * analysis needs the outlines and walls, and export writes the rest back. One row per site that was filled
 * from an archive; see docs/decisions/site-analysis-imdf-storage.md.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("site_plan_extras")
    .addColumn("site_id", "text", (c) => c.primaryKey().references("sites.id").onDelete("cascade"))
    .addColumn("source_name", "text", (c) => c.notNull())
    .addColumn("source_sha256", "text", (c) => c.notNull())
    .addColumn("source_bytes", "integer", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .addColumn("imported_by", "text", (c) => c.notNull())
    .addColumn("extras_json", "text", (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable("site_plan_extras").execute();
}
