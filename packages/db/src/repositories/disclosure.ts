/**
 * Telling families: the found person's consents, the assessment of what may be told (the rules are in
 * @athar/registry's disclosure.ts and docs/decisions/tracing-disclosure.md), and the notification outbox.
 * The rules are checked when a message is drafted, again when it is approved and again when it is marked
 * sent, so that a consent withdrawn in between stops the message.
 */
import { AtharError, canonicalJson, newId, notFound } from "@athar/core";
import {
  assessDisclosure,
  type ConsentInput,
  type ConsentRecord,
  type ContactChannel,
  type DisclosureAssessment,
  type DisclosureKind,
  deriveCurrentStatus,
  mayMoveOutbox,
  type OutboxDraft,
  type OutboxMessage,
  type OutboxState,
} from "@athar/registry";
import type { Kysely, Selectable } from "kysely";
import { sha256Hex } from "../audit";
import type { Database, DisclosureConsentsTable, OutboxMessagesTable } from "../schema";
import type { WriteContext } from "../store";
import { getInquiry } from "./inquiries";
import { getCluster, getPerson } from "./persons";

type Reader = Kysely<Database>;

const toConsent = (row: Selectable<DisclosureConsentsTable>): ConsentRecord => ({
  id: row.id,
  personId: row.person_id,
  decision: row.decision as ConsentRecord["decision"],
  scopes: JSON.parse(row.scopes_json) as ConsentRecord["scopes"],
  inquiryId: row.inquiry_id,
  obtainedHow: row.obtained_how as ConsentRecord["obtainedHow"],
  note: row.note,
  recordedAt: row.recorded_at,
  recordedBy: row.recorded_by,
});

const toMessage = (row: Selectable<OutboxMessagesTable>): OutboxMessage => ({
  id: row.id,
  inquiryId: row.inquiry_id,
  kind: row.kind as DisclosureKind,
  channel: row.channel as ContactChannel,
  recipient: JSON.parse(row.recipient_json) as OutboxMessage["recipient"],
  body: row.body,
  state: row.state as OutboxState,
  basis: JSON.parse(row.basis_json) as OutboxMessage["basis"],
  createdAt: row.created_at,
  createdBy: row.created_by,
  approvedAt: row.approved_at,
  approvedBy: row.approved_by,
  sentAt: row.sent_at,
  sentBy: row.sent_by,
  cancelledAt: row.cancelled_at,
  cancelledBy: row.cancelled_by,
  cancelReason: row.cancel_reason,
});

/** Consent of the person a record describes; recorded on that record, it counts for its whole cluster. */
export async function addConsent(
  w: WriteContext,
  personId: string,
  input: ConsentInput,
): Promise<ConsentRecord> {
  await getPerson(w.trx, personId);
  if (input.inquiryId) await getInquiry(w.trx, input.inquiryId);
  const consent: ConsentRecord = {
    ...input,
    id: newId(),
    personId,
    recordedAt: w.now.toISOString(),
    recordedBy: w.actor.name,
  };
  await w.trx
    .insertInto("disclosure_consents")
    .values({
      id: consent.id,
      person_id: personId,
      decision: consent.decision,
      scopes_json: JSON.stringify(consent.scopes),
      inquiry_id: consent.inquiryId,
      obtained_how: consent.obtainedHow,
      note: consent.note,
      recorded_at: consent.recordedAt,
      recorded_by: consent.recordedBy,
    })
    .execute();
  await w.audit({ action: "consent.record", entityType: "person", entityId: personId, after: consent });
  return consent;
}

export async function consentsOfCluster(db: Reader, clusterId: string): Promise<ConsentRecord[]> {
  const rows = await db
    .selectFrom("disclosure_consents")
    .innerJoin("persons", "persons.id", "disclosure_consents.person_id")
    .selectAll("disclosure_consents")
    .where("persons.cluster_id", "=", clusterId)
    .orderBy("disclosure_consents.recorded_at")
    .orderBy("disclosure_consents.id")
    .execute();
  return rows.map(toConsent);
}

/** What the rules say about telling this inquiry's family this kind of news, by this channel, now. */
export async function assessForInquiry(
  db: Reader,
  inquiryId: string,
  kind: DisclosureKind,
  channel: ContactChannel,
): Promise<DisclosureAssessment> {
  const inquiry = await getInquiry(db, inquiryId);
  const sought = await getPerson(db, inquiry.soughtPersonId);
  const cluster = await getCluster(db, sought.clusterId);
  const statements = cluster.flatMap((p) => p.statuses);
  return assessDisclosure({
    kind,
    channel,
    inquiry: { id: inquiry.id, relationship: inquiry.relationship, status: inquiry.status },
    matchAccepted: cluster.some((p) => p.source.kind !== "inquiry"),
    currentStatus: deriveCurrentStatus(statements),
    statements,
    consents: await consentsOfCluster(db, sought.clusterId),
  });
}

function notAllowed(assessment: DisclosureAssessment): AtharError {
  return new AtharError(
    "disclosure_not_allowed",
    `the disclosure rules do not allow this message: ${assessment.reasons.join("; ")}`,
    assessment.reasons.map((message) => ({ path: "kind", message })),
  );
}

function recipientFor(
  requester: { name: string; phone: string | null; email: string | null; address: string | null },
  channel: ContactChannel,
) {
  const address =
    channel === "phone" || channel === "sms"
      ? requester.phone
      : channel === "email"
        ? requester.email
        : channel === "letter"
          ? requester.address
          : (requester.address ?? requester.phone ?? "");
  if (address === null) {
    throw new AtharError(
      "validation_failed",
      `the requester gave no ${channel === "email" ? "e-mail address" : channel === "letter" ? "postal address" : "phone number"}`,
      [{ path: "channel", message: "no address for this channel" }],
    );
  }
  return { name: requester.name, address };
}

/** What the audit trail keeps of a message: its content and recipient as hashes. */
function audited(message: OutboxMessage): unknown {
  const { body, recipient, ...rest } = message;
  return { ...rest, bodySha256: sha256Hex(body), recipientSha256: sha256Hex(canonicalJson(recipient)) };
}

export async function getOutboxMessage(db: Reader, id: string): Promise<OutboxMessage> {
  const row = await db.selectFrom("outbox_messages").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("outbox message");
  return toMessage(row);
}

export async function listOutbox(
  db: Reader,
  filter: { state?: OutboxState | undefined; inquiryId?: string | undefined; limit: number; offset: number },
): Promise<{ messages: OutboxMessage[]; total: number }> {
  let query = db.selectFrom("outbox_messages");
  if (filter.state) query = query.where("state", "=", filter.state);
  if (filter.inquiryId) query = query.where("inquiry_id", "=", filter.inquiryId);
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { messages: rows.map(toMessage), total: Number(total.n) };
}

export async function draftOutboxMessage(w: WriteContext, draft: OutboxDraft): Promise<OutboxMessage> {
  const inquiry = await getInquiry(w.trx, draft.inquiryId);
  const assessment = await assessForInquiry(w.trx, draft.inquiryId, draft.kind, draft.channel);
  if (!assessment.allowed) throw notAllowed(assessment);
  const message: OutboxMessage = {
    id: newId(),
    inquiryId: draft.inquiryId,
    kind: draft.kind,
    channel: draft.channel,
    recipient: recipientFor(inquiry.requester, draft.channel),
    body: draft.body,
    state: "draft",
    basis: { reasons: assessment.reasons, ids: assessment.basis },
    createdAt: w.now.toISOString(),
    createdBy: w.actor.name,
    approvedAt: null,
    approvedBy: null,
    sentAt: null,
    sentBy: null,
    cancelledAt: null,
    cancelledBy: null,
    cancelReason: "",
  };
  await w.trx
    .insertInto("outbox_messages")
    .values({
      id: message.id,
      inquiry_id: message.inquiryId,
      kind: message.kind,
      channel: message.channel,
      recipient_json: JSON.stringify(message.recipient),
      body: message.body,
      state: message.state,
      basis_json: JSON.stringify(message.basis),
      created_at: message.createdAt,
      created_by: message.createdBy,
      approved_at: null,
      approved_by: null,
      sent_at: null,
      sent_by: null,
      cancelled_at: null,
      cancelled_by: null,
      cancel_reason: "",
    })
    .execute();
  await w.audit({
    action: "outbox.draft",
    entityType: "outbox_message",
    entityId: message.id,
    after: audited(message),
  });
  return message;
}

async function move(
  w: WriteContext,
  id: string,
  to: OutboxState,
  extra: { cancelReason?: string } = {},
): Promise<OutboxMessage> {
  const before = await getOutboxMessage(w.trx, id);
  if (!mayMoveOutbox(before.state, to)) {
    throw new AtharError("invalid_state_transition", `a ${before.state} message cannot become ${to}`);
  }
  if (to === "approved" && before.createdBy === w.actor.name) {
    throw new AtharError(
      "forbidden",
      "a message is approved by someone other than the officer who drafted it",
    );
  }
  if (to === "approved" || to === "sent") {
    const assessment = await assessForInquiry(w.trx, before.inquiryId, before.kind, before.channel);
    if (!assessment.allowed) throw notAllowed(assessment);
  }
  const at = w.now.toISOString();
  const set =
    to === "approved"
      ? { state: to, approved_at: at, approved_by: w.actor.name }
      : to === "sent"
        ? { state: to, sent_at: at, sent_by: w.actor.name }
        : {
            state: to,
            cancelled_at: at,
            cancelled_by: w.actor.name,
            cancel_reason: extra.cancelReason ?? "",
          };
  await w.trx.updateTable("outbox_messages").set(set).where("id", "=", id).execute();
  const after = await getOutboxMessage(w.trx, id);
  await w.audit({
    action: `outbox.${to === "approved" ? "approve" : to === "sent" ? "sent" : "cancel"}`,
    entityType: "outbox_message",
    entityId: id,
    before: { state: before.state },
    after: { state: after.state, ...(to === "cancelled" ? { reason: after.cancelReason } : {}) },
  });
  return after;
}

export const approveOutboxMessage = (w: WriteContext, id: string) => move(w, id, "approved");
export const markOutboxMessageSent = (w: WriteContext, id: string) => move(w, id, "sent");
export const cancelOutboxMessage = (w: WriteContext, id: string, reason: string) =>
  move(w, id, "cancelled", { cancelReason: reason });
