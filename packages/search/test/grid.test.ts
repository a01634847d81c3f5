import { approxEqual, seededRandom } from "@athar/core";
import { describe, expect, it } from "vitest";
import { applyLikelihoods, updateAfterUnsuccessfulSearches } from "../src/bayes";
import { updateGridAfterSearch, updateGridWithLikelihood } from "../src/grid";

function randomGrid(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  const grid = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i++) {
    grid[i] = random.next();
    total += grid[i]!;
  }
  for (let i = 0; i < n; i++) grid[i] = grid[i]! / total;
  return grid;
}

describe("grid updates (Float64Array paths)", () => {
  it("match the readable array forms cell by cell", () => {
    const random = seededRandom(7);
    const poa = randomGrid(500, 1);
    const pod = Float64Array.from({ length: 500 }, () => random.next() * 0.9);
    const expected = updateAfterUnsuccessfulSearches([...poa], [...pod]);
    const out = new Float64Array(500);
    const pos = updateGridAfterSearch(poa, pod, out);
    out.forEach((value, i) => {
      expect(approxEqual(value, expected[i]!)).toBe(true);
    });
    const expectedPos = [...poa].reduce((sum, p, i) => sum + p * pod[i]!, 0);
    expect(approxEqual(pos, expectedPos)).toBe(true);

    const likelihood = Float64Array.from({ length: 500 }, () => random.next());
    const expectedLikelihood = applyLikelihoods([...poa], [...likelihood]);
    updateGridWithLikelihood(poa, likelihood);
    poa.forEach((value, i) => {
      expect(approxEqual(value, expectedLikelihood[i]!)).toBe(true);
    });
  });

  it("applies one POD to every cell and keeps the grid normalised", () => {
    const poa = randomGrid(1000, 2);
    const pos = updateGridAfterSearch(poa, 0.3);
    expect(pos).toBeCloseTo(0.3, 12);
    expect(
      approxEqual(
        poa.reduce((a, b) => a + b, 0),
        1,
      ),
    ).toBe(true);
  });

  it("refuses a POD outside [0, 1]", () => {
    expect(() => updateGridAfterSearch(randomGrid(3, 3), 1.5)).toThrow();
    expect(() => updateGridAfterSearch(randomGrid(3, 3), Float64Array.from([0.1, -0.1, 0.2]))).toThrow();
  });
});
