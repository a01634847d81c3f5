import type { AllocationProblem } from "./allocation";

/**
 * The allocation problem in the compact form the solvers share: normalised weights and their logarithms,
 * per resource the list of segments it can usefully search (rate > 0, weight > 0, reachable) with rates and
 * log-rates, and the same pairs indexed by segment (CSR) for the dual solver.
 */
export interface ResourceBlock {
  index: number;
  /** Segment of each candidate. */
  segment: Int32Array;
  rate: Float64Array;
  logRate: Float64Array;
  /** Current hours of each candidate (the solvers write here). */
  hours: Float64Array;
  count: number;
  budget: number;
}

export interface PreparedAllocation {
  n: number;
  p: Float64Array;
  logP: Float64Array;
  blocks: ResourceBlock[];
  /** Segment i's candidate pairs are entries segmentStart[i] .. segmentStart[i+1]−1. */
  segmentStart: Int32Array;
  /** Resource, log-rate and position in that resource's block of each pair. */
  pairResource: Int32Array;
  pairLogRate: Float64Array;
  pairSlot: Int32Array;
}

export function prepareAllocation(problem: AllocationProblem): PreparedAllocation {
  const n = problem.weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += problem.weights[i]!;
  const p = new Float64Array(n);
  const logP = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    p[i] = total > 0 ? problem.weights[i]! / total : 0;
    logP[i] = Math.log(p[i]!);
  }
  // 1 where a segment can receive effort at all: weight > 0 and reachable.
  const open = new Uint8Array(n);
  const { reachable } = problem;
  for (let i = 0; i < n; i++) open[i] = p[i]! > 0 && (reachable === undefined || reachable[i]) ? 1 : 0;
  const perSegment = new Int32Array(n + 1);
  const blocks = problem.rates.map((row, r): ResourceBlock => {
    let count = 0;
    for (let i = 0; i < n; i++) if (open[i] === 1 && row[i]! > 0) count++;
    const budget = problem.budgets[r]!;
    const block: ResourceBlock = {
      index: r,
      segment: new Int32Array(count),
      rate: new Float64Array(count),
      logRate: new Float64Array(count),
      hours: new Float64Array(count),
      count,
      budget,
    };
    let j = 0;
    for (let i = 0; i < n && j < count; i++) {
      if (open[i] !== 1) continue;
      const w = row[i]!;
      if (w > 0) {
        block.segment[j] = i;
        block.rate[j] = w;
        block.logRate[j] = Math.log(w);
        if (budget > 0) perSegment[i + 1] = perSegment[i + 1]! + 1;
        j++;
      }
    }
    return block;
  });
  for (let i = 0; i < n; i++) perSegment[i + 1] = perSegment[i + 1]! + perSegment[i]!;
  const pairs = perSegment[n]!;
  const pairResource = new Int32Array(pairs);
  const pairLogRate = new Float64Array(pairs);
  const pairSlot = new Int32Array(pairs);
  const fill = perSegment.slice(0, n);
  for (const block of blocks) {
    if (block.budget <= 0) continue;
    for (let j = 0; j < block.count; j++) {
      const i = block.segment[j]!;
      const at = fill[i]!;
      pairResource[at] = block.index;
      pairLogRate[at] = block.logRate[j]!;
      pairSlot[at] = j;
      fill[i] = at + 1;
    }
  }
  return { n, p, logP, blocks, segmentStart: perSegment, pairResource, pairLogRate, pairSlot };
}
