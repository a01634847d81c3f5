import { seededRandom } from "@athar/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type AllocationProblem, allocateEffort } from "../src/allocation";
import { optimalityViolation } from "../src/optimality";
import { waterFill } from "../src/water-filling";

/**
 * Oracles: the public test cases of SORAL (Search Optimal Resource Allocation Library), file
 * SORAL/matlab/testcases.m in https://github.com/ctwardy/soral (commit bcb2e1e0a19e67091e3bb019d1c994dcb87f2bbf).
 * There p(i) is the POA of area i, w(i, r) the effectiveness of resource r in area i, T(r) its endurance, and
 * the answer the effort of resource r in area i. Case 2 prints 0.92980 where 0.09298 is meant (the two
 * efforts must add up to T = 0.1; see the domain primer §4). SORAL compares at 4 decimals.
 */
interface SoralCase {
  name: string;
  p: number[];
  /** w[area][resource] */
  w: number[][];
  T: number[];
  /** answer[area][resource] */
  answer: number[][];
  digits: number;
}

const column = (values: number[]): number[][] => values.map((v) => [v]);

const SORAL_CASES: SoralCase[] = [
  { name: "case 0: 1 area, 1 resource", p: [4], w: [[4]], T: [0.05], answer: [[0.05]], digits: 4 },
  {
    name: "case 1: 4 areas, 1 resource",
    p: [8, 4, 1, 2],
    w: column([1, 4, 12, 8]),
    T: [0.05],
    answer: column([0, 0.033333, 0, 0.0166667]),
    digits: 4,
  },
  {
    name: "case 2: 4 areas, 1 resource (typo 0.92980 corrected to 0.09298)",
    p: [4, 2, 8, 1],
    w: column([4, 1, 1, 12]),
    T: [0.1],
    answer: column([0.09298, 0, 0, 0.00702]),
    digits: 4,
  },
  {
    name: "case 3: 3 areas, 1 resource",
    p: [2, 4, 2],
    w: column([9, 3, 6]),
    T: [0.2],
    answer: column([0.07322410073711, 0.08451726617526, 0.04225863308763]),
    digits: 10,
  },
  {
    name: "case 4: two unviable areas (rate 0, POA 0)",
    p: [1, 4, 20, 0],
    w: column([8, 4, 0, 10]),
    T: [0.5],
    answer: column([0.1089, 0.3911, 0, 0]),
    digits: 4,
  },
  {
    name: "case 5: 3 areas, 1 resource",
    p: [2, 6, 4],
    w: column([6, 2, 3]),
    T: [0.5],
    answer: column([0.083333, 0.25, 0.166667]),
    digits: 4,
  },
  {
    name: "case 6: no viable search",
    p: [0, 7, 0, 5],
    w: column([8, 0, 0, 0]),
    T: [0.5],
    answer: column([0, 0, 0, 0]),
    digits: 4,
  },
  {
    name: "case 7: 2 areas, 2 resources (solvable by hand)",
    p: [0.5, 0.5],
    w: [
      [0.1, 0.05],
      [0.02, 0.005],
    ],
    T: [16.1, 13.9],
    answer: [
      [10.30365, 13.9],
      [5.79635, 0],
    ],
    digits: 4,
  },
  {
    name: "case 8: 4 areas, 3 resources (Washburn's JOTA paper)",
    p: [1000, 1000, 2000, 2000],
    w: [
      [1, 3, 0],
      [2, 2, 1],
      [3, 2, 0],
      [4, 1, 1],
    ],
    T: [3, 2, 1],
    answer: [
      [0, 1.22976, 0],
      [0.37167, 0.77024, 1],
      [1.46081, 0, 0],
      [1.16753, 0, 0],
    ],
    digits: 4,
  },
];

function toProblem(c: Pick<SoralCase, "p" | "w" | "T">): AllocationProblem {
  return { weights: c.p, rates: c.T.map((_, r) => c.w.map((row) => row[r]!)), budgets: c.T };
}

describe.each(["auto", "aggregated", "coordinate-descent"] as const)(
  "SORAL public test cases, solver %s",
  (solver) => {
    it.each(SORAL_CASES)("$name", (c) => {
      const result = allocateEffort(toProblem(c), { solver });
      expect(result.converged).toBe(true);
      c.answer.forEach((row, area) => {
        row.forEach((expected, resource) => {
          expect(result.hours[resource]![area]).toBeCloseTo(expected, c.digits);
        });
      });
      expect(optimalityViolation(toProblem(c), result).maxViolation).toBeLessThan(1e-7);
    });

    it("case 9 (SORAL's tolerance artefact): we give the only area all the effort, which is the true optimum", () => {
      // SORAL expects 0 here because its own tolerance swallows the tiny POA; mathematically any effort in
      // the only area with p·w > 0 raises the POS, so the optimum is t = T.
      const tol = Math.sqrt(2 ** -52);
      const T = (5 * Math.exp(-5) * Math.sqrt(tol)) / 2;
      const result = allocateEffort({ weights: [2 * tol], rates: [[1 / tol]], budgets: [T] });
      expect(result.hours[0]![0]).toBeCloseTo(T, 15);
      expect(result.pos).toBeGreaterThan(0);
    });
  },
);

const problems = fc
  .record({
    n: fc.integer({ min: 1, max: 12 }),
    resources: fc.integer({ min: 1, max: 4 }),
    seed: fc.integer(),
  })
  .map(({ n, resources, seed }): AllocationProblem => {
    const random = seededRandom(seed);
    return {
      weights: Array.from({ length: n }, () => (random.next() < 0.15 ? 0 : random.next())),
      rates: Array.from({ length: resources }, () =>
        Array.from({ length: n }, () => (random.next() < 0.2 ? 0 : 0.05 + 3 * random.next())),
      ),
      budgets: Array.from({ length: resources }, () => (random.next() < 0.1 ? 0 : 4 * random.next())),
      reachable: Array.from({ length: n }, () => random.next() > 0.1),
    };
  });

describe("allocation properties", () => {
  it("meets the optimality conditions and spends the hours of every resource that can search", () => {
    fc.assert(
      fc.property(problems, (problem) => {
        const result = allocateEffort(problem);
        const report = optimalityViolation(problem, result);
        expect(result.converged).toBe(true);
        expect(report.maxViolation).toBeLessThan(1e-5);
        expect(report.budgetViolation).toBeLessThan(1e-9);
        // Nothing goes where it cannot: unreachable, rate 0 or weight 0.
        result.hours.forEach((row, r) => {
          row.forEach((t, i) => {
            if (t > 0) {
              expect(problem.rates[r]![i]).toBeGreaterThan(0);
              expect(problem.weights[i]).toBeGreaterThan(0);
              expect(problem.reachable![i]).toBe(true);
            }
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it("is never beaten by a random feasible plan", () => {
    fc.assert(
      fc.property(problems, fc.integer(), (problem, seed) => {
        const best = allocateEffort(problem);
        const random = seededRandom(seed);
        const n = problem.weights.length;
        const total = Array.from(problem.weights).reduce((a, b) => a + b, 0);
        if (total === 0) return;
        for (let trial = 0; trial < 20; trial++) {
          const coverage = new Array<number>(n).fill(0);
          problem.rates.forEach((rates, r) => {
            const shares = Array.from({ length: n }, () => random.next());
            const sum = shares.reduce((a, b) => a + b, 0);
            shares.forEach((s, i) => {
              coverage[i]! += ((problem.reachable![i] ? rates[i]! : 0) * problem.budgets[r]! * s) / sum;
            });
          });
          const pos = Array.from(problem.weights).reduce(
            (acc, w, i) => acc + (w / total) * (1 - Math.exp(-coverage[i]!)),
            0,
          );
          expect(pos).toBeLessThanOrEqual(best.pos + 1e-9);
        }
      }),
      { numRuns: 100 },
    );
  });

  it("finds the same optimum as a grid search on two segments", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 3, noNaN: true }),
        fc.double({ min: 0.1, max: 5, noNaN: true }),
        (p, w1, w2, T) => {
          const result = allocateEffort({ weights: [p, 1 - p + 0.01], rates: [[w1, w2]], budgets: [T] });
          let bestPos = 0;
          for (let k = 0; k <= 2000; k++) {
            const t = (T * k) / 2000;
            const pos = (p * (1 - Math.exp(-w1 * t)) + (1.01 - p) * (1 - Math.exp(-w2 * (T - t)))) / 1.01;
            bestPos = Math.max(bestPos, pos);
          }
          expect(result.pos).toBeGreaterThanOrEqual(bestPos - 1e-12);
          expect(result.pos - bestPos).toBeLessThan(1e-4);
        },
      ),
    );
  });

  it("never lowers the POS when a resource gets more hours", () => {
    fc.assert(
      fc.property(problems, fc.nat(), fc.double({ min: 0, max: 3, noNaN: true }), (problem, pick, extra) => {
        const r = pick % problem.budgets.length;
        const more = {
          ...problem,
          budgets: Array.from(problem.budgets, (b, i) => (i === r ? b + extra : b)),
        };
        expect(allocateEffort(more).pos).toBeGreaterThanOrEqual(allocateEffort(problem).pos - 1e-9);
      }),
      { numRuns: 100 },
    );
  });

  it("returns a normalised posterior consistent with Bayes after a plan that finds nothing", () => {
    const result = allocateEffort({ weights: [0.5, 0.3, 0.1, 0.1], rates: [[1, 1, 1, 0]], budgets: [2] });
    const sum = result.posterior.reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
    result.posterior.forEach((value, i) => {
      expect(value).toBeCloseTo(
        ([0.5, 0.3, 0.1, 0.1][i]! * Math.exp(-result.coverage[i]!)) / (1 - result.pos),
        12,
      );
    });
    expect(result.hours[0]![3]).toBe(0);
  });

  it("keeps the hours of a resource that can reach nothing, and refuses bad input", () => {
    const result = allocateEffort({
      weights: [1, 1],
      rates: [[1, 1]],
      budgets: [3],
      reachable: [false, false],
    });
    expect(result.unusedHours[0]).toBe(3);
    expect(result.pos).toBe(0);
    expect(() => allocateEffort({ weights: [], rates: [], budgets: [] })).toThrow(/no segments/);
    expect(() => allocateEffort({ weights: [1], rates: [[1]], budgets: [-1] })).toThrow(/hours/);
    expect(() => allocateEffort({ weights: [-1], rates: [[1]], budgets: [1] })).toThrow(/weight/);
    expect(() => allocateEffort({ weights: [1], rates: [[Number.NaN]], budgets: [1] })).toThrow(/rate/);
  });
});

describe("water-filling", () => {
  it("finds the same exact level with or without a warm start, and spends exactly the budget", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 60 }),
        fc.integer(),
        fc.double({ min: 0.01, max: 50, noNaN: true }),
        fc.double({ min: -20, max: 20, noNaN: true }),
        (count, seed, budget, guess) => {
          const random = seededRandom(seed);
          const keys = Float64Array.from(
            { length: count },
            () => Math.log(random.next() + 1e-3) + (random.next() < 0.2 ? 0 : random.next()),
          );
          const rates = Float64Array.from({ length: count }, () => 0.05 + 4 * random.next());
          const cold = new Float64Array(count);
          const warm = new Float64Array(count);
          const scratch = new Int32Array(count);
          const x = waterFill(keys, rates, count, budget, cold, scratch);
          const y = waterFill(keys, rates, count, budget, warm, scratch, guess);
          expect(y).toBeCloseTo(x, 9);
          expect(cold.reduce((a, b) => a + b, 0)).toBeCloseTo(budget, 9);
          cold.forEach((t, j) => {
            expect(warm[j]).toBeCloseTo(t, 9);
            // t_j = max(0, (k_j − x)/w_j): the Charnes–Cooper form.
            expect(t).toBeCloseTo(Math.max(0, (keys[j]! - x) / rates[j]!), 9);
          });
        },
      ),
    );
  });
});
