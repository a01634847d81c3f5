import { describe, expect, it } from "vitest";
import { allocateEffort } from "../src/allocation";
import { parseAllocationProblem, solveAllocationProblem } from "../src/allocation-problem";

const messagesOf = (value: unknown): string[] => {
  try {
    parseAllocationProblem(value);
  } catch (error) {
    return (error as { details: { path: string; message: string }[] }).details.map(
      (d) => `${d.path}: ${d.message}`,
    );
  }
  throw new Error("expected an error");
};

describe("the allocate contract", () => {
  const problem = {
    segments: [
      { id: "A", poa: 0.5 },
      { id: "B", poa: 0.3 },
      { id: "C", poa: 0.1 },
    ],
    resources: [{ id: "k9", hours: 4, rate: { A: 0.125, B: 0.25 } }],
  };

  it("lists every segment for every resource, normalises POA and returns POS and posterior", () => {
    const output = solveAllocationProblem(parseAllocationProblem(problem));
    expect(Object.keys(output.allocation.k9!)).toEqual(["A", "B", "C"]);
    expect(output.allocation.k9!.C).toBe(0);
    const hours = output.allocation.k9!;
    expect(hours.A! + hours.B!).toBeCloseTo(4, 12);
    // Same answer as the engine on normalised weights.
    const direct = allocateEffort({
      weights: [5 / 9, 3 / 9, 1 / 9],
      rates: [[0.125, 0.25, 0]],
      budgets: [4],
    });
    expect(output.pos).toBeCloseTo(direct.pos, 12);
    expect(hours.A).toBeCloseTo(direct.hours[0]![0]!, 12);
    const p = [5 / 9, 3 / 9, 1 / 9];
    const miss = p.reduce(
      (acc, pi, i) => acc + pi * Math.exp(-[0.125 * hours.A!, 0.25 * hours.B!, 0][i]!),
      0,
    );
    expect(output.pos).toBeCloseTo(1 - miss, 12);
    expect(output.posterior.C).toBeCloseTo(1 / 9 / miss, 12);
    expect(Object.values(output.posterior).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it("refuses negative hours, unknown segment ids, no segments, duplicates and all-zero POA", () => {
    expect(messagesOf({ ...problem, resources: [{ id: "k9", hours: -1, rate: {} }] })).toEqual([
      "resources.0.hours: hours must be ≥ 0",
    ]);
    expect(messagesOf({ ...problem, resources: [{ id: "k9", hours: 1, rate: { Z: 1 } }] })).toEqual([
      "resources.0.rate.Z: unknown segment id Z",
    ]);
    expect(messagesOf({ segments: [], resources: [] })).toEqual(["segments: at least one segment is needed"]);
    expect(
      messagesOf({
        segments: [
          { id: "A", poa: 1 },
          { id: "A", poa: 1 },
        ],
        resources: [],
      }),
    ).toEqual(["segments.1.id: duplicate segment id A"]);
    expect(messagesOf({ segments: [{ id: "A", poa: 0 }], resources: [] })).toEqual([
      "segments: the POA weights must not all be 0",
    ]);
    expect(
      messagesOf({ segments: [{ id: "A", poa: 1 }], resources: [{ id: "r", hours: 1, rate: { A: -2 } }] }),
    ).toEqual(["resources.0.rate.A: rate must be ≥ 0"]);
    expect(messagesOf([])[0]).toMatch(/^\(root\)/);
  });

  it("keeps unreachable segments at 0 hours", () => {
    const output = solveAllocationProblem(
      parseAllocationProblem({
        ...problem,
        segments: [{ id: "A", poa: 0.5, reachable: false }, ...problem.segments.slice(1)],
      }),
    );
    expect(output.allocation.k9!.A).toBe(0);
    expect(output.allocation.k9!.B).toBeCloseTo(4, 12);
  });
});
