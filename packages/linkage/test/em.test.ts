/**
 * EM against a known truth: comparison patterns drawn from chosen m, u and λ (seeded), then estimated with
 * u fixed, as the engine does. The estimates must come back close to the parameters that made the data.
 */
import { seededRandom } from "@athar/core";
import { describe, expect, it } from "vitest";
import { expectationMaximisation } from "../src/training";

describe("expectation–maximisation of m", () => {
  it("recovers m and λ from patterns generated with known parameters", () => {
    const m = [
      [0, 0.85, 0.1, 0.05],
      [0, 0.7, 0.2, 0.1],
      [0, 0.9, 0.1],
      [0, 0.6, 0.3, 0.1],
    ];
    const u = [
      [0, 0.01, 0.04, 0.95],
      [0, 0.02, 0.08, 0.9],
      [0, 0.05, 0.95],
      [0, 0.005, 0.05, 0.945],
    ];
    const lambda = 0.2;
    const base = 4;
    const random = seededRandom(42);
    const draw = (row: number[]) => {
      let r = random.next();
      for (let level = 1; level < row.length; level++) {
        r -= row[level] as number;
        if (r < 0) return level;
      }
      return row.length - 1;
    };
    const patterns = new Map<number, number>();
    for (let pair = 0; pair < 200_000; pair++) {
      const rows = random.next() < lambda ? m : u;
      let code = 0;
      for (let f = rows.length - 1; f >= 0; f--) code = code * base + draw(rows[f] as number[]);
      patterns.set(code, (patterns.get(code) ?? 0) + 1);
    }
    const start = m.map((row) => row.map((_, level) => (level === 0 ? 0 : 1 / (row.length - 1))));
    const estimate = expectationMaximisation(
      patterns,
      base,
      m.map((row) => row.length),
      u,
      start,
      {
        excluded: new Set(),
        maxIterations: 500,
        lambda: 0.5,
        priorM: start,
      },
    );
    expect(estimate.lambda).toBeCloseTo(lambda, 2);
    m.forEach((row, f) => {
      row.forEach((value, level) => {
        if (level > 0) expect((estimate.m[f] as number[])[level]).toBeCloseTo(value, 1);
      });
    });
  });
});
