/**
 * Linking two sources and deduplicating one, end to end: block, train, score, estimate λ, threshold.
 *
 *   const records = new RecordSet(settings);
 *   records.addCsv(leftText, { source: "left.csv", sourceIndex: 0 });
 *   records.addCsv(rightText, { source: "right.csv", sourceIndex: 1 });
 *   const run = runLinkage(records, "link");
 *   run.matches          // pairs with probability ≥ threshold
 *   run.explain(i, j)    // each field's contribution in bits
 *
 * The steps are exported separately (prepareLinkage, scoringTasks, finishLinkage) so that the Node worker
 * pool can run the scoring pass in parallel.
 */
import { blockCount, type CompiledRule, compileRules, type LinkMode } from "./blocking";
import { type Clustering, computeClusters } from "./clustering";
import type { MergeLog } from "./merge-log";
import type { LinkageModel } from "./model";
import { bitsForProbability } from "./model";
import {
  emptyScoredPairs,
  estimateLambda,
  type ScoredPairs,
  type ScoringTask,
  scorePairs,
} from "./pair-scoring";
import type { RecordSet } from "./record-set";
import { type PairExplanation, PairScorer } from "./scorer";
import { type TrainingReport, trainModel } from "./training";

export interface Match {
  /** Record indexes in the record set (left is source 0 in link mode). */
  readonly left: number;
  readonly right: number;
  readonly weight: number;
  readonly probability: number;
  /** Guard code (scorer.ts GUARD_*): 0 when no guard capped the probability. */
  readonly guard: number;
}

export interface BlockingReport {
  readonly rule: string;
  readonly blocks: number;
  readonly pairs: number;
  readonly skippedBlocks: readonly number[];
}

export interface PreparedLinkage {
  readonly records: RecordSet;
  readonly mode: LinkMode;
  readonly rules: readonly CompiledRule[];
  /** Trained m and u; λ not yet estimated unless the settings fix it. */
  readonly model: LinkageModel;
  readonly training: TrainingReport | undefined;
  readonly blocking: readonly BlockingReport[];
}

export interface LinkageRun {
  readonly model: LinkageModel;
  readonly matches: readonly Match[];
  /** Pairs compared after blocking (each once). */
  readonly compared: number;
  readonly possiblePairs: number;
  readonly blocking: readonly BlockingReport[];
  readonly training: TrainingReport | undefined;
  readonly threshold: number;
  explain(left: number, right: number): PairExplanation;
}

export interface PrepareOptions {
  /** Use this model instead of training one (its λ is kept unless `reestimateLambda`). */
  readonly model?: LinkageModel;
}

export function possiblePairs(records: RecordSet, mode: LinkMode): number {
  if (mode === "dedupe") return (records.size * (records.size - 1)) / 2;
  let left = 0;
  for (const source of records.sources) if (source === 0) left++;
  return left * (records.size - left);
}

export function prepareLinkage(
  records: RecordSet,
  mode: LinkMode,
  options: PrepareOptions = {},
): PreparedLinkage {
  const settings = records.settings;
  const rules = compileRules(records, settings.blocking, mode, settings.maxBlockSize);
  const blocking = rules.map((rule) => ({
    rule: rule.text,
    blocks: blockCount(rule),
    pairs: rule.pairCount,
    skippedBlocks: rule.skippedBlocks,
  }));
  if (options.model) return { records, mode, rules, model: options.model, training: undefined, blocking };
  const { model, report } = trainModel(records, rules, settings, mode);
  return { records, mode, rules, model, training: report, blocking };
}

/** Cuts the scoring pass into about `parts` tasks of similar numbers of pairs. */
export function scoringTasks(rules: readonly CompiledRule[], parts: number): ScoringTask[] {
  let total = 0;
  for (const rule of rules) total += rule.pairCount;
  const target = Math.max(1, total / Math.max(1, parts));
  const tasks: ScoringTask[] = [];
  rules.forEach((rule, r) => {
    const blocks = blockCount(rule);
    let from = 0;
    let pairs = 0;
    for (let b = 0; b < blocks; b++) {
      const size = (rule.starts[b + 1] as number) - (rule.starts[b] as number);
      pairs += (size * (size - 1)) / 2;
      if (pairs >= target) {
        tasks.push({ rule: r, fromBlock: from, toBlock: b + 1 });
        from = b + 1;
        pairs = 0;
      }
    }
    if (from < blocks) tasks.push({ rule: r, fromBlock: from, toBlock: blocks });
  });
  return tasks;
}

/** Weight floor of the scoring pass: pairs below it can never reach any threshold a user asks for. */
export const DEFAULT_FLOOR_BITS = 0;

export function finishLinkage(
  prepared: PreparedLinkage,
  scored: ScoredPairs,
  threshold: number = prepared.records.settings.threshold,
): LinkageRun {
  const { records, mode } = prepared;
  const settings = records.settings;
  const total = possiblePairs(records, mode);
  const lambda =
    settings.prior ??
    (prepared.training === undefined
      ? prepared.model.lambda
      : estimateLambda(
          scored.histogram,
          scored.guardedHistogram,
          total,
          prepared.model.siblingGuard?.maxProbability ?? prepared.model.conflictMaxProbability,
        ));
  const model: LinkageModel = { ...prepared.model, lambda, threshold };
  const scorer = new PairScorer(records, model);
  const needed = bitsForProbability(threshold, lambda);
  const matches: Match[] = [];
  for (let k = 0; k < scored.count; k++) {
    const weight = scored.weight[k] as number;
    if (weight < needed - 1e-6) continue;
    const guard = scored.guarded[k] as number;
    const probability = scorer.probability(weight, guard);
    if (probability < threshold) continue;
    matches.push({
      left: scored.left[k] as number,
      right: scored.right[k] as number,
      weight,
      probability,
      guard,
    });
  }
  return {
    model,
    matches,
    compared: scored.compared,
    possiblePairs: total,
    blocking: prepared.blocking,
    training: prepared.training,
    threshold,
    explain: (left, right) => scorer.explain(left, right),
  };
}

export interface RunOptions extends PrepareOptions {
  readonly threshold?: number;
}

/** The whole pipeline on one thread. */
export function runLinkage(records: RecordSet, mode: LinkMode, options: RunOptions = {}): LinkageRun {
  const prepared = prepareLinkage(records, mode, options);
  const threshold = options.threshold ?? records.settings.threshold;
  const floor = floorFor(prepared, threshold);
  const scored = scorePairs(
    records,
    prepared.rules,
    prepared.model,
    mode,
    floor,
    scoringTasks(prepared.rules, 1),
  );
  return finishLinkage(prepared, scored, threshold);
}

/**
 * The lowest weight worth keeping: 0 bits, or lower when the threshold is so low (or λ so high) that
 * pairs below 0 bits could pass. λ is not known before scoring, so the bound uses λ ≤ 1/2.
 */
export function floorFor(prepared: PreparedLinkage, threshold: number): number {
  const lambda =
    prepared.records.settings.prior ?? (prepared.training === undefined ? prepared.model.lambda : 0.5);
  return Math.min(DEFAULT_FLOOR_BITS, bitsForProbability(threshold, lambda) - 1);
}

export { emptyScoredPairs };

export interface DedupeOptions {
  /** Reviewers' decisions (merge-log.ts). */
  readonly log?: MergeLog;
  readonly threshold?: number;
}

/**
 * Clusters of a deduplication run: links at the threshold, chains through hard conflicts refused (a national
 * ID that differs, possible siblings), reviewers' decisions applied.
 */
export function clusterRun(records: RecordSet, run: LinkageRun, options: DedupeOptions = {}): Clustering {
  const scorer = new PairScorer(records, run.model);
  const index = new Map<string, number>();
  records.ids.forEach((id, i) => {
    index.set(id, i);
  });
  return computeClusters({
    size: records.size,
    links: run.matches,
    threshold: options.threshold ?? run.threshold,
    decisions: options.log?.decisions((id) => index.get(id)),
    conflict: (a, b) => {
      scorer.weight(a, b);
      return scorer.hardConflict();
    },
  });
}
