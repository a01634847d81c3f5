import { describe, expect, it } from "vitest";
import { foldSearchLog } from "../src/fold";
import { planSearch } from "../src/plan";
import { DEFAULT_WATER_SURVIVAL, survivalProbability, urgencyWeights } from "../src/survival";
import { LogBuilder } from "./log-builder";

describe("urgency", () => {
  it("is a decreasing survival curve starting at 1, with its median near 91 hours by default", () => {
    expect(survivalProbability(0)).toBe(1);
    const median = 100 * Math.log(2) ** (1 / 4);
    expect(survivalProbability(median)).toBeCloseTo(0.5, 12);
    expect(survivalProbability(48)).toBeGreaterThan(survivalProbability(72));
    expect(survivalProbability(72, DEFAULT_WATER_SURVIVAL, "min")).toBeLessThan(
      survivalProbability(72, DEFAULT_WATER_SURVIVAL, "max"),
    );
    expect(Array.from(urgencyWeights([0.5, 0.5], [24, 120]))).toEqual([
      0.5 * survivalProbability(24),
      0.5 * survivalProbability(120),
    ]);
    expect(() => survivalProbability(-1)).toThrow();
  });
});

describe("planning from the state", () => {
  const state = foldSearchLog(
    new LogBuilder()
      .segment("A", { areaM2: 100 })
      .segment("B", { areaM2: 100 })
      .segment("C", { areaM2: 100, reachable: false })
      .segment("D")
      .hypothesis("H", 0.5, { areaM2: 50 })
      .estimate("p", { A: 0.4, B: 0.4, C: 0.1, D: 0.05, H: 0.05 }).events,
  );

  it("uses catalogue rates, skips what a team cannot search, and reports POS on the whole distribution", () => {
    const plan = planSearch(state, [{ id: "k9-1", methodId: "canine", hours: 1 }], {
      subjectClass: "unresponsive",
    });
    const reasons = Object.fromEntries(plan.excluded.map((e) => [e.segmentId, e.reason]));
    expect(reasons).toEqual({ ROW: "row", C: "unreachable", D: "no-area" });
    const hours = plan.resources[0]!.hours;
    expect(hours.A).toBeCloseTo(hours.B!, 9);
    expect(Object.values(hours).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    // POS = Σ POA·(1 − e^(−rate·t)) with rate 600 m²/h over 100 m².
    const poa = (id: string) => state.segments.find((s) => s.segment.id === id)!.poaByClass.unresponsive;
    const expected = ["A", "B", "H"].reduce(
      (acc, id) => acc + poa(id) * (1 - Math.exp(-(600 / (id === "H" ? 50 : 100)) * (hours[id] ?? 0))),
      0,
    );
    expect(plan.pos).toBeCloseTo(expected, 12);
  });

  it("a knock team cannot plan for unresponsive people", () => {
    const plan = planSearch(state, [{ id: "knock-1", methodId: "knock", hours: 2 }], {
      subjectClass: "unresponsive",
    });
    expect(plan.pos).toBe(0);
    expect(plan.resources[0]!.unusedHours).toBe(2);
  });

  it("prefers, other things equal, where people went without water for less time", () => {
    const plan = planSearch(state, [{ id: "v", methodId: "visual", hours: 0.5 }], {
      subjectClass: "responsive",
      hoursWithoutWater: { A: 24, B: 110, H: 24 },
    });
    expect(plan.resources[0]!.hours.A!).toBeGreaterThan(plan.resources[0]!.hours.B ?? 0);
    expect(plan.posAlive!).toBeLessThan(plan.pos);
  });
});
