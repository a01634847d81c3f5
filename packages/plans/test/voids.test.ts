import type { Point } from "@athar/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  analyseVoids,
  candidateToHypothesis,
  centroid,
  pointInPolygon,
  polygonArea,
  type VoidCandidate,
} from "../src";
import { FacilityBuilder, rect } from "./fixtures/facility-builder";
import {
  courtyardScenario,
  rotatedTwinScenario,
  stackedFloorsScenario,
  stairsDownScenario,
  twinWingsScenario,
  wingScenario,
} from "./fixtures/void-scenarios";

const covers = (candidate: VoidCandidate, polygon: readonly Point[]): boolean =>
  pointInPolygon(centroid(polygon), candidate.polygon);

describe("hidden rooms in the unexplained area", () => {
  it("finds nothing in a complete plan whose walls are not drawn", () => {
    const result = analyseVoids(wingScenario().document);
    expect(result.candidates).toEqual([]);
    // The wall web is there and measured: interior walls 0.2 m.
    expect(result.levels[0]!.interiorWallM).toBeCloseTo(0.2, 6);
    expect(result.levels[0]!.residualAreaM2).toBeGreaterThan(20);
  });

  it("separates a hidden cell from the wall web it touches, by width", () => {
    const { document, hidden } = wingScenario({ omit: ["S4"] });
    const [only, ...rest] = analyseVoids(document).candidates;
    expect(rest).toEqual([]);
    expect(only!.reasons).toEqual(["unexplained_area"]);
    expect(covers(only!, hidden[0]!.polygon)).toBe(true);
    // Interior estimate: the cell's 2.5 × 3 m once the wall thickness is peeled off.
    expect(only!.areaM2).toBeGreaterThan(7.5 - 0.6);
    expect(only!.areaM2).toBeLessThan(7.5 + 0.6);
    expect(only!.inscribedRadiusM).toBeCloseTo(1.25, 1);
  });

  it("finds each of several hidden cells as its own candidate", () => {
    const { document, hidden } = wingScenario({ omit: ["S1", "N6", "S8"] });
    const candidates = analyseVoids(document).candidates;
    expect(candidates.length).toBe(3);
    for (const h of hidden) expect(candidates.filter((c) => covers(c, h.polygon)).length).toBe(1);
  });

  it("finds planted cells whatever the wall thickness and however imprecise the drawing (property)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("S", "N"),
        fc.integer({ min: 0, max: 9 }),
        fc.double({ min: 0.12, max: 0.35, noNaN: true }),
        fc.double({ min: 0, max: 0.03, noNaN: true }),
        fc.integer({ min: 1, max: 1000 }),
        (row, index, wallT, jitterM, seed) => {
          const key = `${row}${index}`;
          const { document, hidden } = wingScenario({ omit: [key], wallT, jitterM, seed });
          const candidates = analyseVoids(document).candidates;
          expect(candidates.length).toBe(1);
          expect(covers(candidates[0]!, hidden[0]!.polygon)).toBe(true);
          expect(Math.abs(candidates[0]!.areaM2 - 7.5)).toBeLessThan(1.2);
        },
      ),
      { numRuns: 25 },
    );
  });

  it("measures a hidden room exactly when spaces are drawn edge to edge (no wall gaps)", () => {
    const b = new FacilityBuilder({ seed: 12 });
    const level = b.level(b.building(), -2, rect(0, 0, 24, 12));
    for (let i = 0; i < 6; i++) {
      for (let j = 0; j < 2; j++)
        if (!(i === 2 && j === 1)) b.space(level, "room", rect(i * 4, j * 6, i * 4 + 4, j * 6 + 6));
    }
    const [only, ...rest] = analyseVoids(b.build()).candidates;
    expect(rest).toEqual([]);
    expect(only!.levelOrdinal).toBe(-2);
    expect(only!.areaM2).toBeCloseTo(24, 0);
    expect(polygonArea(only!.polygon)).toBeCloseTo(24, 0);
  });

  it("works the same on a wing that is not aligned with the axes", () => {
    const { document, hidden } = wingScenario({ omit: ["N3"] });
    const angle = (30 * Math.PI) / 180;
    const turn = ([x, y]: Point): Point => [
      x * Math.cos(angle) - y * Math.sin(angle),
      x * Math.sin(angle) + y * Math.cos(angle),
    ];
    for (const s of document.spaces) s.polygon = s.polygon.map(turn);
    for (const l of document.levels)
      l.outline = l.outline.map((p) => ({ outer: p.outer.map(turn), holes: [] }));
    for (const o of document.openings) {
      o.position = turn(o.position);
      o.line = o.line ? [turn(o.line[0]), turn(o.line[1])] : null;
    }
    const candidates = analyseVoids(document).candidates;
    expect(candidates.length).toBe(1);
    expect(pointInPolygon(turn(centroid(hidden[0]!.polygon)), candidates[0]!.polygon)).toBe(true);
    expect(Math.abs(candidates[0]!.areaM2 - 7.5)).toBeLessThan(1);
  });

  it("ignores slivers left by imprecise drawing", () => {
    expect(analyseVoids(wingScenario({ jitterM: 0.04, seed: 11 }).document).candidates).toEqual([]);
  });

  it("reports a courtyard only when the outline includes it and no yard is drawn", () => {
    expect(analyseVoids(courtyardScenario().document).candidates).toEqual([]);
    expect(analyseVoids(courtyardScenario(true).document).candidates).toEqual([]);
    const b = courtyardScenario(true).document;
    b.spaces = b.spaces.filter((s) => s.kind !== "yard");
    const [courtyard] = analyseVoids(b).candidates;
    expect(courtyard!.areaM2).toBeGreaterThan(14 * 14 * 0.9);
  });

  it("counts a suspected space as unexplained, a ruled-out one as explained", () => {
    const { document } = wingScenario();
    const cell = document.spaces.find((s) => s.kind === "cell")!;
    cell.status = "suspected";
    expect(analyseVoids(document).candidates.length).toBe(1);
    cell.status = "ruled_out";
    expect(analyseVoids(document).candidates.length).toBe(0);
  });
});

describe("thick walls", () => {
  it("does not flag outside walls that are all equally thick", () => {
    const result = analyseVoids(wingScenario({ outerT: 0.5 }).document);
    expect(result.candidates).toEqual([]);
    expect(result.levels[0]!.exteriorWallM).toBeCloseTo(0.5, 6);
  });

  it("flags an inside wall much thicker than the others, and it scores below a hidden room", () => {
    const { document } = wingScenario({ thickenAfter: { S3: 0.8 } });
    const candidates = analyseVoids(document).candidates;
    expect(candidates.length).toBe(2); // the wall runs through both rows
    for (const c of candidates) {
      expect(c.reasons).toEqual(["thick_wall"]);
      expect(c.score).toBeLessThanOrEqual(0.4);
      expect(c.evidence[0]!.detail).toMatch(/1\.0\d m thick|0\.9\d m thick/);
    }
  });

  it("flags a drawn wall body much thicker than others of its material", () => {
    const { document } = wingScenario();
    const level = document.levels[0]!.id;
    const thin = [0, 1, 2, 3].map((k) => ({
      id: `0000000${k}-0000-4000-8000-000000000000`,
      levelId: level,
      polygon: [
        [k * 3, -5],
        [k * 3 + 2, -5],
        [k * 3 + 2, -4.8],
        [k * 3, -4.8],
      ] as Point[],
      holes: [],
      material: "brick" as const,
      thicknessM: 0.2,
      imdfCategory: "brick",
      nameLabels: null,
      extra: {},
    }));
    const thick = { ...thin[0]!, id: "00000009-0000-4000-8000-000000000000", thicknessM: 1.2 };
    document.walls = [...thin, thick];
    const flagged = analyseVoids(document).candidates.filter((c) => c.reasons.includes("thick_wall"));
    expect(flagged.map((c) => c.evidence[0]!.featureIds)).toEqual([[thick.id]]);
  });
});

describe("pointing signals", () => {
  it("a door to nothing raises the score of the room behind it", () => {
    const plain = analyseVoids(wingScenario({ omit: ["S4"] }).document).candidates[0]!;
    const withDoor = analyseVoids(wingScenario({ omit: ["S4"], doorToOmitted: ["S4"] }).document)
      .candidates[0]!;
    expect(withDoor.reasons).toEqual(["unexplained_area", "opening_to_nothing"]);
    expect(withDoor.score).toBeGreaterThan(plain.score);
    // Noisy-OR of the two: 1 − (1 − 0.6·s)(1 − 0.7).
    const s = plain.evidence[0]!.strength;
    expect(withDoor.score).toBeCloseTo(1 - (1 - 0.6 * s) * 0.3, 9);
  });

  it("exterior doors are not openings to nothing", () => {
    const { document } = wingScenario();
    const corridor = document.spaces.find((s) => s.kind === "corridor")!;
    const y = (corridor.polygon[0]![1] + corridor.polygon[2]![1]) / 2;
    document.openings.push({
      ...document.openings[0]!,
      id: "0000000a-0000-4000-8000-000000000000",
      spaceAId: corridor.id,
      spaceBId: null,
      line: [
        [0.1, y - 0.45],
        [0.1, y + 0.45],
      ],
      position: [0.1, y],
    });
    expect(analyseVoids(document).candidates).toEqual([]);
  });

  it("stairs joined to nothing above continue below the lowest level", () => {
    for (const kind of ["stairs", "shaft"] as const) {
      const { document, hidden } = stairsDownScenario(kind);
      const [below, core, ...rest] = analyseVoids(document).candidates;
      expect(rest).toEqual([]);
      expect(below!.levelId).toBeNull();
      expect(below!.levelOrdinal).toBe(-2);
      expect(below!.reasons).toEqual(["stairs_continue_below"]);
      expect(below!.score).toBeCloseTo(0.8, 9);
      expect(polygonArea(below!.polygon)).toBeCloseTo(polygonArea(hidden[0]!.polygon), 6);
      // The stair core that comes down from the ground floor is weaker evidence of the same.
      expect(core!.levelOrdinal).toBe(-2);
      expect(core!.score).toBeCloseTo(0.8 * 0.3, 9);
    }
  });

  it("stairs stacked on every level say little, and nothing when the core ends above the lowest level", () => {
    const { document } = stairsDownScenario();
    document.spaces.find((s) => s.name === "lower stair")!.kind = "room";
    const weak = analyseVoids(document).candidates;
    expect(weak.length).toBe(1);
    expect(weak[0]!.score).toBeLessThan(0.25);
    // Move the basement's stair away from under the ground floor's: the ground-floor stair now leads to a
    // drawn room below (nothing unexplained there) and the basement stair is joined to nothing above.
    const basementStairs = document.spaces.find(
      (s) =>
        s.kind === "stairs" &&
        s.polygon[0]![1] < 1 &&
        document.levels.find((l) => l.id === s.levelId)!.ordinal === -1,
    )!;
    document.relationships = [];
    basementStairs.kind = "room";
    expect(
      analyseVoids(document).candidates.filter((c) => c.reasons.includes("stairs_continue_below")),
    ).toEqual([]);
  });

  it("a wing that differs from its twin (translated, or turned 90°) gets twin_wing_mismatch", () => {
    for (const scenario of [twinWingsScenario(), rotatedTwinScenario()]) {
      const candidates = analyseVoids(scenario.document).candidates;
      expect(candidates.length).toBe(1);
      expect(candidates[0]!.reasons).toEqual(["unexplained_area", "twin_wing_mismatch"]);
      expect(covers(candidates[0]!, scenario.hidden[0]!.polygon)).toBe(true);
    }
  });

  it("a floor that differs from the identical floor below gets twin_wing_mismatch", () => {
    const { document, hidden } = stackedFloorsScenario();
    const [c] = analyseVoids(document).candidates;
    expect(c!.levelOrdinal).toBe(1);
    expect(c!.reasons).toEqual(["unexplained_area", "twin_wing_mismatch"]);
    expect(covers(c!, hidden[0]!.polygon)).toBe(true);
  });
});

describe("candidates as hypotheses", () => {
  it("a candidate on a known level becomes a suspected space there", () => {
    const [c] = analyseVoids(wingScenario({ omit: ["S4"] }).document).candidates;
    const h = candidateToHypothesis(c!, { spaceId: "s", levelId: "l" }, 0.3);
    expect(h.level).toBeNull();
    expect(h.space).toMatchObject({ id: "s", levelId: c!.levelId, status: "suspected", kind: "unknown" });
    expect(h.prior).toBe(0.3);
    expect(h.space.notes).toMatch(/unexplained_area/);
  });

  it("a candidate below every level brings a suspected level with it", () => {
    const [c] = analyseVoids(stairsDownScenario().document).candidates;
    const h = candidateToHypothesis(c!, { spaceId: "s", levelId: "l" });
    expect(h.level).toMatchObject({ id: "l", ordinal: -2, status: "suspected" });
    expect(h.space.levelId).toBe("l");
    expect(h.prior).toBeCloseTo(c!.score, 12);
  });
});
