/**
 * Linkage of record files on several threads. The main thread reads the files and trains the model while
 * a worker reads the same files; then both score half of the blocked pairs. Records are not sent between
 * threads: rebuilding them in the worker costs nothing on the clock, because it overlaps with training.
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import type { LinkMode } from "../blocking";
import { finishLinkage, floorFor, type LinkageRun, prepareLinkage, scoringTasks } from "../linkage";
import {
  emptyScoredPairs,
  mergeScoredPairs,
  type ScoredPairs,
  type ScoringTask,
  scorePairs,
} from "../pair-scoring";
import type { RecordSet } from "../record-set";
import type { LinkageSettings } from "../settings";
import { type RecordFile, readRecordFiles } from "./read-records";
import type { ScoreRequest, WorkerSetup } from "./scoring-worker";

export interface FileLinkageOptions {
  readonly threshold?: number;
  /** Threads to use, the main one included (default: the machine's parallelism, at most 4). */
  readonly threads?: number;
  /** Called with the name and duration (ms) of each stage. */
  readonly onStage?: (stage: string, milliseconds: number) => void;
}

export interface FileLinkageResult {
  readonly records: RecordSet;
  readonly run: LinkageRun;
}

interface WorkerMessage {
  readonly type: "ready" | "scored" | "failed";
  readonly message?: string;
  readonly left?: Int32Array;
  readonly right?: Int32Array;
  readonly weight?: Float32Array;
  readonly guarded?: Uint8Array;
  readonly count?: number;
  readonly histogram?: Float64Array;
  readonly guardedHistogram?: Float64Array;
  readonly compared?: number;
}

class ScoringWorker {
  private readonly worker: Worker;
  readonly ready: Promise<void>;
  private pending: ((message: WorkerMessage) => void) | undefined;
  private failure: Error | undefined;

  constructor(setup: WorkerSetup) {
    this.worker = new Worker(new URL("./worker-entry.mjs", import.meta.url), { workerData: setup });
    this.ready = new Promise((resolve, reject) => {
      this.worker.on("message", (message: WorkerMessage) => {
        if (message.type === "failed") {
          this.failure = new Error(`scoring worker: ${message.message}`);
          reject(this.failure);
          this.pending?.(message);
        } else if (message.type === "ready") {
          resolve();
        } else {
          this.pending?.(message);
        }
      });
      this.worker.on("error", (error) => {
        this.failure = error;
        reject(error);
      });
    });
    // A worker that fails while nobody waits must not crash the process with an unhandled rejection.
    this.ready.catch(() => undefined);
  }

  async score(request: ScoreRequest): Promise<ScoredPairs> {
    await this.ready;
    const message = await new Promise<WorkerMessage>((resolve) => {
      this.pending = resolve;
      this.worker.postMessage(request);
    });
    if (message.type !== "scored" || this.failure) throw this.failure ?? new Error("scoring worker failed");
    return {
      left: message.left as Int32Array,
      right: message.right as Int32Array,
      weight: message.weight as Float32Array,
      guarded: message.guarded as Uint8Array,
      count: message.count as number,
      histogram: message.histogram as Float64Array,
      guardedHistogram: message.guardedHistogram as Float64Array,
      compared: message.compared as number,
    };
  }

  async close(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Splits tasks into `parts` groups of about equal numbers of pairs (largest first, into the lightest group). */
function shareTasks(
  tasks: readonly ScoringTask[],
  cost: (task: ScoringTask) => number,
  parts: number,
): ScoringTask[][] {
  const groups: ScoringTask[][] = Array.from({ length: parts }, () => []);
  const loads = new Array<number>(parts).fill(0);
  const sorted = [...tasks].sort((a, b) => cost(b) - cost(a));
  for (const task of sorted) {
    let lightest = 0;
    for (let g = 1; g < parts; g++) if ((loads[g] as number) < (loads[lightest] as number)) lightest = g;
    (groups[lightest] as ScoringTask[]).push(task);
    loads[lightest] = (loads[lightest] as number) + cost(task);
  }
  return groups;
}

export async function linkFiles(
  settings: LinkageSettings,
  files: readonly RecordFile[],
  mode: LinkMode,
  options: FileLinkageOptions = {},
): Promise<FileLinkageResult> {
  const threads = Math.max(1, Math.min(options.threads ?? Math.min(4, availableParallelism()), 8));
  const stage = (name: string, started: number) => options.onStage?.(name, performance.now() - started);
  const workers: ScoringWorker[] = [];
  try {
    for (let w = 1; w < threads; w++) workers.push(new ScoringWorker({ settings, files, mode }));
    let started = performance.now();
    const records = readRecordFiles(settings, files);
    stage("read", started);
    started = performance.now();
    const prepared = prepareLinkage(records, mode);
    stage("block and train", started);
    started = performance.now();
    const threshold = options.threshold ?? settings.threshold;
    const floorBits = floorFor(prepared, threshold);
    const tasks = scoringTasks(prepared.rules, threads * 8);
    const cost = (task: ScoringTask) => {
      const rule = prepared.rules[task.rule];
      if (rule === undefined) return 0;
      let pairs = 0;
      for (let b = task.fromBlock; b < task.toBlock; b++) {
        const size = (rule.starts[b + 1] as number) - (rule.starts[b] as number);
        pairs += (size * (size - 1)) / 2;
      }
      return pairs;
    };
    const shares = shareTasks(tasks, cost, threads);
    const pending = workers.map((worker, w) =>
      worker.score({ type: "score", model: prepared.model, tasks: shares[w + 1] ?? [], floorBits }),
    );
    const scored = scorePairs(records, prepared.rules, prepared.model, mode, floorBits, shares[0] ?? []);
    for (const part of await Promise.all(pending)) mergeScoredPairs(scored, part);
    stage("score", started);
    started = performance.now();
    const run = finishLinkage(prepared, scored, threshold);
    stage("estimate prior and threshold", started);
    return { records, run };
  } finally {
    await Promise.all(workers.map((worker) => worker.close()));
  }
}

export { emptyScoredPairs };
