import { approxEqual } from "@athar/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  applyLikelihoods,
  cumulativePosOfSequence,
  likelihoodUpdate,
  updateAfterUnsuccessfulSearch,
  updateAfterUnsuccessfulSearches,
  updateWithEvidence,
} from "../src/bayes";

const expectVector = (actual: readonly number[], expected: readonly number[], digits = 6) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    expect(value).toBeCloseTo(expected[i]!, digits);
  });
};

describe("unsuccessful search (domain primer §4)", () => {
  it("reproduces the primer's A, B, C, ROW example step by step", () => {
    const prior = [0.5, 0.3, 0.1, 0.1];
    const afterA = updateAfterUnsuccessfulSearch(prior, 0, 0.6);
    expectVector(afterA, [0.285714, 0.428571, 0.142857, 0.142857]);
    const afterB = updateAfterUnsuccessfulSearch(afterA, 1, 0.5);
    expectVector(afterB, [0.363636, 0.272727, 0.181818, 0.181818]);
    expect(
      cumulativePosOfSequence(prior, [
        { index: 0, pod: 0.6 },
        { index: 1, pod: 0.5 },
      ]),
    ).toBeCloseTo(0.45, 12);
  });

  it("refuses a certain search that found nothing", () => {
    expect(() => updateAfterUnsuccessfulSearch([1, 0], 0, 1)).toThrow(/contradicts/);
  });

  const distribution = fc
    .array(fc.double({ min: 0.001, max: 1, noNaN: true }), { minLength: 2, maxLength: 12 })
    .map((weights) => {
      const total = weights.reduce((a, b) => a + b, 0);
      return weights.map((w) => w / total);
    });

  it("keeps probabilities in [0, 1] summing to 1, and lowers the searched segment", () => {
    fc.assert(
      fc.property(
        distribution,
        fc.nat(),
        fc.double({ min: 0, max: 0.999, noNaN: true }),
        (poa, pick, pod) => {
          const index = pick % poa.length;
          const after = updateAfterUnsuccessfulSearch(poa, index, pod);
          const sum = after.reduce((a, b) => a + b, 0);
          return (
            approxEqual(sum, 1) &&
            after.every((p) => p >= 0 && p <= 1) &&
            after[index]! <= poa[index]! + 1e-15 &&
            after.every((p, i) => i === index || p >= poa[i]! - 1e-15)
          );
        },
      ),
    );
  });

  it("gives the same result for simultaneous searches as for the same searches one after another", () => {
    fc.assert(
      fc.property(
        distribution,
        fc.array(fc.double({ min: 0, max: 0.95, noNaN: true }), { minLength: 12, maxLength: 12 }),
        (poa, allPods) => {
          const pods = allPods.slice(0, poa.length);
          const together = updateAfterUnsuccessfulSearches(poa, pods);
          let sequential = [...poa];
          pods.forEach((pod, i) => {
            sequential = updateAfterUnsuccessfulSearch(sequential, i, pod);
          });
          return together.every((p, i) => approxEqual(p, sequential[i]!, 1e-9));
        },
      ),
    );
  });

  it("never lowers the cumulative POS when a search gets more effort", () => {
    fc.assert(
      fc.property(
        distribution,
        fc.nat(),
        fc.double({ min: 0, max: 0.9, noNaN: true }),
        fc.double({ min: 0, max: 0.09, noNaN: true }),
        (poa, pick, pod, more) => {
          const index = pick % poa.length;
          const less = cumulativePosOfSequence(poa, [{ index, pod }]);
          const moreEffort = cumulativePosOfSequence(poa, [{ index, pod: pod + more }]);
          return moreEffort >= less - 1e-15;
        },
      ),
    );
  });
});

describe("likelihood update for positive or ambiguous evidence (domain primer §4)", () => {
  it("reproduces prior 0.2, L1 0.8, L0 0.1 → 0.666667 and two alerts → 0.941176", () => {
    const once = likelihoodUpdate(0.2, 0.8, 0.1);
    expect(once).toBeCloseTo(0.666667, 6);
    expect(likelihoodUpdate(once, 0.8, 0.1)).toBeCloseTo(0.941176, 6);
  });

  it("agrees with the vector form on two segments", () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.001, max: 0.999, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        fc.double({ min: 0.001, max: 1, noNaN: true }),
        (prior, l1, l0) =>
          approxEqual(updateWithEvidence([prior, 1 - prior], 0, l1, l0)[0]!, likelihoodUpdate(prior, l1, l0)),
      ),
    );
  });

  it("refuses an observation impossible under the model", () => {
    expect(() => applyLikelihoods([1, 0], [0, 1])).toThrow(/probability 0/);
  });
});
