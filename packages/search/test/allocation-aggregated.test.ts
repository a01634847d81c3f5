import { seededRandom } from "@athar/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AllocationProblem, allocateEffort } from "../src/allocation";
import { aggregationLimit, findProportionalGroups } from "../src/allocation-aggregated";
import { prepareAllocation } from "../src/allocation-prepare";
import { optimalityViolation } from "../src/optimality";

/**
 * The aggregated solver (proportional rate columns solved as groups, allocation-aggregated.ts) against
 * coordinate descent over every segment, which is the independent oracle here: both must reach the same
 * optimum, meet the optimality conditions on the segments and certify their gap.
 */

const TIGHT = { tolerance: 1e-12, stepTolerance: 1e-12, maxSweeps: 50_000 } as const;

interface Shape {
  resources: number;
  groups: number;
  /** Extra segments with unrelated random rates (each its own group). */
  singletons: number;
  seed: number;
}

/**
 * Segments in groups: every segment of a group is searched by the same resources, at rates v_rG·a_i (a_i per
 * segment, v_rG per resource and group), plus singletons with unrelated rates; zero weights, unreachable
 * segments, resources without hours or with nowhere to search, as in real plans.
 */
function instance({ resources, groups, singletons, seed }: Shape): AllocationProblem {
  const random = seededRandom(seed);
  const weights: number[] = [];
  const reachable: boolean[] = [];
  const rates: number[][] = Array.from({ length: resources }, () => []);
  const addSegment = (rateOf: (r: number) => number): void => {
    weights.push(random.next() < 0.1 ? 0 : random.next());
    reachable.push(random.next() > 0.05);
    for (let r = 0; r < resources; r++) rates[r]!.push(rateOf(r));
  };
  for (let g = 0; g < groups; g++) {
    const ratio = Array.from({ length: resources }, () =>
      random.next() < 0.5 ? 0 : 0.2 + 3 * random.next(),
    );
    const size = random.int(1, 15);
    for (let s = 0; s < size; s++) {
      const a = 0.05 + 3 * random.next();
      addSegment((r) => ratio[r]! * a);
    }
  }
  for (let s = 0; s < singletons; s++) addSegment(() => (random.next() < 0.3 ? 0 : 0.05 + 3 * random.next()));
  const budgets = Array.from({ length: resources }, () =>
    random.next() < 0.1 ? 0 : 0.1 + 5 * random.next(),
  );
  return { weights, rates, budgets, reachable };
}

const shapes = fc.record({
  resources: fc.integer({ min: 2, max: 6 }),
  groups: fc.integer({ min: 1, max: 5 }),
  singletons: fc.constant(0),
  seed: fc.integer(),
});

function expectOptimal(problem: AllocationProblem, result: ReturnType<typeof allocateEffort>): void {
  const report = optimalityViolation(problem, result);
  expect(result.converged).toBe(true);
  expect(result.gap).toBeLessThanOrEqual(TIGHT.tolerance);
  expect(report.maxViolation).toBeLessThan(1e-7);
  expect(report.budgetViolation).toBeLessThan(1e-9);
  result.hours.forEach((row, r) => {
    row.forEach((t, i) => {
      expect(t).toBeGreaterThanOrEqual(0);
      if (t > 0) {
        expect(problem.rates[r]![i]).toBeGreaterThan(0);
        expect(problem.weights[i]).toBeGreaterThan(0);
        expect(problem.reachable![i]).toBe(true);
      }
    });
  });
}

function agree(problem: AllocationProblem): void {
  const aggregated = allocateEffort(problem, { ...TIGHT, solver: "aggregated" });
  const descent = allocateEffort(problem, { ...TIGHT, solver: "coordinate-descent" });
  if (aggregated.method !== "none" && aggregated.method !== "water-filling")
    expect(aggregated.method).toBe("aggregated");
  expect(Math.abs(aggregated.pos - descent.pos)).toBeLessThan(1e-9);
  expectOptimal(problem, aggregated);
  // Both optimal: the coverage of every segment is unique even where the hours are not.
  aggregated.coverage.forEach((c, i) => {
    expect(c).toBeCloseTo(descent.coverage[i]!, 6);
  });
  aggregated.unusedHours.forEach((u, r) => {
    expect(u).toBeCloseTo(descent.unusedHours[r]!, 9);
  });
}

describe("grouping of proportional rate columns", () => {
  it("finds one group per set of teams when rates are sweep rate / area, despite rounding in the ratios", () => {
    const random = seededRandom(7);
    const n = 400;
    const zone = Array.from({ length: n }, () => random.int(0, 4));
    const area = Array.from({ length: n }, () => 5 + 200 * random.next());
    const sweep = [600, 400, 800, 300, 150, 500, 400];
    const zonesOf = [[0, 1], [1], [2, 3], [0, 1], [4], [2, 3, 4], [1]];
    const problem: AllocationProblem = {
      weights: Array.from({ length: n }, () => random.next()),
      rates: sweep.map((s, r) => zone.map((z, i) => (zonesOf[r]!.includes(z) ? s / area[i]! : 0))),
      budgets: sweep.map(() => 2 + 6 * random.next()),
    };
    const groups = findProportionalGroups(prepareAllocation(problem))!;
    // Zones 0..4 are reached by {0,3}, {0,1,3,6}, {2,5}, {2,5}, {4,5}: zones 2 and 3 share their teams
    // (and the ratios between them), so they form one group.
    expect(groups.count).toBe(4);
    const groupOfZone = new Map<number, number>();
    zone.forEach((z, i) => {
      if (!groupOfZone.has(z)) groupOfZone.set(z, groups.groupOf[i]!);
      expect(groups.groupOf[i]).toBe(groupOfZone.get(z));
    });
    expect(groupOfZone.get(2)).toBe(groupOfZone.get(3));
    expect(new Set(groupOfZone.values()).size).toBe(4);
    const result = allocateEffort(problem, TIGHT);
    expect(result.method).toBe("aggregated");
    expectOptimal({ ...problem, reachable: Array.from(problem.weights, () => true) }, result);
    const descent = allocateEffort(problem, { ...TIGHT, solver: "coordinate-descent" });
    expect(Math.abs(result.pos - descent.pos)).toBeLessThan(1e-9);
    // The group-level problem needs far fewer sweeps than descent over every segment.
    expect(result.iterations).toBeLessThan(descent.iterations);
  });

  it("keeps columns apart when one ratio differs by more than the tolerance", () => {
    const a = [0.5, 1.5, 2.5];
    const problem: AllocationProblem = {
      weights: [1, 1, 1],
      rates: [a, a.map((w, i) => 2 * w * (i === 2 ? 1 + 1e-9 : 1))],
      budgets: [1, 1],
    };
    const groups = findProportionalGroups(prepareAllocation(problem))!;
    expect(groups.count).toBe(2);
    expect(groups.groupOf[0]).toBe(groups.groupOf[1]);
    expect(groups.groupOf[2]).not.toBe(groups.groupOf[0]);
  });

  it("leaves out resources without hours and segments nobody can search", () => {
    const problem: AllocationProblem = {
      weights: [1, 1, 0, 1],
      // Resource 1 has no hours: its different ratios do not split the group.
      rates: [
        [1, 2, 1, 0],
        [3, 1, 1, 0],
      ],
      budgets: [1, 0],
    };
    const groups = findProportionalGroups(prepareAllocation(problem))!;
    expect(groups.count).toBe(1);
    expect(Array.from(groups.groupOf)).toEqual([0, 0, -1, -1]);
    expect(groups.activeSegments).toBe(2);
  });

  it("uses coordinate descent by default when rates are unrelated (aggregation would not pay)", () => {
    const random = seededRandom(3);
    const problem: AllocationProblem = {
      weights: Array.from({ length: 40 }, () => random.next()),
      rates: Array.from({ length: 3 }, () => Array.from({ length: 40 }, () => 0.1 + random.next())),
      budgets: [1, 2, 3],
    };
    expect(allocateEffort(problem).method).toBe("coordinate-descent");
    // The grouping stops early once there are more groups than aggregation could use.
    const prepared = prepareAllocation(problem);
    expect(aggregationLimit(prepared)).toBe(10);
    expect(findProportionalGroups(prepared, 10)).toBeUndefined();
    expect(findProportionalGroups(prepared)?.count).toBe(40);
  });
});

describe("aggregated solver against coordinate descent", () => {
  it("reaches the same optimum on random proportional instances", () => {
    fc.assert(
      fc.property(shapes, (shape) => agree(instance(shape))),
      { numRuns: 150 },
    );
  });

  it("reaches the same optimum on mixed instances (groups and unrelated singletons)", () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 1, max: 12 }), (shape, singletons) =>
        agree(instance({ ...shape, singletons })),
      ),
      { numRuns: 100 },
    );
  });

  it("reaches the same optimum when every column is unrelated (every group a singleton)", () => {
    fc.assert(
      fc.property(shapes, fc.integer({ min: 1, max: 12 }), (shape, singletons) =>
        agree(instance({ ...shape, groups: 0, singletons })),
      ),
      { numRuns: 60 },
    );
  });

  it("is chosen by default on a site-like plan and agrees with coordinate descent there", () => {
    const random = seededRandom(11);
    const n = 2000;
    const zone = Array.from({ length: n }, () => random.int(0, 9));
    const area = Array.from({ length: n }, () => 5 + 200 * random.next());
    const sweep = [600, 400, 800, 300, 150, 500, 400, 200];
    const problem: AllocationProblem = {
      weights: Array.from({ length: n }, () => random.next()),
      rates: Array.from({ length: 20 }, () => {
        const s = sweep[random.int(0, sweep.length - 1)]!;
        const zones = new Set(Array.from({ length: random.int(1, 4) }, () => random.int(0, 9)));
        return zone.map((z, i) => (zones.has(z) ? s / area[i]! : 0));
      }),
      budgets: Array.from({ length: 20 }, () => 4 + 8 * random.next()),
    };
    const aggregated = allocateEffort(problem, TIGHT);
    expect(aggregated.method).toBe("aggregated");
    const descent = allocateEffort(problem, { ...TIGHT, tolerance: 1e-11, solver: "coordinate-descent" });
    expect(descent.converged).toBe(true);
    expect(Math.abs(aggregated.pos - descent.pos)).toBeLessThan(1e-9);
    expectOptimal({ ...problem, reachable: Array.from(problem.weights, () => true) }, aggregated);
  });

  it("certifies a loose tolerance honestly and tightens with it", () => {
    const problem = instance({ resources: 5, groups: 4, singletons: 0, seed: 42 });
    const loose = allocateEffort(problem, {
      tolerance: 1e-4,
      stepTolerance: Number.POSITIVE_INFINITY,
      solver: "aggregated",
    });
    const tight = allocateEffort(problem, { ...TIGHT, solver: "aggregated" });
    expect(loose.gap).toBeLessThanOrEqual(1e-4);
    expect(tight.pos).toBeGreaterThanOrEqual(loose.pos - 1e-12);
    expect(tight.pos - loose.pos).toBeLessThanOrEqual(loose.gap + 1e-12);
  });

  it("gives the hours of a resource that can reach nothing back unused, as coordinate descent does", () => {
    const problem: AllocationProblem = {
      weights: [1, 2, 3, 4],
      rates: [
        [1, 2, 0, 0],
        [2, 4, 0, 0],
        [0, 0, 1, 0],
      ],
      budgets: [1, 2, 5],
      reachable: [true, true, false, true],
    };
    const result = allocateEffort(problem, { ...TIGHT, solver: "aggregated" });
    expect(result.method).toBe("aggregated");
    expect(result.unusedHours[2]).toBe(5);
    expect(result.unusedHours[0]).toBeCloseTo(0, 12);
    expect(result.hours[2]!.every((t) => t === 0)).toBe(true);
    expectOptimal(problem, result);
  });
});
