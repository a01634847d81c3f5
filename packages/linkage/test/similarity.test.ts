import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  commonCharacters,
  isAdjacentTransposition,
  jaro,
  jaroWinkler,
  jaroWinklerAtLeast,
  levenshtein,
  myersDistance,
} from "../src/similarity";

/** Textbook dynamic programme, the oracle for the fast versions. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const above = d[i - 1] as number[];
      row[j] = Math.min(
        (above[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (above[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

const word = fc.string({ unit: fc.constantFrom("a", "b", "c", "d", "م", "ح", "د"), maxLength: 40 });

describe("Jaro and Jaro–Winkler", () => {
  it("give the published values (Winkler 1990; Cohen, Ravikumar and Fienberg 2003)", () => {
    expect(jaro("MARTHA", "MARHTA")).toBeCloseTo(0.944, 3);
    expect(jaroWinkler("MARTHA", "MARHTA")).toBeCloseTo(0.961, 3);
    expect(jaro("DWAYNE", "DUANE")).toBeCloseTo(0.822, 3);
    expect(jaroWinkler("DWAYNE", "DUANE")).toBeCloseTo(0.84, 3);
    expect(jaro("DIXON", "DICKSONX")).toBeCloseTo(0.767, 3);
    expect(jaroWinkler("DIXON", "DICKSONX")).toBeCloseTo(0.813, 3);
  });

  it("are 1 for equal strings, 0 with nothing in common, symmetric and within [0, 1]", () => {
    expect(jaroWinkler("محمد", "محمد")).toBe(1);
    expect(jaroWinkler("abc", "xyz")).toBe(0);
    fc.assert(
      fc.property(word, word, (a, b) => {
        const ab = jaroWinkler(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeLessThanOrEqual(1);
        expect(jaro(a, b)).toBeCloseTo(jaro(b, a), 12);
      }),
    );
  });

  it("the bounded form agrees with the full one about every threshold (property)", () => {
    fc.assert(
      fc.property(word, word, fc.double({ min: 0.5, max: 1, noNaN: true }), (a, b, minimum) => {
        const full = jaroWinkler(a, b);
        const bounded = jaroWinklerAtLeast(a, b, minimum);
        if (full >= minimum) expect(bounded).toBeCloseTo(full, 12);
        else expect(bounded < minimum).toBe(true);
      }),
    );
  });
});

describe("edit distance", () => {
  it("Myers' bit-parallel distance equals the dynamic programme (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 32 }), fc.string({ maxLength: 40 }), (a, b) => {
        expect(myersDistance(a, b)).toBe(editDistance(a, b));
      }),
    );
  });

  it("the bounded distance is exact up to the bound and bound + 1 beyond (property)", () => {
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 4 }), (a, b, limit) => {
        expect(levenshtein(a, b, limit)).toBe(Math.min(editDistance(a, b), limit + 1));
      }),
    );
  });

  it("common characters bound the distance from below", () => {
    fc.assert(
      fc.property(word, word, (a, b) => {
        expect(editDistance(a, b)).toBeGreaterThanOrEqual(
          Math.max(a.length, b.length) - commonCharacters(a, b),
        );
      }),
    );
  });

  it("recognises two adjacent characters exchanged", () => {
    expect(isAdjacentTransposition("1234567", "1243567")).toBe(true);
    expect(isAdjacentTransposition("1234567", "1234567")).toBe(false);
    expect(isAdjacentTransposition("1234567", "1432567")).toBe(false);
  });
});
