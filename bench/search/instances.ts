/**
 * Synthetic allocation problems for the benchmark (seeded, so every run sees the same numbers).
 * - site: what planning from the state produces. 50 teams of 8 kinds of method (sweep rates 150–800 m²/h),
 *   each assigned to 1–4 of 10 zones (levels); rate of a team in a space = its sweep rate / the space's area
 *   (5–205 m²) where it is assigned, 0 elsewhere; 4–12 hours each. The rate columns of all spaces that the
 *   same teams can reach are proportional, so the solver aggregates them.
 * - mixed site: the same, but in a share of the spaces every team's rate is also multiplied by its own
 *   factor (0.5–1.5: clutter, noise or heat that hinders one method more than another), so those spaces'
 *   columns are proportional to nothing else and each is a group of its own.
 * - dense: the worst case for the solver: every team can search every space, with unrelated random rates.
 */
import { seededRandom } from "../../packages/core/src";
import type { AllocationProblem } from "../../packages/search/src";

export function siteInstance(n: number, resources: number, seed = 1): AllocationProblem {
  return mixedSiteInstance(n, resources, 0, seed);
}

export function mixedSiteInstance(
  n: number,
  resources: number,
  unrelatedShare: number,
  seed = 1,
): AllocationProblem {
  const random = seededRandom(seed);
  const area = Float64Array.from({ length: n }, () => 5 + 200 * random.next());
  const zone = Int32Array.from({ length: n }, () => random.int(0, 9));
  const weights = Float64Array.from({ length: n }, () => random.next());
  const methodRates = [600, 400, 800, 300, 150, 500, 400, 200];
  const rates = Array.from({ length: resources }, () => {
    const rate = methodRates[random.int(0, methodRates.length - 1)]!;
    const zones = new Set(Array.from({ length: random.int(1, 4) }, () => random.int(0, 9)));
    return Float64Array.from({ length: n }, (_, i) => (zones.has(zone[i]!) ? rate / area[i]! : 0));
  });
  const budgets = Float64Array.from({ length: resources }, () => 4 + 8 * random.next());
  if (unrelatedShare > 0) {
    const hinder = seededRandom(seed + 1);
    for (let i = 0; i < n; i++) {
      if (hinder.next() >= unrelatedShare) continue;
      for (const row of rates) row[i] = row[i]! * (0.5 + hinder.next());
    }
  }
  return { weights, rates, budgets };
}

export function denseInstance(n: number, resources: number, seed = 1): AllocationProblem {
  const random = seededRandom(seed);
  const weights = Float64Array.from({ length: n }, () => random.next());
  const rates = Array.from({ length: resources }, () =>
    Float64Array.from({ length: n }, () => 0.1 + 5 * random.next()),
  );
  const budgets = Float64Array.from({ length: resources }, () => 5 + 20 * random.next());
  return { weights, rates, budgets };
}
