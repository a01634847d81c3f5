/**
 * Planar polygon primitives in local metres. Rings are open (first point not repeated). These are the checks
 * the site model runs on every polygon it stores, and the building blocks of void analysis and routing.
 */
import type { Point } from "@athar/core";

/** Geometric tolerance in metres: survey drawings are not more precise than a millimetre. */
export const GEOMETRY_TOLERANCE_M = 1e-3;

/** Signed area (shoelace): positive when counter-clockwise. */
export function signedArea(ring: readonly Point[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    sum += (xj + xi) * (yj - yi);
  }
  return -sum / 2;
}

export const polygonArea = (ring: readonly Point[]): number => Math.abs(signedArea(ring));

function orientation(a: Point, b: Point, c: Point): number {
  const value = (b[1] - a[1]) * (c[0] - b[0]) - (b[0] - a[0]) * (c[1] - b[1]);
  if (Math.abs(value) < 1e-12) return 0;
  return value > 0 ? 1 : 2;
}

function onSegment(a: Point, b: Point, c: Point): boolean {
  return (
    b[0] <= Math.max(a[0], c[0]) + 1e-12 &&
    b[0] >= Math.min(a[0], c[0]) - 1e-12 &&
    b[1] <= Math.max(a[1], c[1]) + 1e-12 &&
    b[1] >= Math.min(a[1], c[1]) - 1e-12
  );
}

/** Whether closed segments p1q1 and p2q2 share any point. */
export function segmentsIntersect(p1: Point, q1: Point, p2: Point, q2: Point): boolean {
  const o1 = orientation(p1, q1, p2);
  const o2 = orientation(p1, q1, q2);
  const o3 = orientation(p2, q2, p1);
  const o4 = orientation(p2, q2, q1);
  if (o1 !== o2 && o3 !== o4) return true;
  if (o1 === 0 && onSegment(p1, p2, q1)) return true;
  if (o2 === 0 && onSegment(p1, q2, q1)) return true;
  if (o3 === 0 && onSegment(p2, p1, q2)) return true;
  if (o4 === 0 && onSegment(p2, q1, q2)) return true;
  return false;
}

export type PolygonProblem =
  | { rule: "too_few_points" }
  | { rule: "repeated_point"; index: number }
  | { rule: "zero_area" }
  | { rule: "self_intersection"; edges: [number, number] };

/**
 * Finds why a ring is not a valid simple polygon, or returns null. O(n²) over edges, which is fine for rooms
 * (tens of points); footprints of thousands of points should go through a sweep-line check instead.
 */
export function findPolygonProblem(ring: readonly Point[]): PolygonProblem | null {
  if (ring.length < 3) return { rule: "too_few_points" };
  for (let i = 0; i < ring.length; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % ring.length]!;
    if (Math.hypot(a[0] - b[0], a[1] - b[1]) < GEOMETRY_TOLERANCE_M)
      return { rule: "repeated_point", index: i };
  }
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const a1 = ring[i]!;
    const a2 = ring[(i + 1) % n]!;
    for (let j = i + 1; j < n; j++) {
      // Neighbouring edges share a vertex by construction.
      if (j === i + 1 || (i === 0 && j === n - 1)) continue;
      const b1 = ring[j]!;
      const b2 = ring[(j + 1) % n]!;
      if (segmentsIntersect(a1, a2, b1, b2)) return { rule: "self_intersection", edges: [i, j] };
    }
  }
  if (polygonArea(ring) < GEOMETRY_TOLERANCE_M * GEOMETRY_TOLERANCE_M) return { rule: "zero_area" };
  return null;
}

export function describePolygonProblem(problem: PolygonProblem): string {
  switch (problem.rule) {
    case "too_few_points":
      return "a polygon needs at least three points";
    case "repeated_point":
      return `point ${problem.index} repeats the next point`;
    case "zero_area":
      return "the polygon has no area";
    case "self_intersection":
      return `edges ${problem.edges[0]} and ${problem.edges[1]} cross`;
  }
}

/** Even-odd point-in-polygon; points exactly on the boundary may fall either way. */
export function pointInPolygon(point: Point, ring: readonly Point[]): boolean {
  const [x, y] = point;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function distanceToSegment(p: Point, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSquared));
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy));
}

/** Distance from a point to a polygon: 0 inside, else the distance to the nearest edge. */
export function distanceToPolygon(point: Point, ring: readonly Point[]): number {
  if (pointInPolygon(point, ring)) return 0;
  let best = Number.POSITIVE_INFINITY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    best = Math.min(best, distanceToSegment(point, ring[j]!, ring[i]!));
  }
  return best;
}

export function centroid(ring: readonly Point[]): Point {
  const a = signedArea(ring);
  if (Math.abs(a) < 1e-12) {
    const sx = ring.reduce((s, p) => s + p[0], 0);
    const sy = ring.reduce((s, p) => s + p[1], 0);
    return [sx / ring.length, sy / ring.length];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    const f = xj * yi - xi * yj;
    cx += (xj + xi) * f;
    cy += (yj + yi) * f;
  }
  return [cx / (6 * a), cy / (6 * a)];
}

export interface BoundingBox {
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
}

export function boundingBox(points: readonly Point[]): BoundingBox {
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return { minX, minY, maxX, maxY };
}
