/** Plan geometry the editor needs: snapping, rectangles, which spaces a door touches, wall direction. */
import type { Point, Polygon, Space } from "@athar/core";
import { distanceToPolygon, distanceToSegment, polygonArea } from "@athar/plans";

/** Drawn coordinates are rounded to this many metres: finer than any plan drawn by hand, and readable. */
export const SNAP_M = 0.1;

export const snap = (value: number, step = SNAP_M): number => Math.round(value / step) * step;
const tidy = (value: number): number => Math.round(value * 1000) / 1000;
export const snapPoint = ([x, y]: Point, step = SNAP_M): Point => [tidy(snap(x, step)), tidy(snap(y, step))];

/** The rectangle with opposite corners a and b, counter-clockwise from its lowest-left corner. */
export function rectangle(a: Point, b: Point): Polygon {
  const minX = Math.min(a[0], b[0]);
  const maxX = Math.max(a[0], b[0]);
  const minY = Math.min(a[1], b[1]);
  const maxY = Math.max(a[1], b[1]);
  return [
    [minX, minY],
    [maxX, minY],
    [maxX, maxY],
    [minX, maxY],
  ];
}

/** Drops points that repeat the one before (a double-click adds the same point twice) and a closing repeat. */
export function cleanRing(points: readonly Point[], tolerance = 1e-6): Point[] {
  const ring: Point[] = [];
  for (const point of points) {
    const last = ring[ring.length - 1];
    if (!last || Math.hypot(point[0] - last[0], point[1] - last[1]) > tolerance) ring.push(point);
  }
  const first = ring[0];
  const last = ring[ring.length - 1];
  if (ring.length > 1 && first && last && Math.hypot(first[0] - last[0], first[1] - last[1]) <= tolerance)
    ring.pop();
  return ring;
}

export interface NearbySpace {
  space: Space;
  distance: number;
}

/** Spaces within `reach` metres of a point (0 inside), nearest first. */
export function spacesNear(point: Point, spaces: readonly Space[], reach: number): NearbySpace[] {
  return spaces
    .map((space) => ({ space, distance: distanceToPolygon(point, space.polygon) }))
    .filter((near) => near.distance <= reach)
    .sort((a, b) => a.distance - b.distance);
}

/** The innermost space containing a point (the smallest, when spaces overlap), or null. */
export function spaceAt(point: Point, spaces: readonly Space[]): Space | null {
  let best: Space | null = null;
  let bestArea = Number.POSITIVE_INFINITY;
  for (const space of spaces) {
    if (distanceToPolygon(point, space.polygon) > 0) continue;
    const area = polygonArea(space.polygon);
    if (area < bestArea) {
      best = space;
      bestArea = area;
    }
  }
  return best;
}

/** Unit vector along the polygon edge nearest to a point: the direction of the wall a door sits in. */
export function wallDirection(point: Point, ring: readonly Point[]): Point {
  let best: Point = [1, 0];
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    const distance = distanceToSegment(point, a, b);
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (distance < bestDistance && length > 0) {
      bestDistance = distance;
      best = [(b[0] - a[0]) / length, (b[1] - a[1]) / length];
    }
  }
  return best;
}

/** The point of a ring's boundary nearest to a point (inside or outside). */
export function closestBoundaryPoint(point: Point, ring: readonly Point[]): Point {
  let best: Point = ring[0] ?? point;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const lengthSquared = dx * dx + dy * dy;
    const t =
      lengthSquared === 0
        ? 0
        : Math.max(0, Math.min(1, ((point[0] - a[0]) * dx + (point[1] - a[1]) * dy) / lengthSquared));
    const candidate: Point = [a[0] + t * dx, a[1] + t * dy];
    const distance = Math.hypot(point[0] - candidate[0], point[1] - candidate[1]);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

/**
 * Where a door picked at `point` goes: into the wall. Spaces are drawn as the insides of rooms, so the wall
 * between two rooms is the gap between their outlines; the door's centre is put in the middle of that gap
 * (or on the outline, when only one space is near), so that a click roughly at a wall joins both rooms.
 */
export function doorPosition(point: Point, spaces: readonly Space[], reach: number): Point {
  const near = spacesNear(point, spaces, 2 * reach);
  const first = near[0];
  if (!first) return point;
  const onFirst = closestBoundaryPoint(point, first.space.polygon);
  const second = near
    .slice(1)
    .map((n) => ({ n, at: closestBoundaryPoint(onFirst, n.space.polygon) }))
    .find(({ at }) => Math.hypot(at[0] - onFirst[0], at[1] - onFirst[1]) <= 2 * reach);
  const centre: Point = second ? [(onFirst[0] + second.at[0]) / 2, (onFirst[1] + second.at[1]) / 2] : onFirst;
  return snapPoint(centre, 0.01);
}
