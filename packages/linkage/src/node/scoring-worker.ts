/**
 * A scoring worker: builds the same RecordSet and blocks as the main thread from the same files and settings
 * (deterministic), then scores the pair ranges it is sent. It loads while the main thread trains the model,
 * which is why it reads the files itself instead of receiving the records.
 */
import { parentPort, workerData } from "node:worker_threads";
import { compileRules, type LinkMode } from "../blocking";
import type { LinkageModel } from "../model";
import { type ScoringTask, scorePairs } from "../pair-scoring";
import type { LinkageSettings } from "../settings";
import { type RecordFile, readRecordFiles } from "./read-records";

export interface WorkerSetup {
  readonly settings: LinkageSettings;
  readonly files: readonly RecordFile[];
  readonly mode: LinkMode;
}

export interface ScoreRequest {
  readonly type: "score";
  readonly model: LinkageModel;
  readonly tasks: readonly ScoringTask[];
  readonly floorBits: number;
}

const port = parentPort;
if (port === null) throw new Error("scoring-worker must run in a worker thread");
const setup = workerData as WorkerSetup;
try {
  const records = readRecordFiles(setup.settings, setup.files);
  const rules = compileRules(records, setup.settings.blocking, setup.mode, setup.settings.maxBlockSize);
  port.postMessage({ type: "ready" });
  port.on("message", (request: ScoreRequest) => {
    const scored = scorePairs(records, rules, request.model, setup.mode, request.floorBits, request.tasks);
    const left = scored.left.slice(0, scored.count);
    const right = scored.right.slice(0, scored.count);
    const weight = scored.weight.slice(0, scored.count);
    const guarded = scored.guarded.slice(0, scored.count);
    port.postMessage(
      {
        type: "scored",
        left,
        right,
        weight,
        guarded,
        count: scored.count,
        histogram: scored.histogram,
        guardedHistogram: scored.guardedHistogram,
        compared: scored.compared,
      },
      [left.buffer, right.buffer, weight.buffer, guarded.buffer],
    );
  });
} catch (error) {
  port.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
}
