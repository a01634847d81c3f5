import type { Kysely } from "kysely";

/**
 * The tracing registry: person records with their status statements and search keys, families' inquiries,
 * proposed matches and their review, reversible merges, the found persons' consents, the notification
 * outbox, PFIF records as received, the public form's rate-limit log, and the linkage model. Same column
 * subset as 0001: text ids and ISO timestamps, JSON as text, 0/1 integers, double precision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable("persons")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("cluster_id", "text", (c) => c.notNull())
    .addColumn("source_kind", "text", (c) => c.notNull())
    .addColumn("source_json", "text", (c) => c.notNull())
    .addColumn("fields_json", "text", (c) => c.notNull())
    // Informants, reporters and photographs: kept apart so that no query returns them by accident.
    .addColumn("restricted_json", "text", (c) => c.notNull())
    .addColumn("display_name", "text", (c) => c.notNull())
    .addColumn("sex", "text", (c) => c.notNull())
    .addColumn("birth_year", "integer")
    .addColumn("governorate", "text")
    .addColumn("national_id", "text")
    .addColumn("prisoner_number", "text")
    .addColumn("external_system", "text")
    .addColumn("external_id", "text")
    .addColumn("current_status", "text", (c) => c.notNull())
    .addColumn("status_conflicting", "integer", (c) => c.notNull())
    .addColumn("search_key_version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("version", "integer", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("persons_cluster").on("persons").column("cluster_id").execute();
  await db.schema.createIndex("persons_national_id").on("persons").column("national_id").execute();
  await db.schema.createIndex("persons_prisoner_number").on("persons").column("prisoner_number").execute();
  await db.schema
    .createIndex("persons_external")
    .on("persons")
    .columns(["external_system", "external_id"])
    .execute();
  await db.schema.createIndex("persons_updated").on("persons").column("updated_at").execute();

  await db.schema
    .createTable("person_statuses")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("person_id", "text", (c) => c.notNull().references("persons.id").onDelete("cascade"))
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("source_reference", "text", (c) => c.notNull())
    .addColumn("stated_on_json", "text")
    .addColumn("documented", "integer", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("person_statuses_person").on("person_statuses").column("person_id").execute();

  await db.schema
    .createTable("person_name_keys")
    .addColumn("person_id", "text", (c) => c.notNull().references("persons.id").onDelete("cascade"))
    .addColumn("key", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("person_name_keys_pk", ["person_id", "key"])
    .execute();
  await db.schema.createIndex("person_name_keys_key").on("person_name_keys").column("key").execute();

  await db.schema
    .createTable("person_pfif")
    .addColumn("person_id", "text", (c) => c.primaryKey().references("persons.id").onDelete("cascade"))
    .addColumn("fields_json", "text", (c) => c.notNull())
    .addColumn("extensions_json", "text", (c) => c.notNull())
    // SHA-256 of the record's content right after the import: while it is unchanged, export what came in.
    .addColumn("imported_hash", "text", (c) => c.notNull())
    .addColumn("imported_at", "text", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("pfif_notes")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("person_id", "text", (c) => c.notNull().references("persons.id").onDelete("cascade"))
    .addColumn("note_record_id", "text", (c) => c.notNull().unique())
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("fields_json", "text", (c) => c.notNull())
    .addColumn("statement_id", "text")
    .addColumn("imported_at", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("pfif_notes_person").on("pfif_notes").column("person_id").execute();

  await db.schema
    .createTable("inquiries")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("status", "text", (c) => c.notNull())
    .addColumn("relationship", "text", (c) => c.notNull())
    .addColumn("requester_json", "text", (c) => c.notNull())
    .addColumn("circumstances", "text", (c) => c.notNull())
    .addColumn("consent_json", "text", (c) => c.notNull())
    .addColumn("sought_person_id", "text", (c) => c.notNull().references("persons.id"))
    // SHA-256 of the canonical receipt code of a public inquiry; the code itself is never stored.
    .addColumn("receipt_hash", "text", (c) => c.unique())
    .addColumn("language", "text", (c) => c.notNull())
    .addColumn("closed_reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("inquiries_status").on("inquiries").columns(["status", "created_at"]).execute();
  await db.schema.createIndex("inquiries_person").on("inquiries").column("sought_person_id").execute();

  await db.schema
    .createTable("public_requests")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("address_hash", "text", (c) => c.notNull())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("at", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("public_requests_address")
    .on("public_requests")
    .columns(["address_hash", "kind", "at"])
    .execute();

  await db.schema
    .createTable("match_candidates")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("left_person_id", "text", (c) => c.notNull().references("persons.id").onDelete("cascade"))
    .addColumn("right_person_id", "text", (c) => c.notNull().references("persons.id").onDelete("cascade"))
    .addColumn("inquiry_id", "text", (c) => c.references("inquiries.id").onDelete("cascade"))
    .addColumn("probability", "double precision", (c) => c.notNull())
    .addColumn("match_weight", "double precision", (c) => c.notNull())
    .addColumn("guarded", "integer", (c) => c.notNull())
    .addColumn("explanation_json", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("left_version", "integer", (c) => c.notNull())
    .addColumn("right_version", "integer", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("updated_at", "text", (c) => c.notNull())
    .addColumn("decided_at", "text")
    .addColumn("decided_by", "text")
    .addColumn("reason", "text", (c) => c.notNull())
    .addUniqueConstraint("match_candidates_pair", ["left_person_id", "right_person_id"])
    .execute();
  await db.schema
    .createIndex("match_candidates_queue")
    .on("match_candidates")
    .columns(["state", "kind", "probability"])
    .execute();
  await db.schema
    .createIndex("match_candidates_right")
    .on("match_candidates")
    .column("right_person_id")
    .execute();
  await db.schema
    .createIndex("match_candidates_inquiry")
    .on("match_candidates")
    .column("inquiry_id")
    .execute();

  await db.schema
    .createTable("merges")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("target_cluster_id", "text", (c) => c.notNull())
    .addColumn("merged_cluster_id", "text", (c) => c.notNull())
    .addColumn("member_ids_json", "text", (c) => c.notNull())
    .addColumn("candidate_id", "text", (c) => c.references("match_candidates.id").onDelete("set null"))
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("undone_at", "text")
    .addColumn("undone_by", "text")
    .addColumn("undo_reason", "text")
    .execute();
  await db.schema.createIndex("merges_target").on("merges").column("target_cluster_id").execute();
  await db.schema.createIndex("merges_merged").on("merges").column("merged_cluster_id").execute();

  await db.schema
    .createTable("disclosure_consents")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("person_id", "text", (c) => c.notNull().references("persons.id").onDelete("cascade"))
    .addColumn("decision", "text", (c) => c.notNull())
    .addColumn("scopes_json", "text", (c) => c.notNull())
    .addColumn("inquiry_id", "text", (c) => c.references("inquiries.id").onDelete("cascade"))
    .addColumn("obtained_how", "text", (c) => c.notNull())
    .addColumn("note", "text", (c) => c.notNull())
    .addColumn("recorded_at", "text", (c) => c.notNull())
    .addColumn("recorded_by", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("disclosure_consents_person")
    .on("disclosure_consents")
    .column("person_id")
    .execute();

  await db.schema
    .createTable("outbox_messages")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("inquiry_id", "text", (c) => c.notNull().references("inquiries.id").onDelete("cascade"))
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("channel", "text", (c) => c.notNull())
    .addColumn("recipient_json", "text", (c) => c.notNull())
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("state", "text", (c) => c.notNull())
    .addColumn("basis_json", "text", (c) => c.notNull())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("created_by", "text", (c) => c.notNull())
    .addColumn("approved_at", "text")
    .addColumn("approved_by", "text")
    .addColumn("sent_at", "text")
    .addColumn("sent_by", "text")
    .addColumn("cancelled_at", "text")
    .addColumn("cancelled_by", "text")
    .addColumn("cancel_reason", "text", (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex("outbox_messages_state")
    .on("outbox_messages")
    .columns(["state", "created_at"])
    .execute();
  await db.schema.createIndex("outbox_messages_inquiry").on("outbox_messages").column("inquiry_id").execute();

  await db.schema
    .createTable("linkage_models")
    .addColumn("id", "text", (c) => c.primaryKey())
    .addColumn("created_at", "text", (c) => c.notNull())
    .addColumn("records", "integer", (c) => c.notNull())
    .addColumn("model_json", "text", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("linkage_models_created").on("linkage_models").column("created_at").execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    "linkage_models",
    "outbox_messages",
    "disclosure_consents",
    "merges",
    "match_candidates",
    "public_requests",
    "inquiries",
    "pfif_notes",
    "person_pfif",
    "person_name_keys",
    "person_statuses",
    "persons",
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
