import { describe, expect, it } from "vitest";
import { seededRandom } from "../src/random";
import { approxEqual, FLOAT_TOLERANCE, probability } from "../src/units";

describe("units", () => {
  it("compares floats with the named tolerance", () => {
    expect(approxEqual(0.1 + 0.2, 0.3)).toBe(true);
    expect(approxEqual(0.3, 0.3 + 10 * FLOAT_TOLERANCE)).toBe(false);
  });
  it("refuses a NaN probability and clamps rounding noise", () => {
    expect(() => probability(Number.NaN)).toThrow(RangeError);
    expect(probability(1 + 1e-15)).toBe(1);
  });
});

describe("seededRandom", () => {
  it("repeats its sequence for the same seed and differs for another", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const c = seededRandom(43);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    for (const x of seqA) expect(x >= 0 && x < 1).toBe(true);
  });
});
