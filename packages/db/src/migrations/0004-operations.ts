import type { Kysely } from "kysely";

/**
 * Search operations: teams, assignments with their lifecycle, field reports (idempotent, with conflicts kept),
 * INSARAG worksites, breach tasks, attachments with their chain of custody, and the per-site operations log
 * the live board reads. Same column subset as 0001: text, integer, double precision; JSON as text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("teams")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
    .addColumn("call_sign", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("organisation", "text", (c) => c.notNull())
    .addColumn("capabilities_json", "text", (c) => c.notNull())
    .addColumn("members_json", "text", (c) => c.notNull())
    .addColumn("leader_user_id", "text", (c) => c.references("users.id").onDelete("set null"))
    .addColumn("availability", "text", (c) => c.notNull())
    .addColumn("work_limit_minutes", "integer", (c) => c.notNull())
    .addColumn("shift_started_at", "text")
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addUniqueConstraint("teams_site_call_sign", ["site_id", "call_sign"])
    .execute();
  await db.schema.createIndex("teams_leader").on("teams").column("leader_user_id").execute();

  await db.schema
    .createTable("assignments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
    .addColumn("team_id", "text", (c) => c.references("teams.id").onDelete("set null"))
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("method_id", "text", (c) => c.notNull())
    .addColumn("planned_minutes", "integer", (c) => c.notNull())
    .addColumn("asr_target", "integer", (c) => c.notNull())
    .addColumn("safety_notes", "text", (c) => c.notNull())
    .addColumn("notes", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("report_id", "text")
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("assignments_site_status")
    .on("assignments")
    .columns(["site_id", "status"])
    .execute();
  await db.schema.createIndex("assignments_team").on("assignments").column("team_id").execute();

  await db.schema
    .createTable("assignment_segments")
    .addColumn("assignment_id", "text", (c) => c.notNull().references("assignments.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("segment_id", "text", (c) => c.notNull())
    .addColumn("segment_kind", "text", (c) => c.notNull())
    .addColumn("label", "text", (c) => c.notNull())
    .addColumn("level_id", "text")
    .addColumn("area_m2", "double precision")
    .addPrimaryKeyConstraint("assignment_segments_pk", ["assignment_id", "segment_id"])
    .execute();
  // Marking a worksite reads every earlier report on its segment.
  await db.schema
    .createIndex("assignment_segments_segment")
    .on("assignment_segments")
    .column("segment_id")
    .execute();

  await db.schema
    .createTable("assignment_transitions")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("assignment_id", "text", (c) => c.notNull().references("assignments.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("from_status", "text")
    .addColumn("to_status", "text", (c) => c.notNull())
    .addColumn("team_id", "text")
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("report_id", "text")
    .addUniqueConstraint("assignment_transitions_seq", ["assignment_id", "seq"])
    .execute();

  await db.schema
    .createTable("field_reports")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
    .addColumn("assignment_id", "text", (c) => c.notNull().references("assignments.id").onDelete("cascade"))
    .addColumn("team_id", "text")
    .addColumn("idempotency_key", "text", (c) => c.notNull())
    .addColumn("request_hash", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("conflict_reason", "text")
    .addColumn("resolved_by", "text")
    .addColumn("resolved_at", "text")
    .addColumn("resolution_note", "text")
    .addColumn("counted", "integer", (c) => c.notNull())
    .addColumn("body_json", "text", (c) => c.notNull())
    .addColumn("effort_minutes", "double precision", (c) => c.notNull())
    .addColumn("outcome", "text", (c) => c.notNull())
    .addColumn("search_event_ids_json", "text", (c) => c.notNull())
    .addColumn("marking_json", "text", (c) => c.notNull())
    .addColumn("submitted_by_id", "text")
    .addColumn("submitted_by_name", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .addUniqueConstraint("field_reports_site_key", ["site_id", "idempotency_key"])
    .execute();
  await db.schema
    .createIndex("field_reports_assignment")
    .on("field_reports")
    .column("assignment_id")
    .execute();
  await db.schema
    .createIndex("field_reports_site_status")
    .on("field_reports")
    .columns(["site_id", "status"])
    .execute();
  await db.schema
    .createIndex("field_reports_team")
    .on("field_reports")
    .columns(["team_id", "received_at"])
    .execute();

  await db.schema
    .createTable("worksites")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
    .addColumn("segment_id", "text", (c) => c.notNull())
    .addColumn("code", "text", (c) => c.notNull())
    .addColumn("opened_by_team_id", "text")
    .addColumn("created_at", "text", (c) => c.notNull())
    .addUniqueConstraint("worksites_site_segment", ["site_id", "segment_id"])
    .addUniqueConstraint("worksites_site_code", ["site_id", "code"])
    .execute();

  await db.schema
    .createTable("breach_tasks")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
    .addColumn("opening_id", "text", (c) => c.references("openings.id").onDelete("set null"))
    .addColumn("segment_id", "text")
    .addColumn("report_id", "text")
    .addColumn("team_id", "text", (c) => c.references("teams.id").onDelete("set null"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("closed_by", "text")
    .addColumn("closed_at", "text")
    .execute();
  await db.schema
    .createIndex("breach_tasks_site_status")
    .on("breach_tasks")
    .columns(["site_id", "status"])
    .execute();
  await db.schema.createIndex("breach_tasks_opening").on("breach_tasks").column("opening_id").execute();

  await db.schema
    .createTable("attachments")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
    .addColumn("owner_type", "text", (c) => c.notNull())
    .addColumn("owner_id", "text", (c) => c.notNull())
    .addColumn("file_name", "text", (c) => c.notNull())
    .addColumn("media_type", "text", (c) => c.notNull())
    .addColumn("size_bytes", "integer", (c) => c.notNull())
    .addColumn("sha256", "text", (c) => c.notNull())
    .addColumn("storage_key", "text", (c) => c.notNull())
    .addColumn("description", "text", (c) => c.notNull())
    .addColumn("uploaded_by_id", "text")
    .addColumn("uploaded_by_name", "text", (c) => c.notNull())
    .addColumn("received_at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("attachments_owner")
    .on("attachments")
    .columns(["site_id", "owner_type", "owner_id"])
    .execute();

  await db.schema
    .createTable("custody_events")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("attachment_id", "text", (c) => c.notNull().references("attachments.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("action", "text", (c) => c.notNull())
    .addColumn("actor_id", "text")
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("detail", "text", (c) => c.notNull())
    .addUniqueConstraint("custody_events_seq", ["attachment_id", "seq"])
    .execute();

  await db.schema
    .createTable("ops_events")
    .addColumn("site_id", "text", (c) => c.notNull().references("sites.id").onDelete("cascade"))
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("entity_type", "text", (c) => c.notNull())
    .addColumn("entity_id", "text", (c) => c.notNull())
    .addColumn("actor_name", "text", (c) => c.notNull())
    .addColumn("summary_json", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("ops_events_pk", ["site_id", "seq"])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "ops_events",
    "custody_events",
    "attachments",
    "breach_tasks",
    "worksites",
    "field_reports",
    "assignment_transitions",
    "assignment_segments",
    "assignments",
    "teams",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
