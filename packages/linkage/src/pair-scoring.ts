/**
 * The scoring pass over blocked pairs: every candidate pair gets its match weight; pairs above a floor are
 * kept, and a histogram of all weights feeds the estimate of λ. Work is cut by rule and block range so that
 * a worker pool can share it.
 */
import { type CompiledRule, forEachRulePair, type LinkMode } from "./blocking";
import type { LinkageModel } from "./model";
import type { RecordSet } from "./record-set";
import { PairScorer } from "./scorer";

/** Histogram of weights: bins of 1/4 bit from −128 to +128 bits. */
export const HISTOGRAM_BINS = 1024;
const HISTOGRAM_MIN = -128;
const HISTOGRAM_STEP = 0.25;

export const histogramBin = (weight: number): number =>
  Math.min(HISTOGRAM_BINS - 1, Math.max(0, Math.floor((weight - HISTOGRAM_MIN) / HISTOGRAM_STEP)));
export const histogramWeight = (bin: number): number => HISTOGRAM_MIN + (bin + 0.5) * HISTOGRAM_STEP;

export interface ScoredPairs {
  left: Int32Array;
  right: Int32Array;
  weight: Float32Array;
  /** Guard code per pair (scorer.ts GUARD_*). */
  guarded: Uint8Array;
  count: number;
  /** Weights of all compared pairs (unguarded and guarded separately). */
  histogram: Float64Array;
  guardedHistogram: Float64Array;
  compared: number;
}

export function emptyScoredPairs(capacity = 1024): ScoredPairs {
  return {
    left: new Int32Array(capacity),
    right: new Int32Array(capacity),
    weight: new Float32Array(capacity),
    guarded: new Uint8Array(capacity),
    count: 0,
    histogram: new Float64Array(HISTOGRAM_BINS),
    guardedHistogram: new Float64Array(HISTOGRAM_BINS),
    compared: 0,
  };
}

function grow(pairs: ScoredPairs): void {
  const capacity = pairs.left.length * 2;
  const left = new Int32Array(capacity);
  left.set(pairs.left);
  const right = new Int32Array(capacity);
  right.set(pairs.right);
  const weight = new Float32Array(capacity);
  weight.set(pairs.weight);
  const guarded = new Uint8Array(capacity);
  guarded.set(pairs.guarded);
  pairs.left = left;
  pairs.right = right;
  pairs.weight = weight;
  pairs.guarded = guarded;
}

export function pushPair(pairs: ScoredPairs, i: number, j: number, weight: number, guard: number): void {
  if (pairs.count === pairs.left.length) grow(pairs);
  pairs.left[pairs.count] = i;
  pairs.right[pairs.count] = j;
  pairs.weight[pairs.count] = weight;
  pairs.guarded[pairs.count] = guard;
  pairs.count++;
}

/** Appends b to a (histograms added). */
export function mergeScoredPairs(a: ScoredPairs, b: ScoredPairs): void {
  for (let k = 0; k < b.count; k++) {
    pushPair(a, b.left[k] as number, b.right[k] as number, b.weight[k] as number, b.guarded[k] as number);
  }
  for (let bin = 0; bin < HISTOGRAM_BINS; bin++) {
    a.histogram[bin] = (a.histogram[bin] as number) + (b.histogram[bin] as number);
    a.guardedHistogram[bin] = (a.guardedHistogram[bin] as number) + (b.guardedHistogram[bin] as number);
  }
  a.compared += b.compared;
}

export interface ScoringTask {
  readonly rule: number;
  readonly fromBlock: number;
  readonly toBlock: number;
}

/** Scores the pairs of the given tasks; keeps those with weight ≥ floorBits. */
export function scorePairs(
  records: RecordSet,
  rules: readonly CompiledRule[],
  model: LinkageModel,
  mode: LinkMode,
  floorBits: number,
  tasks: readonly ScoringTask[],
  out: ScoredPairs = emptyScoredPairs(),
): ScoredPairs {
  const scorer = new PairScorer(records, model);
  const histogram = out.histogram;
  const guardedHistogram = out.guardedHistogram;
  let compared = 0;
  const visit = (i: number, j: number) => {
    const weight = scorer.weight(i, j);
    const guard = scorer.guardFired();
    const bin = histogramBin(weight);
    if (guard !== 0) guardedHistogram[bin] = (guardedHistogram[bin] as number) + 1;
    else histogram[bin] = (histogram[bin] as number) + 1;
    compared++;
    if (weight >= floorBits) pushPair(out, i, j, weight, guard);
  };
  for (const task of tasks)
    forEachRulePair(records, rules, task.rule, mode, visit, task.fromBlock, task.toBlock);
  out.compared += compared;
  return out;
}

/**
 * λ from the blocked pairs: the fixed point of λ = E[number of matches] / (number of possible pairs), where
 * the expectation sums each pair's match probability under λ. Pairs outside every block are taken to be
 * non-matches (that is what blocking assumes).
 */
export function estimateLambda(
  histogram: Float64Array,
  guardedHistogram: Float64Array,
  possiblePairs: number,
  guardCap: number | undefined,
): number {
  if (possiblePairs <= 0) return 0.5;
  let compared = 0;
  for (let bin = 0; bin < HISTOGRAM_BINS; bin++) {
    compared += (histogram[bin] as number) + (guardedHistogram[bin] as number);
  }
  let lambda = Math.min(0.5, Math.max(1e-12, compared / possiblePairs));
  for (let iteration = 0; iteration < 500; iteration++) {
    const prior = Math.log2(lambda / (1 - lambda));
    let expected = 0;
    for (let bin = 0; bin < HISTOGRAM_BINS; bin++) {
      const free = histogram[bin] as number;
      const held = guardedHistogram[bin] as number;
      if (free === 0 && held === 0) continue;
      const p = 1 / (1 + 2 ** -(prior + histogramWeight(bin)));
      expected += free * p + held * (guardCap === undefined ? p : Math.min(p, guardCap));
    }
    const next = Math.min(0.5, Math.max(1e-12, expected / possiblePairs));
    if (Math.abs(next - lambda) <= 1e-6 * lambda) {
      lambda = next;
      break;
    }
    lambda = next;
  }
  return lambda;
}
