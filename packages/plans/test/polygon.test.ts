import type { Point } from "@athar/core";
import { describe, expect, it } from "vitest";
import {
  centroid,
  distanceToPolygon,
  findPolygonProblem,
  pointInPolygon,
  polygonArea,
  signedArea,
} from "../src";

const square: Point[] = [
  [0, 0],
  [4, 0],
  [4, 3],
  [0, 3],
];

describe("polygon primitives", () => {
  it("computes area and orientation", () => {
    expect(polygonArea(square)).toBe(12);
    expect(signedArea(square)).toBe(12);
    expect(signedArea([...square].reverse())).toBe(-12);
    expect(centroid(square)).toEqual([2, 1.5]);
  });
  it("accepts a simple polygon and names what is wrong with others", () => {
    expect(findPolygonProblem(square)).toBeNull();
    expect(
      findPolygonProblem([
        [0, 0],
        [1, 1],
      ]),
    ).toEqual({ rule: "too_few_points" });
    expect(
      findPolygonProblem([
        [0, 0],
        [1, 0],
        [2, 0],
      ]),
    ).toEqual({ rule: "zero_area" });
    expect(
      findPolygonProblem([
        [0, 0],
        [2, 2],
        [2, 0],
        [0, 2],
      ])?.rule,
    ).toBe("self_intersection");
    expect(
      findPolygonProblem([
        [0, 0],
        [0, 0],
        [1, 0],
        [1, 1],
      ])?.rule,
    ).toBe("repeated_point");
  });
  it("measures distance from a point to a polygon", () => {
    expect(pointInPolygon([1, 1], square)).toBe(true);
    expect(distanceToPolygon([1, 1], square)).toBe(0);
    expect(distanceToPolygon([5, 1], square)).toBe(1);
    expect(distanceToPolygon([7, 7], square)).toBe(5);
  });
});
