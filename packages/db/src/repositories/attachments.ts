/**
 * Attachments (photos, video, documents) of field reports, evidence, assignments and breach tasks, and their
 * chain of custody. The bytes live in a BlobStore under their SHA-256; the row records the hash, size, media
 * type, who sent it and when. Every custody step (received, viewed, exported, verified) is a numbered entry
 * per attachment, and is also in the hash-chained audit trail, so removing one is detectable.
 */
import { AtharError, newId, notFound } from "@athar/core";
import type { Kysely, Selectable } from "kysely";
import type { StoredBlob } from "../files/blob-store";
import type { AttachmentsTable, Database } from "../schema";
import type { WriteContext } from "../store";
import { appendOpsLog } from "./ops-log";

export const ATTACHMENT_OWNER_TYPES = ["report", "evidence", "assignment", "breach_task"] as const;
export type AttachmentOwnerType = (typeof ATTACHMENT_OWNER_TYPES)[number];
export const CUSTODY_ACTIONS = ["received", "viewed", "exported", "verified"] as const;
export type CustodyAction = (typeof CUSTODY_ACTIONS)[number];

export interface AttachmentInput {
  ownerType: AttachmentOwnerType;
  ownerId: string;
  fileName: string;
  mediaType: string;
  description: string;
}

export interface Attachment extends AttachmentInput {
  id: string;
  siteId: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: { id: string | null; name: string };
  receivedAt: string;
}

export interface CustodyEntry {
  seq: number;
  action: CustodyAction;
  actorId: string | null;
  actorName: string;
  at: string;
  detail: string;
}

const toAttachment = (row: Selectable<AttachmentsTable>): Attachment => ({
  id: row.id,
  siteId: row.site_id,
  ownerType: row.owner_type as AttachmentOwnerType,
  ownerId: row.owner_id,
  fileName: row.file_name,
  mediaType: row.media_type,
  description: row.description,
  sizeBytes: row.size_bytes,
  sha256: row.sha256,
  uploadedBy: { id: row.uploaded_by_id, name: row.uploaded_by_name },
  receivedAt: row.received_at,
});

export async function getAttachmentRow(
  db: Kysely<Database>,
  attachmentId: string,
): Promise<Selectable<AttachmentsTable>> {
  const row = await db
    .selectFrom("attachments")
    .selectAll()
    .where("id", "=", attachmentId)
    .executeTakeFirst();
  if (!row) throw notFound("attachment");
  return row;
}

export async function getAttachment(db: Kysely<Database>, attachmentId: string): Promise<Attachment> {
  return toAttachment(await getAttachmentRow(db, attachmentId));
}

export async function siteIdOfAttachment(db: Kysely<Database>, attachmentId: string): Promise<string> {
  return (await getAttachmentRow(db, attachmentId)).site_id;
}

export async function listAttachments(
  db: Kysely<Database>,
  siteId: string,
  owner?: { ownerType: AttachmentOwnerType; ownerId: string },
): Promise<Attachment[]> {
  let query = db.selectFrom("attachments").selectAll().where("site_id", "=", siteId);
  if (owner) query = query.where("owner_type", "=", owner.ownerType).where("owner_id", "=", owner.ownerId);
  const rows = await query.orderBy("received_at", "desc").orderBy("id").limit(1000).execute();
  return rows.map(toAttachment);
}

export async function custodyOf(db: Kysely<Database>, attachmentId: string): Promise<CustodyEntry[]> {
  const rows = await db
    .selectFrom("custody_events")
    .selectAll()
    .where("attachment_id", "=", attachmentId)
    .orderBy("seq")
    .execute();
  return rows.map((r) => ({
    seq: r.seq,
    action: r.action as CustodyAction,
    actorId: r.actor_id,
    actorName: r.actor_name,
    at: r.at,
    detail: r.detail,
  }));
}

/** Throws dangling_reference unless the owner exists on this site. */
export async function assertOwnerOnSite(
  db: Kysely<Database>,
  siteId: string,
  ownerType: AttachmentOwnerType,
  ownerId: string,
): Promise<void> {
  let found = false;
  if (ownerType === "report") {
    found =
      (await db.selectFrom("field_reports").select("site_id").where("id", "=", ownerId).executeTakeFirst())
        ?.site_id === siteId;
  } else if (ownerType === "assignment") {
    found =
      (await db.selectFrom("assignments").select("site_id").where("id", "=", ownerId).executeTakeFirst())
        ?.site_id === siteId;
  } else if (ownerType === "breach_task") {
    found =
      (await db.selectFrom("breach_tasks").select("site_id").where("id", "=", ownerId).executeTakeFirst())
        ?.site_id === siteId;
  } else {
    // Evidence lives in the site's search log.
    const rows = await db
      .selectFrom("search_events")
      .select("payload_json")
      .where("site_id", "=", siteId)
      .where("type", "=", "evidence.recorded")
      .execute();
    found = rows.some(
      (r) => (JSON.parse(r.payload_json) as { evidence?: { id?: string } }).evidence?.id === ownerId,
    );
  }
  if (!found) {
    throw new AtharError("dangling_reference", `${ownerType} ${ownerId} does not exist on this site`, [
      { path: "ownerId", message: `no such ${ownerType} on this site` },
    ]);
  }
}

async function appendCustody(
  w: WriteContext,
  attachmentId: string,
  action: CustodyAction,
  detail: string,
): Promise<CustodyEntry> {
  const last = await w.trx
    .selectFrom("custody_events")
    .select((eb) => eb.fn.max<number>("seq").as("seq"))
    .where("attachment_id", "=", attachmentId)
    .executeTakeFirst();
  const entry: CustodyEntry = {
    seq: Number(last?.seq ?? 0) + 1,
    action,
    actorId: w.actor.id,
    actorName: w.actor.name,
    at: w.now.toISOString(),
    detail,
  };
  await w.trx
    .insertInto("custody_events")
    .values({
      id: newId(),
      attachment_id: attachmentId,
      seq: entry.seq,
      action,
      actor_id: entry.actorId,
      actor_name: entry.actorName,
      at: entry.at,
      detail,
    })
    .execute();
  return entry;
}

/** Records a file already stored in the BlobStore, with its first custody entry (received). */
export async function recordAttachment(
  w: WriteContext,
  siteId: string,
  input: AttachmentInput,
  blob: StoredBlob,
  detail: string,
): Promise<Attachment> {
  await assertOwnerOnSite(w.trx, siteId, input.ownerType, input.ownerId);
  const attachment: Attachment = {
    ...input,
    id: newId(),
    siteId,
    sizeBytes: blob.sizeBytes,
    sha256: blob.sha256,
    uploadedBy: { id: w.actor.id, name: w.actor.name },
    receivedAt: w.now.toISOString(),
  };
  await w.trx
    .insertInto("attachments")
    .values({
      id: attachment.id,
      site_id: siteId,
      owner_type: input.ownerType,
      owner_id: input.ownerId,
      file_name: input.fileName,
      media_type: input.mediaType,
      size_bytes: blob.sizeBytes,
      sha256: blob.sha256,
      storage_key: blob.key,
      description: input.description,
      uploaded_by_id: w.actor.id,
      uploaded_by_name: w.actor.name,
      received_at: attachment.receivedAt,
    })
    .execute();
  await w.audit({
    action: "attachment.received",
    entityType: "attachment",
    entityId: attachment.id,
    after: attachment,
  });
  await appendCustody(w, attachment.id, "received", detail);
  await appendOpsLog(w, siteId, {
    type: "ops.attachment.received",
    entityType: "attachment",
    entityId: attachment.id,
    summary: {
      ownerType: input.ownerType,
      ownerId: input.ownerId,
      mediaType: input.mediaType,
      sizeBytes: blob.sizeBytes,
    },
  });
  return attachment;
}

/** Records a custody step (viewed, exported, verified) in the custody log and the audit trail. */
export async function recordCustody(
  w: WriteContext,
  attachmentId: string,
  action: Exclude<CustodyAction, "received">,
  detail: string,
): Promise<CustodyEntry> {
  const row = await getAttachmentRow(w.trx, attachmentId);
  await w.audit({
    action: `attachment.${action}`,
    entityType: "attachment",
    entityId: attachmentId,
    after: { sha256: row.sha256, detail },
  });
  return appendCustody(w, attachmentId, action, detail);
}
