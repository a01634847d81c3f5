/**
 * The audit trail: an append-only hash chain. Each entry's SHA-256 covers its content and the previous
 * entry's hash, so altering, removing or reordering an entry breaks every hash after it. The newest hash is
 * also kept in `audit_head`; updating that single row inside the writing transaction serialises appends
 * across server instances (a row lock in PostgreSQL, the write lock in SQLite).
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "@athar/core";
import type { Kysely, Transaction } from "kysely";
import { GENESIS_HASH } from "./migrations/0001-foundation";
import type { AuditLogTable, Database } from "./schema";

export interface Actor {
  id: string | null;
  name: string;
}

/** The system itself (migrations, demo seeding, CLI without a user). */
export const SYSTEM_ACTOR: Actor = { id: null, name: "system" };

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  prevHash: string;
  hash: string;
}

/** The exact bytes an entry's hash covers. Changing this breaks every existing chain: never do it. */
export function auditHashInput(row: Omit<AuditLogTable, "hash">): string {
  return canonicalJson({
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before_json,
    after: row.after_json,
    prevHash: row.prev_hash,
  });
}

export const sha256Hex = (text: string): string => createHash("sha256").update(text, "utf8").digest("hex");

/** Appends one entry. Must run inside the transaction that makes the change it records. */
export async function appendAudit(
  trx: Transaction<Database>,
  actor: Actor,
  at: Date,
  input: AuditInput,
): Promise<number> {
  // Taking the head row first is what orders concurrent writers.
  await trx
    .updateTable("audit_head")
    .set((eb) => ({ seq: eb("seq", "+", 1) }))
    .where("id", "=", 1)
    .execute();
  const head = await trx
    .selectFrom("audit_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  const row: Omit<AuditLogTable, "hash"> = {
    seq: head.seq,
    at: at.toISOString(),
    actor_id: actor.id,
    actor_name: actor.name,
    action: input.action,
    entity_type: input.entityType,
    entity_id: input.entityId,
    before_json: input.before === undefined ? null : canonicalJson(input.before),
    after_json: input.after === undefined ? null : canonicalJson(input.after),
    prev_hash: head.hash,
  };
  const hash = sha256Hex(auditHashInput(row));
  await trx
    .insertInto("audit_log")
    .values({ ...row, hash })
    .execute();
  await trx.updateTable("audit_head").set({ hash }).where("id", "=", 1).execute();
  return row.seq;
}

export type AuditProblem =
  | { kind: "altered"; seq: number }
  | { kind: "missing"; expectedSeq: number; foundSeq: number | null }
  | { kind: "reordered"; seq: number }
  | { kind: "head_mismatch"; headSeq: number; lastSeq: number };

export interface AuditVerification {
  ok: boolean;
  entries: number;
  headHash: string;
  /** The first problem found, walking from the oldest entry. */
  problem: AuditProblem | null;
}

/**
 * Walks the whole chain in order. Reports the first entry whose hash does not match its content (altered),
 * a gap in the sequence (removed), an entry whose predecessor hash is not the previous entry's (reordered
 * or replaced), or a head that does not point at the last entry (entries removed from the end).
 */
export async function verifyAuditChain(db: Kysely<Database>, batchSize = 5000): Promise<AuditVerification> {
  const head = await db
    .selectFrom("audit_head")
    .select(["seq", "hash"])
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  let previousHash = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for (;;) {
    const rows = await db
      .selectFrom("audit_log")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(batchSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      if (row.seq !== expectedSeq) {
        return {
          ok: false,
          entries: count,
          headHash: head.hash,
          problem: { kind: "missing", expectedSeq, foundSeq: row.seq },
        };
      }
      const { hash, ...content } = row;
      if (sha256Hex(auditHashInput(content)) !== hash) {
        return { ok: false, entries: count, headHash: head.hash, problem: { kind: "altered", seq: row.seq } };
      }
      if (row.prev_hash !== previousHash) {
        return {
          ok: false,
          entries: count,
          headHash: head.hash,
          problem: { kind: "reordered", seq: row.seq },
        };
      }
      previousHash = hash;
      expectedSeq++;
      count++;
    }
  }
  if (head.seq !== count || head.hash !== previousHash) {
    const problem: AuditProblem =
      head.seq > count
        ? { kind: "missing", expectedSeq: count + 1, foundSeq: null }
        : { kind: "head_mismatch", headSeq: head.seq, lastSeq: count };
    return { ok: false, entries: count, headHash: head.hash, problem };
  }
  return { ok: true, entries: count, headHash: head.hash, problem: null };
}

export function toAuditEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: row.seq,
    at: row.at,
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    before: row.before_json === null ? null : JSON.parse(row.before_json),
    after: row.after_json === null ? null : JSON.parse(row.after_json),
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export interface AuditFilter {
  actorName?: string;
  action?: string;
  entityType?: string;
  entityId?: string;
  from?: string;
  to?: string;
  /** Entries older than this sequence number (for paging backwards from the newest). */
  beforeSeq?: number;
  limit: number;
}

export async function listAudit(db: Kysely<Database>, filter: AuditFilter): Promise<AuditEntry[]> {
  let query = db.selectFrom("audit_log").selectAll().orderBy("seq", "desc").limit(filter.limit);
  if (filter.actorName) query = query.where("actor_name", "=", filter.actorName);
  if (filter.action) query = query.where("action", "=", filter.action);
  if (filter.entityType) query = query.where("entity_type", "=", filter.entityType);
  if (filter.entityId) query = query.where("entity_id", "=", filter.entityId);
  if (filter.from) query = query.where("at", ">=", filter.from);
  if (filter.to) query = query.where("at", "<=", filter.to);
  if (filter.beforeSeq !== undefined) query = query.where("seq", "<", filter.beforeSeq);
  return (await query.execute()).map(toAuditEntry);
}
