/**
 * The field view's outbox: starts, reports and photos recorded on the phone, kept in IndexedDB and sent in
 * the order they were recorded when the server answers. A report's idempotency key is made once, when the
 * team leader saves it, and is the same on every attempt, so a report sent twice (a lost answer, two tabs,
 * a reload mid-send) is stored once (docs/decisions/ops-reports-idempotency-and-conflicts.md).
 *
 * What happens to an item after an attempt:
 * - 200/201: the report is stored (or was already); its answer (status, conflict, markings) is kept in
 *   `sent` and the item leaves the outbox. Photos follow their report (they need its id).
 * - no answer, 5xx, 429: the item stays; the run stops and is tried again later (the order is kept).
 * - start refused with 409 invalid_state_transition: the assignment has moved on; the start is dropped.
 * - 409 conflict (the key names a different report) or 4xx: the item stays, marked for the user to
 *   correct or discard; later items are still sent.
 */
import type { ErrorDetail } from "@athar/core";
import { ApiError, type ApiErrorCode } from "../api/client";
import { type Attachment, opsApi, type Report, type ReportInput } from "../api/operations";
import { get, getAll, put, remove, STORES, transact } from "./idb";
import { newKey } from "./keys";

export { newKey };

export interface OutboxProblem {
  /** `retry`: will be sent again by itself; `correct`: the server refused it; `key_conflict`: see decision. */
  kind: "retry" | "correct" | "key_conflict";
  code: ApiErrorCode;
  status: number;
  message: string;
  details: ErrorDetail[];
}

interface ItemBase {
  id: string;
  /** Recording order; items are sent in this order. */
  order: number;
  userId: string;
  siteId: string;
  assignmentId: string;
  /** Shown in the list of what is waiting (the assignment's title or spaces). */
  label: string;
  createdAt: string;
  attempts: number;
  lastTriedAt: string | null;
  problem: OutboxProblem | null;
}

export interface StartItem extends ItemBase {
  kind: "start";
  at: string;
}

export interface ReportItem extends ItemBase {
  kind: "report";
  input: ReportInput;
}

export interface PhotoItem extends ItemBase {
  kind: "photo";
  /** Idempotency key of the report the photo belongs to. */
  reportKey: string;
  file: Blob;
  fileName: string;
}

export type OutboxItem = StartItem | ReportItem | PhotoItem;

/** A report the server has answered, kept so the phone can show its marking and any conflict. */
export interface SentReport {
  key: string;
  userId: string;
  report: Report;
  replayed: boolean;
  sentAt: string;
  photos: Attachment[];
}

export interface DrainResult {
  sent: number;
  /** The server could not be reached (or failed): what is left waits for the next run. */
  stoppedOffline: boolean;
}

let lastOrder = 0;
function nextOrder(): number {
  lastOrder = Math.max(lastOrder + 1, Date.now() * 1000);
  return lastOrder;
}

// ─── change notifications (this tab and the others) ─────────────────────────────────────────────────────

const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === "undefined" ? null : new BroadcastChannel("athar-outbox");
if (channel) channel.onmessage = () => notifyHere();

function notifyHere(): void {
  for (const listener of listeners) listener();
}

function changed(): void {
  notifyHere();
  channel?.postMessage("changed");
}

export function onOutboxChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

// ─── reading and recording ──────────────────────────────────────────────────────────────────────────────

export async function listOutbox(userId: string): Promise<OutboxItem[]> {
  const items = await transact(STORES.outbox, "readonly", (tx) => getAll<OutboxItem>(tx, STORES.outbox));
  return items.filter((item) => item.userId === userId).sort((a, b) => a.order - b.order);
}

export async function listSent(userId: string): Promise<SentReport[]> {
  const sent = await transact(STORES.sent, "readonly", (tx) => getAll<SentReport>(tx, STORES.sent));
  return sent.filter((s) => s.userId === userId).sort((a, b) => b.sentAt.localeCompare(a.sentAt));
}

type NewItem =
  | Omit<StartItem, "id" | "order" | "createdAt" | "attempts" | "lastTriedAt" | "problem">
  | Omit<ReportItem, "id" | "order" | "createdAt" | "attempts" | "lastTriedAt" | "problem">
  | Omit<PhotoItem, "id" | "order" | "createdAt" | "attempts" | "lastTriedAt" | "problem">;

/** Records items (a report and its photos) in one transaction, in the order given. */
export async function enqueue(items: NewItem[]): Promise<OutboxItem[]> {
  const now = new Date().toISOString();
  const made = items.map(
    (item) =>
      ({
        ...item,
        id: item.kind === "report" ? item.input.idempotencyKey : newKey(),
        order: nextOrder(),
        createdAt: now,
        attempts: 0,
        lastTriedAt: null,
        problem: null,
      }) as OutboxItem,
  );
  await transact(STORES.outbox, "readwrite", async (tx) => {
    for (const item of made) await put(tx, STORES.outbox, item);
  });
  changed();
  return made;
}

/** Removes an item the user chose to discard (a refused report with its photos, a photo that cannot be sent). */
export async function discard(itemId: string): Promise<void> {
  await transact(STORES.outbox, "readwrite", async (tx) => {
    await remove(tx, STORES.outbox, itemId);
    for (const other of await getAll<OutboxItem>(tx, STORES.outbox)) {
      if (other.kind === "photo" && other.reportKey === itemId) await remove(tx, STORES.outbox, other.id);
    }
  });
  changed();
}

/**
 * A report whose key the server holds for a different report (409 conflict) is sent again as a new report:
 * same content, new key. Only on the user's request, after they have seen the stored one.
 */
export async function resendWithNewKey(itemId: string): Promise<void> {
  await transact(STORES.outbox, "readwrite", async (tx) => {
    const item = await get<OutboxItem>(tx, STORES.outbox, itemId);
    if (item?.kind !== "report") return;
    const key = newKey();
    await remove(tx, STORES.outbox, itemId);
    await put(tx, STORES.outbox, {
      ...item,
      id: key,
      input: { ...item.input, idempotencyKey: key },
      problem: null,
      attempts: 0,
    } satisfies ReportItem);
    // Photos queued behind the old key follow the new one.
    for (const other of await getAll<OutboxItem>(tx, STORES.outbox)) {
      if (other.kind === "photo" && other.reportKey === itemId)
        await put(tx, STORES.outbox, { ...other, reportKey: key });
    }
  });
  changed();
}

// ─── sending ────────────────────────────────────────────────────────────────────────────────────────────

function problemOf(error: unknown): OutboxProblem {
  const apiError = error instanceof ApiError ? error : new ApiError("network_error", 0, String(error));
  const retry =
    apiError.code === "network_error" ||
    apiError.code === "unauthenticated" ||
    apiError.status === 0 ||
    apiError.status === 429 ||
    apiError.status >= 500;
  return {
    kind: retry ? "retry" : apiError.code === "conflict" ? "key_conflict" : "correct",
    code: apiError.code,
    status: apiError.status,
    message: apiError.message,
    details: [...apiError.details],
  };
}

async function markTried(item: OutboxItem, problem: OutboxProblem | null): Promise<void> {
  await transact(STORES.outbox, "readwrite", async (tx) => {
    const current = await get<OutboxItem>(tx, STORES.outbox, item.id);
    if (!current) return; // another tab sent it meanwhile
    await put(tx, STORES.outbox, {
      ...current,
      attempts: current.attempts + 1,
      lastTriedAt: new Date().toISOString(),
      problem,
    });
  });
}

async function sendOne(item: OutboxItem, sentByKey: Map<string, SentReport>): Promise<"done" | "waits"> {
  switch (item.kind) {
    case "start": {
      try {
        await opsApi.start(item.assignmentId, item.at);
      } catch (error) {
        // The assignment moved on (aborted, already reported): the start means nothing any more.
        if (error instanceof ApiError && error.code === "invalid_state_transition") {
          await transact(STORES.outbox, "readwrite", (tx) => remove(tx, STORES.outbox, item.id));
          return "done";
        }
        throw error;
      }
      await transact(STORES.outbox, "readwrite", (tx) => remove(tx, STORES.outbox, item.id));
      return "done";
    }
    case "report": {
      const answer = await opsApi.report(item.assignmentId, item.input);
      const record: SentReport = {
        key: item.input.idempotencyKey,
        userId: item.userId,
        report: answer.report,
        replayed: answer.replayed,
        sentAt: new Date().toISOString(),
        photos: sentByKey.get(item.input.idempotencyKey)?.photos ?? [],
      };
      await transact([STORES.outbox, STORES.sent], "readwrite", async (tx) => {
        await put(tx, STORES.sent, record);
        await remove(tx, STORES.outbox, item.id);
      });
      sentByKey.set(record.key, record);
      return "done";
    }
    case "photo": {
      const owner = sentByKey.get(item.reportKey);
      if (!owner) return "waits"; // its report has not been stored yet
      const attachment = await opsApi.uploadPhoto(item.siteId, owner.report.id, item.file, item.fileName);
      await transact([STORES.outbox, STORES.sent], "readwrite", async (tx) => {
        const record = await get<SentReport>(tx, STORES.sent, item.reportKey);
        if (record) await put(tx, STORES.sent, { ...record, photos: [...record.photos, attachment] });
        await remove(tx, STORES.outbox, item.id);
      });
      return "done";
    }
  }
}

async function drainNow(userId: string): Promise<DrainResult> {
  const items = await listOutbox(userId);
  const sentByKey = new Map((await listSent(userId)).map((s) => [s.key, s]));
  let sent = 0;
  for (const item of items) {
    if (item.problem && item.problem.kind !== "retry") continue; // waits for the user
    try {
      if ((await sendOne(item, sentByKey)) === "done") {
        sent++;
        changed();
      }
    } catch (error) {
      const problem = problemOf(error);
      await markTried(item, problem);
      changed();
      if (problem.kind === "retry") return { sent, stoppedOffline: true };
    }
  }
  return { sent, stoppedOffline: false };
}

let running: Promise<DrainResult> | null = null;

/**
 * Sends what waits, in order. One run at a time in this tab, and across tabs where the browser has Web
 * Locks; where two runs still overlap, the idempotency keys keep the server from storing anything twice.
 */
export function drain(userId: string): Promise<DrainResult> {
  if (running) return running;
  const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
  const run: Promise<DrainResult> = locks
    ? locks.request(`athar-outbox-${userId}`, () => drainNow(userId)).then((result) => result)
    : drainNow(userId);
  running = run.finally(() => {
    running = null;
  });
  return running;
}
