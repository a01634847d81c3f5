/**
 * Families' inquiries. What the family knows is stored as a person record of source `inquiry`; the
 * requester's identity and contact details are stored with the inquiry and enter the audit trail only as a
 * hash. Public inquiries carry the hash of their receipt code, never the code.
 */
import { AtharError, canonicalJson, newId, notFound } from "@athar/core";
import type {
  InquiryChannel,
  InquiryConsent,
  InquiryCreate,
  InquiryStatus,
  Relationship,
  Requester,
} from "@athar/registry";
import type { Kysely, Selectable } from "kysely";
import { sha256Hex } from "../audit";
import type { Database, InquiriesTable } from "../schema";
import type { WriteContext } from "../store";
import { chunks, createPerson } from "./persons";

type Reader = Kysely<Database>;

export interface Inquiry {
  id: string;
  channel: InquiryChannel;
  status: InquiryStatus;
  relationship: Relationship;
  requester: Requester;
  circumstances: string;
  consent: InquiryConsent;
  soughtPersonId: string;
  soughtClusterId: string;
  /** Language of the public status messages (the form's language). */
  language: "ar" | "en";
  closedReason: string;
  openCandidates: number;
  createdAt: string;
  updatedAt: string;
  createdBy: string;
}

function toInquiry(row: Selectable<InquiriesTable>, clusterId: string, openCandidates: number): Inquiry {
  return {
    id: row.id,
    channel: row.channel as InquiryChannel,
    status: row.status as InquiryStatus,
    relationship: row.relationship as Relationship,
    requester: JSON.parse(row.requester_json) as Requester,
    circumstances: row.circumstances,
    consent: JSON.parse(row.consent_json) as InquiryConsent,
    soughtPersonId: row.sought_person_id,
    soughtClusterId: clusterId,
    language: row.language === "en" ? "en" : "ar",
    closedReason: row.closed_reason,
    openCandidates,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    createdBy: row.created_by,
  };
}

/** The inquiry as the audit trail records it: the requester replaced by a hash. */
function audited(inquiry: Omit<Inquiry, "openCandidates" | "soughtClusterId">): unknown {
  const { requester, ...rest } = inquiry;
  return { ...rest, requester: { redacted: true, sha256: sha256Hex(canonicalJson(requester)) } };
}

async function withCounts(db: Reader, rows: Selectable<InquiriesTable>[]): Promise<Inquiry[]> {
  const clusters = new Map<string, string>();
  const open = new Map<string, number>();
  const ids = rows.map((r) => r.id);
  for (const chunk of chunks(rows.map((r) => r.sought_person_id))) {
    if (chunk.length === 0) continue;
    const persons = await db
      .selectFrom("persons")
      .select(["id", "cluster_id"])
      .where("id", "in", chunk)
      .execute();
    for (const p of persons) clusters.set(p.id, p.cluster_id);
  }
  for (const chunk of chunks(ids)) {
    if (chunk.length === 0) continue;
    const counts = await db
      .selectFrom("match_candidates")
      .select(["inquiry_id", (eb) => eb.fn.countAll<number>().as("n")])
      .where("inquiry_id", "in", chunk)
      .where("state", "in", ["open", "unsure"])
      .groupBy("inquiry_id")
      .execute();
    for (const c of counts) if (c.inquiry_id) open.set(c.inquiry_id, Number(c.n));
  }
  return rows.map((row) =>
    toInquiry(row, clusters.get(row.sought_person_id) ?? row.sought_person_id, open.get(row.id) ?? 0),
  );
}

export async function getInquiry(db: Reader, id: string): Promise<Inquiry> {
  const row = await db.selectFrom("inquiries").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw notFound("inquiry");
  const [inquiry] = await withCounts(db, [row]);
  return inquiry as Inquiry;
}

export async function listInquiries(
  db: Reader,
  filter: {
    status?: InquiryStatus | undefined;
    channel?: InquiryChannel | undefined;
    limit: number;
    offset: number;
  },
): Promise<{ inquiries: Inquiry[]; total: number }> {
  let query = db.selectFrom("inquiries");
  if (filter.status) query = query.where("status", "=", filter.status);
  if (filter.channel) query = query.where("channel", "=", filter.channel);
  const total = await query.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const rows = await query
    .selectAll()
    .orderBy("created_at", "desc")
    .orderBy("id")
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { inquiries: await withCounts(db, rows), total: Number(total.n) };
}

/** The inquiries whose sought person's record is in this cluster. */
export async function inquiriesOfCluster(db: Reader, clusterId: string): Promise<Inquiry[]> {
  const rows = await db
    .selectFrom("inquiries")
    .innerJoin("persons", "persons.id", "inquiries.sought_person_id")
    .selectAll("inquiries")
    .where("persons.cluster_id", "=", clusterId)
    .orderBy("inquiries.created_at")
    .execute();
  return withCounts(db, rows);
}

export async function createInquiry(
  w: WriteContext,
  input: InquiryCreate,
  options: { channel: InquiryChannel; receiptHash?: string | null; language?: "ar" | "en" },
): Promise<Inquiry> {
  const id = newId();
  const at = w.now.toISOString();
  const today = at.slice(0, 10);
  const person = await createPerson(
    w,
    {
      ...input.soughtPerson,
      source: {
        kind: "inquiry",
        reference: `${options.channel === "public_form" ? "public inquiry form" : "inquiry"} ${id}`,
        collectedOn: {
          year: Number(today.slice(0, 4)),
          month: Number(today.slice(5, 7)),
          day: Number(today.slice(8, 10)),
          uncertaintyYears: 0,
        },
        siteId: null,
        documentRef: null,
        external: null,
        note: "",
      },
    },
    { action: "person.create_for_inquiry" },
  );
  const row: InquiriesTable = {
    id,
    channel: options.channel,
    status: "received",
    relationship: input.relationship,
    requester_json: JSON.stringify(input.requester),
    circumstances: input.circumstances,
    consent_json: JSON.stringify(input.consent),
    sought_person_id: person.id,
    receipt_hash: options.receiptHash ?? null,
    language: options.language ?? (input.requester.preferredLanguage === "en" ? "en" : "ar"),
    closed_reason: "",
    created_at: at,
    updated_at: at,
    created_by: w.actor.name,
  };
  await w.trx.insertInto("inquiries").values(row).execute();
  const inquiry = toInquiry(row, person.clusterId, 0);
  const { openCandidates: _o, soughtClusterId: _c, ...stored } = inquiry;
  await w.audit({ action: "inquiry.create", entityType: "inquiry", entityId: id, after: audited(stored) });
  return inquiry;
}

const STATUS_ORDER: Readonly<Record<InquiryStatus, readonly InquiryStatus[]>> = {
  received: ["in_progress", "closed"],
  in_progress: ["closed", "received"],
  closed: ["in_progress"],
};

export async function setInquiryStatus(
  w: WriteContext,
  id: string,
  status: InquiryStatus,
  reason: string,
): Promise<Inquiry> {
  const before = await getInquiry(w.trx, id);
  if (before.status === status) return before;
  if (!STATUS_ORDER[before.status].includes(status)) {
    throw new AtharError(
      "invalid_state_transition",
      `an inquiry goes from ${before.status} to ${STATUS_ORDER[before.status].join(" or ")}, not ${status}`,
    );
  }
  if (status === "closed" && reason === "") {
    throw new AtharError("validation_failed", "closing an inquiry needs a reason", [
      { path: "reason", message: "required" },
    ]);
  }
  const at = w.now.toISOString();
  await w.trx
    .updateTable("inquiries")
    .set({ status, updated_at: at, closed_reason: status === "closed" ? reason : "" })
    .where("id", "=", id)
    .execute();
  await w.audit({
    action: "inquiry.status",
    entityType: "inquiry",
    entityId: id,
    before: { status: before.status },
    after: { status, reason },
  });
  return { ...before, status, updatedAt: at, closedReason: status === "closed" ? reason : "" };
}

/** The processing status of the public inquiry with this receipt hash, or null. Nothing else. */
export async function publicStatusByReceipt(
  db: Reader,
  receiptHash: string,
): Promise<{ status: InquiryStatus; language: "ar" | "en" } | null> {
  const row = await db
    .selectFrom("inquiries")
    .select(["status", "language"])
    .where("receipt_hash", "=", receiptHash)
    .executeTakeFirst();
  return row ? { status: row.status as InquiryStatus, language: row.language === "en" ? "en" : "ar" } : null;
}

// ─── the public form's rate limit ───────────────────────────────────────────────────────────────────────

/** How long request records are kept: the longest rate window. */
export const PUBLIC_REQUEST_RETENTION_MS = 24 * 3_600_000;

export async function recordPublicRequest(w: WriteContext, addressHash: string, kind: string): Promise<void> {
  await w.trx
    .insertInto("public_requests")
    .values({ id: newId(), address_hash: addressHash, kind, at: w.now.toISOString() })
    .execute();
  await w.trx
    .deleteFrom("public_requests")
    .where("at", "<", new Date(w.now.getTime() - PUBLIC_REQUEST_RETENTION_MS).toISOString())
    .execute();
}

export async function countPublicRequests(
  db: Reader,
  addressHash: string,
  kind: string,
  since: Date,
): Promise<number> {
  const row = await db
    .selectFrom("public_requests")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("address_hash", "=", addressHash)
    .where("kind", "=", kind)
    .where("at", ">=", since.toISOString())
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
