import type { Point, Space } from "@athar/core";
import { findPolygonProblem, polygonArea } from "@athar/plans";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cleanRing,
  doorPosition,
  rectangle,
  snapPoint,
  spaceAt,
  spacesNear,
  wallDirection,
} from "../src/plan/geometry";

const space = (id: string, polygon: Point[]): Space => ({
  id,
  levelId: "00000000-0000-4000-8000-000000000000",
  name: id,
  kind: "room",
  status: "known",
  polygon,
  notes: "",
});

describe("plan geometry", () => {
  it("draws a valid, counter-clockwise rectangle from any two corners", () => {
    const coordinate = fc.integer({ min: -1000, max: 1000 }).map((n) => n / 10);
    fc.assert(
      fc.property(coordinate, coordinate, coordinate, coordinate, (x0, y0, x1, y1) => {
        fc.pre(x0 !== x1 && y0 !== y1);
        const ring = rectangle([x0, y0], [x1, y1]);
        return (
          findPolygonProblem(ring) === null &&
          Math.abs(polygonArea(ring) - Math.abs((x1 - x0) * (y1 - y0))) < 1e-6
        );
      }),
    );
  });

  it("snaps to tenths of a metre without float noise", () => {
    expect(snapPoint([1.04999, -2.35])).toEqual([1, -2.3]);
    expect(snapPoint([0.1 + 0.2, 7.77])).toEqual([0.3, 7.8]);
  });

  it("drops the repeated points a double-click leaves, and a closing repeat", () => {
    expect(
      cleanRing([
        [0, 0],
        [4, 0],
        [4, 3],
        [4, 3],
        [0, 0],
      ]),
    ).toEqual([
      [0, 0],
      [4, 0],
      [4, 3],
    ]);
  });

  it("finds the spaces a door between two rooms touches, nearest first", () => {
    const left = space("left", rectangle([0, 0], [4, 5]));
    const right = space("right", rectangle([4.4, 0], [8.4, 5]));
    const far = space("far", rectangle([20, 0], [24, 5]));
    const near = spacesNear([4.3, 2.5], [far, left, right], 1);
    expect(near.map((n) => n.space.id)).toEqual(["right", "left"]);
    expect(near[0]?.distance).toBeCloseTo(0.1, 9);
    expect(spacesNear([12, 2.5], [left, right, far], 1)).toEqual([]);
  });

  it("picks the innermost of overlapping spaces", () => {
    const hall = space("hall", rectangle([0, 0], [20, 20]));
    const cupboard = space("cupboard", rectangle([2, 2], [3, 3]));
    expect(spaceAt([2.5, 2.5], [hall, cupboard])?.id).toBe("cupboard");
    expect(spaceAt([10, 10], [hall, cupboard])?.id).toBe("hall");
    expect(spaceAt([30, 30], [hall, cupboard])).toBeNull();
  });

  it("gives the direction of the nearest wall", () => {
    const room = rectangle([0, 0], [4, 5]);
    const [dx, dy] = wallDirection([4.2, 2], room);
    expect(Math.abs(dx)).toBeCloseTo(0, 9);
    expect(Math.abs(dy)).toBeCloseTo(1, 9);
    const [ex, ey] = wallDirection([2, -0.2], room);
    expect(Math.abs(ex)).toBeCloseTo(1, 9);
    expect(Math.abs(ey)).toBeCloseTo(0, 9);
  });
});

describe("door placement", () => {
  const left = space("left", rectangle([0, 0], [4, 5]));
  const right = space("right", rectangle([4.4, 0], [8.4, 5]));

  it("puts a click inside a room next to a wall into the middle of the wall", () => {
    const [x, y] = doorPosition([3.5, 2], [left, right], 1);
    expect(x).toBeCloseTo(4.2, 9);
    expect(y).toBeCloseTo(2, 9);
    expect(
      spacesNear([x, y], [left, right], 1)
        .map((n) => n.space.id)
        .sort(),
    ).toEqual(["left", "right"]);
  });

  it("puts a door on an outer wall onto the outline", () => {
    const [x, y] = doorPosition([2, -0.6], [left, right], 1);
    expect(x).toBeCloseTo(2, 9);
    expect(y).toBeCloseTo(0, 9);
  });

  it("always lands within reach of the nearest space", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -2, max: 10, noNaN: true }),
        fc.double({ min: -2, max: 7, noNaN: true }),
        (x, y) => {
          const near = spacesNear([x, y], [left, right], 2);
          fc.pre(near.length > 0);
          const at = doorPosition([x, y], [left, right], 1);
          return spacesNear(at, [left, right], 1 + 0.01).length > 0;
        },
      ),
    );
  });
});
