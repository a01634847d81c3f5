import type { AllocationProblem, AllocationResult } from "./allocation";

/**
 * The conditions an optimal allocation meets (Koopman; Washburn): for each resource r, every segment it
 * searches has the same marginal rate p_i·w_ri·e^(−C_i) = λ_r, every segment it could search but does not has
 * a rate ≤ λ_r, and a resource that can search somewhere spends all its hours. Returns the largest relative
 * violation (0 for an exact optimum) and where it is, so that tests and callers can check any plan.
 */
export interface OptimalityReport {
  maxViolation: number;
  worst?: { resource: number; segment: number; marginal: number; lambda: number; hours: number };
  budgetViolation: number;
}

export function optimalityViolation(
  problem: AllocationProblem,
  result: Pick<AllocationResult, "hours">,
): OptimalityReport {
  const n = problem.weights.length;
  let total = 0;
  for (let i = 0; i < n; i++) total += problem.weights[i]!;
  const coverage = new Float64Array(n);
  result.hours.forEach((row, r) => {
    const rates = problem.rates[r]!;
    for (let i = 0; i < n; i++) coverage[i] = coverage[i]! + rates[i]! * row[i]!;
  });
  const open = (i: number): boolean =>
    problem.weights[i]! > 0 && (problem.reachable === undefined || Boolean(problem.reachable[i]));
  let maxViolation = 0;
  let budgetViolation = 0;
  let worst: OptimalityReport["worst"];
  result.hours.forEach((row, r) => {
    const rates = problem.rates[r]!;
    const marginal = (i: number): number =>
      (problem.weights[i]! / total) * rates[i]! * Math.exp(-coverage[i]!);
    // λ_r: the largest marginal rate among the segments the resource searches.
    let lambda = 0;
    let used = 0;
    let canSearch = false;
    for (let i = 0; i < n; i++) {
      if (rates[i]! > 0 && open(i)) canSearch = true;
      if (row[i]! > 0) {
        used += row[i]!;
        lambda = Math.max(lambda, marginal(i));
      }
    }
    const budget = problem.budgets[r]!;
    if (canSearch && budget > 0)
      budgetViolation = Math.max(budgetViolation, Math.abs(used - budget) / budget);
    if (lambda === 0) return;
    for (let i = 0; i < n; i++) {
      if (!(rates[i]! > 0) || !open(i)) {
        if (row[i]! > 0) {
          maxViolation = Number.POSITIVE_INFINITY;
          worst = { resource: r, segment: i, marginal: 0, lambda, hours: row[i]! };
        }
        continue;
      }
      const m = marginal(i);
      const violation = row[i]! > 0 ? Math.abs(m - lambda) / lambda : Math.max(0, m - lambda) / lambda;
      if (violation > maxViolation) {
        maxViolation = violation;
        worst = { resource: r, segment: i, marginal: m, lambda, hours: row[i]! };
      }
    }
  });
  return worst ? { maxViolation, worst, budgetViolation } : { maxViolation, budgetViolation };
}
