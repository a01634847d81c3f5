import { approxEqual, coverageRate, hours } from "@athar/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cappedCumulativePod,
  coverageFromPod,
  coverageFromRate,
  coverageFromSweep,
  coverageRateFromSweepRate,
  cumulativePod,
  podFromCoverage,
} from "../src/detection";

describe("random-search detection law (domain primer §4)", () => {
  it("gives the primer's POD for coverage 1 and 3", () => {
    expect(podFromCoverage(1)).toBeCloseTo(0.632121, 6);
    expect(podFromCoverage(3)).toBeCloseTo(0.950213, 6);
    expect(podFromCoverage(0)).toBe(0);
  });

  it("computes coverage as w·t and as W·L/A", () => {
    expect(coverageFromRate(coverageRate(0.25), hours(4))).toBe(1);
    // 2 m sweep width, 500 m of track in a 1000 m² hall: C = 1.
    expect(coverageFromSweep(2, 500, 1000)).toBe(1);
    expect(coverageRateFromSweepRate(600, 20)).toBe(30);
    expect(() => coverageFromSweep(2, 500, 0)).toThrow(RangeError);
    expect(() => podFromCoverage(-1)).toThrow(RangeError);
  });

  // Above C ≈ 15, 1 − e^(−C) is too close to 1 for a double to keep C.
  it("inverts: coverageFromPod(podFromCoverage(C)) = C", () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 15, noNaN: true }), (c) =>
        approxEqual(coverageFromPod(podFromCoverage(c)), c, 1e-8),
      ),
    );
  });

  it("combines independent looks as the primer says", () => {
    expect(cumulativePod([0.5, 0.5])).toBeCloseTo(0.75, 12);
    expect(cumulativePod([0.4, 0.6, 0.3])).toBeCloseTo(0.832, 12);
  });

  it("caps correlated looks of one method class", () => {
    expect(cappedCumulativePod([0.6, 0.6, 0.6], 0.85)).toBe(0.85);
    expect(cappedCumulativePod([0.5], 0.85)).toBe(0.5);
  });

  it("never decreases with another look and stays in [0, 1]", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 20 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (pods, extra) => {
          const before = cumulativePod(pods);
          const after = cumulativePod([...pods, extra]);
          return after >= before - 1e-15 && after <= 1 && before >= 0;
        },
      ),
    );
  });
});
