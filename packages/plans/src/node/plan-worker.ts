/**
 * The server's handle on the plan worker thread. One thread, started on first use and kept (unreferenced, so
 * it never holds a process open); jobs are answered in the order they were sent. If the thread dies, every
 * job waiting on it fails and the next job starts a new thread.
 */
import { Worker } from "node:worker_threads";
import type { ArchiveLimits } from "../imdf/archive";
import type { ImportResult } from "../imdf/import";
import type { PlanDocument } from "../model/plan-document";
import type { VoidAnalysis } from "../voids/types";
import type { PlanJob, PlanJobReply, PlanJobResult, RouteQuestion, RouteReply } from "./plan-worker-protocol";

export type { RouteQuestion, RouteReply } from "./plan-worker-protocol";

/** An error thrown by the engine on the worker thread (its name and message; the stack stays there). */
export class PlanWorkerError extends Error {
  constructor(
    readonly engineErrorName: string,
    message: string,
  ) {
    super(message);
    this.name = "PlanWorkerError";
  }
}

interface Pending {
  resolve(reply: PlanJobReply): void;
  reject(error: Error): void;
}

export interface PlanWorkerOptions {
  /**
   * Heap limit of the thread (MiB). An archive too large to read exhausts the thread, not the server: the
   * thread stops, its jobs fail with code ERR_WORKER_OUT_OF_MEMORY, and the next job starts a new one.
   */
  maxHeapMb?: number;
}

export class PlanWorker {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: PlanWorkerOptions = {}) {}

  private start(): Worker {
    if (this.closed) throw new Error("the plan worker is closed");
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./plan-worker-entry.mjs", import.meta.url), {
      resourceLimits: { maxOldGenerationSizeMb: this.options.maxHeapMb ?? 4096 },
    });
    worker.unref();
    worker.on("message", (message: PlanJobReply | { ready: true }) => {
      if (!("id" in message)) return;
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      waiting?.resolve(message);
    });
    const fail = (error: Error) => {
      if (this.worker === worker) this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    };
    worker.on("error", fail);
    worker.on("exit", (code) => fail(new Error(`the plan worker stopped (exit code ${code})`)));
    this.worker = worker;
    return worker;
  }

  private send(job: PlanJob): Promise<PlanJobReply> {
    const worker = this.start();
    const id = this.nextId++;
    return new Promise<PlanJobReply>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, job });
    });
  }

  /** Sends a job; a thread that no longer holds the site's document gets it on a second try. */
  private async run(job: PlanJob, withDocument?: () => PlanJob): Promise<PlanJobResult> {
    let reply = await this.send(job);
    if (!reply.ok && "needDocument" in reply && withDocument) reply = await this.send(withDocument());
    if (reply.ok) return reply.result;
    if ("error" in reply) throw new PlanWorkerError(reply.error.name, reply.error.message);
    throw new Error("the plan worker lost the site's document twice");
  }

  async importZip(bytes: Uint8Array, limits?: ArchiveLimits): Promise<ImportResult> {
    const result = await this.run({ kind: "import", bytes, ...(limits ? { limits } : {}) });
    if (result.kind !== "import") throw new Error("unexpected plan worker answer");
    return result.result;
  }

  async exportZip(document: PlanDocument, created: string): Promise<Uint8Array> {
    const result = await this.run({ kind: "export", document, created });
    if (result.kind !== "export") throw new Error("unexpected plan worker answer");
    return result.bytes;
  }

  /** Hidden-space analysis of the plan version `key` (computed once per version and kept on the thread). */
  async analyse(key: string, document: () => PlanDocument): Promise<VoidAnalysis> {
    const result = await this.run({ kind: "analyse", key }, () => ({
      kind: "analyse",
      key,
      document: document(),
    }));
    if (result.kind !== "analyse") throw new Error("unexpected plan worker answer");
    return result.analysis;
  }

  /** Route answers on the plan version `key`, its hidden-space candidates included as targets. */
  async routes(key: string, document: () => PlanDocument, question: RouteQuestion): Promise<RouteReply> {
    const result = await this.run({ kind: "routes", key, question }, () => ({
      kind: "routes",
      key,
      question,
      document: document(),
    }));
    if (result.kind !== "routes") throw new Error("unexpected plan worker answer");
    return result.reply;
  }

  async close(): Promise<void> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    if (worker) await worker.terminate();
  }
}
