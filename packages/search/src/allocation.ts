import { AtharError } from "@athar/core";
import { aggregationLimit, findProportionalGroups, solveAggregated } from "./allocation-aggregated";
import { solveByCoordinateDescent } from "./allocation-coordinate-descent";
import { type PreparedAllocation, prepareAllocation } from "./allocation-prepare";
import { waterFill } from "./water-filling";

/**
 * Optimal allocation of search effort (Koopman, Stone; Charnes–Cooper for one resource; Washburn for
 * several): choose hours t_ri ≥ 0 of each resource r in each segment i, with Σ_i t_ri ≤ T_r, to maximise
 * the probability of success Σ_i p_i·(1 − e^(−C_i)), C_i = Σ_r w_ri·t_ri. The problem is convex.
 *
 * - One resource: exact water-filling (water-filling.ts).
 * - Several, when segments fall into few groups with proportional rate columns (as in plans from the
 *   state, where rate = sweep rate / area): the exact group-level problem (allocation-aggregated.ts), solved
 *   by block coordinate descent over resources on the groups, then split back onto the segments.
 * - Several otherwise: block coordinate descent over resources, each step an exact water-filling
 *   (allocation-coordinate-descent.ts), until the certified gap below is within the tolerance.
 *
 * Certificate: with multipliers λ_r the Lagrangian dual
 *   g(λ) = Σ_i h_i(c_i) − Σ_r λ_r·T_r,  c_i = min_r λ_r / w_ri,  h_i(c) = p_i if c ≥ p_i else c·(1 + ln(p_i/c))
 * is a lower bound on the smallest possible probability of missing; `gap` = the plan's miss probability −
 * g(λ) bounds how far the plan's POS is from the best possible.
 *
 * Segments with weight 0, unreachable segments and rates of 0 get no effort; a resource that can reach no
 * segment with weight keeps its hours (reported as unused).
 */

export interface AllocationProblem {
  /** POA or any non-negative weight per segment (normalised internally). */
  weights: ArrayLike<number>;
  /** rates[r][i]: coverage per hour of resource r in segment i; 0 where it cannot search. */
  rates: readonly ArrayLike<number>[];
  /** Hours available to each resource. */
  budgets: ArrayLike<number>;
  /** Optional: false (or 0) for segments behind an unbreached barrier. */
  reachable?: ArrayLike<boolean | number>;
}

export interface AllocationOptions {
  /** Largest accepted gap between the plan's POS and the best possible POS. Default 1e-9. */
  tolerance?: number;
  /**
   * Coordinate descent also waits until no resource moves more than this share of its hours in a sweep.
   * Default 1e-9.
   */
  stepTolerance?: number;
  /** Safety stop for coordinate descent (sweeps over the groups when aggregated). Default 10,000 sweeps. */
  maxSweeps?: number;
  /**
   * Solver for several resources. "auto" (default): aggregate proportional rate columns when that shrinks the
   * problem at least fourfold (groups ≤ a quarter of the searchable segments), else coordinate descent. Both
   * reach the same optimum; forcing one is for tests and benchmarks.
   */
  solver?: "auto" | "aggregated" | "coordinate-descent";
}

export interface AllocationResult {
  /** hours[r][i]. */
  hours: Float64Array[];
  /** C_i = Σ_r w_ri·t_ri. */
  coverage: Float64Array;
  /** Probability of success of the plan on normalised weights. */
  pos: number;
  /** Normalised posterior weights if the plan finds nothing. */
  posterior: Float64Array;
  /** Marginal rate λ_r at which each resource stops (0 when it has nowhere to search). */
  lambda: Float64Array;
  unusedHours: Float64Array;
  method: "none" | "water-filling" | "coordinate-descent" | "aggregated";
  /** Coordinate-descent sweeps, over segments or over groups when aggregated (1 for water-filling). */
  iterations: number;
  /** Certified upper bound on how far the POS is from optimal. */
  gap: number;
  /** The gap is within the tolerance (coordinate descent may still have stopped on maxSweeps). */
  converged: boolean;
}

function validate(problem: AllocationProblem): void {
  const n = problem.weights.length;
  if (n === 0) throw new AtharError("validation_failed", "no segments to allocate effort to");
  for (let i = 0; i < n; i++) {
    const w = problem.weights[i]!;
    if (!(w >= 0) || !Number.isFinite(w))
      throw new AtharError(
        "validation_failed",
        `weight of segment ${i} must be a finite number ≥ 0, got ${w}`,
      );
  }
  if (problem.rates.length !== problem.budgets.length)
    throw new AtharError("validation_failed", "one rate row and one budget per resource are needed");
  problem.rates.forEach((row, r) => {
    if (row.length !== n)
      throw new AtharError(
        "validation_failed",
        `rate row of resource ${r} has ${row.length} entries, expected ${n}`,
      );
    const budget = problem.budgets[r]!;
    if (!(budget >= 0) || !Number.isFinite(budget))
      throw new AtharError(
        "validation_failed",
        `hours of resource ${r} must be a finite number ≥ 0, got ${budget}`,
      );
    for (let i = 0; i < n; i++) {
      const w = row[i]!;
      if (!(w >= 0) || !Number.isFinite(w))
        throw new AtharError(
          "validation_failed",
          `rate of resource ${r} in segment ${i} must be a finite number ≥ 0, got ${w}`,
        );
    }
  });
  if (problem.reachable && problem.reachable.length !== n)
    throw new AtharError("validation_failed", "one reachability flag per segment is needed");
}

export function allocateEffort(
  problem: AllocationProblem,
  options: AllocationOptions = {},
): AllocationResult {
  validate(problem);
  const tolerance = options.tolerance ?? 1e-9;
  const prepared = prepareAllocation(problem);
  const working = prepared.blocks.filter((block) => block.count > 0 && block.budget > 0);
  const x = new Float64Array(prepared.blocks.length).fill(Number.NEGATIVE_INFINITY);
  if (working.length === 0) return finish(problem, prepared, x, 0, "none", tolerance);
  if (working.length === 1) {
    const block = working[0]!;
    const keys = new Float64Array(block.count);
    for (let j = 0; j < block.count; j++) keys[j] = prepared.logP[block.segment[j]!]! + block.logRate[j]!;
    x[block.index] = waterFill(
      keys,
      block.rate,
      block.count,
      block.budget,
      block.hours,
      new Int32Array(block.count),
    );
    return finish(problem, prepared, x, 1, "water-filling", tolerance);
  }
  const stepTolerance = options.stepTolerance ?? 1e-9;
  const maxSweeps = options.maxSweeps ?? 10_000;
  const solver = options.solver ?? "auto";
  if (solver !== "coordinate-descent") {
    const limit = solver === "aggregated" ? Number.POSITIVE_INFINITY : aggregationLimit(prepared);
    const groups = findProportionalGroups(prepared, limit);
    if (groups) {
      // The group-level gap is the full gap in exact arithmetic; aim a little below the tolerance so that
      // the full certificate, summed over every segment, still meets it after rounding.
      const sweeps = solveAggregated(prepared, groups, x, 0.9 * tolerance, stepTolerance, maxSweeps);
      return finish(problem, prepared, x, sweeps, "aggregated", tolerance);
    }
  }
  const sweeps = solveByCoordinateDescent(prepared, x, tolerance, stepTolerance, maxSweeps, (xs) =>
    dualityGap(prepared, xs),
  );
  return finish(problem, prepared, x, sweeps, "coordinate-descent", tolerance);
}

/**
 * Miss probability of the current hours minus the dual bound g(λ) for λ_r = e^(x_r); ≥ 0 up to rounding.
 * Resources with x = −∞ have λ = 0 and can search nowhere useful.
 */
export function dualityGap(prepared: PreparedAllocation, x: Float64Array): number {
  const { n, p, logP, blocks } = prepared;
  const logCost = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const coverage = new Float64Array(n);
  let budgetTerm = 0;
  for (const block of blocks) {
    // A resource with no hours cannot search: leaving its constraint out of the dual is exact.
    if (block.count === 0 || block.budget <= 0) continue;
    const xr = x[block.index]!;
    if (xr > Number.NEGATIVE_INFINITY) budgetTerm += Math.exp(xr) * block.budget;
    for (let j = 0; j < block.count; j++) {
      const i = block.segment[j]!;
      coverage[i] = coverage[i]! + block.rate[j]! * block.hours[j]!;
      const candidate = xr - block.logRate[j]!;
      if (candidate < logCost[i]!) logCost[i] = candidate;
    }
  }
  let miss = 0;
  let dual = -budgetTerm;
  for (let i = 0; i < n; i++) {
    const pi = p[i]!;
    if (pi === 0) continue;
    miss += pi * Math.exp(-coverage[i]!);
    const lc = logCost[i]!;
    if (lc >= logP[i]!) dual += pi;
    else if (lc > Number.NEGATIVE_INFINITY) dual += Math.exp(lc) * (1 + logP[i]! - lc);
  }
  return Math.max(0, miss - dual);
}

function finish(
  problem: AllocationProblem,
  prepared: PreparedAllocation,
  x: Float64Array,
  iterations: number,
  method: AllocationResult["method"],
  tolerance: number,
): AllocationResult {
  const { n, p, blocks } = prepared;
  const gap = method === "water-filling" || method === "none" ? 0 : dualityGap(prepared, x);
  const hours = blocks.map((block) => {
    const row = new Float64Array(n);
    for (let j = 0; j < block.count; j++) row[block.segment[j]!] = block.hours[j]!;
    return row;
  });
  const unusedHours = Float64Array.from(blocks, (block, r) => {
    let used = 0;
    for (let j = 0; j < block.count; j++) used += block.hours[j]!;
    return Math.max(0, problem.budgets[r]! - used);
  });
  const lambda = Float64Array.from(blocks, (block) =>
    block.count === 0 || block.budget === 0 ? 0 : Math.exp(x[block.index]!),
  );
  const coverage = new Float64Array(n);
  hours.forEach((row, r) => {
    const rates = problem.rates[r]!;
    for (let i = 0; i < n; i++) if (row[i]! > 0) coverage[i] = coverage[i]! + rates[i]! * row[i]!;
  });
  const posterior = new Float64Array(n);
  let miss = 0;
  for (let i = 0; i < n; i++) {
    const m = p[i]! * Math.exp(-coverage[i]!);
    posterior[i] = m;
    miss += m;
  }
  for (let i = 0; i < n; i++) posterior[i] = miss > 0 ? posterior[i]! / miss : 0;
  return {
    hours,
    coverage,
    pos: 1 - miss,
    posterior,
    lambda,
    unusedHours,
    method,
    iterations,
    gap,
    converged: gap <= tolerance,
  };
}
