/**
 * Which spaces an opening joins, found from geometry: step away from the doorway on both sides, perpendicular
 * to it, and see which space each step lands in. IMDF openings do not name their units (they are lines on a
 * level), and a door drawn by hand sits somewhere in its wall, so both import and the analyses need this.
 */
import { OPENING_REACH_M, type Point } from "@athar/core";
import { distanceToSegment } from "../geometry/polygon";

/** Steps in metres from the doorway centre, nearest first; the last is the reach a door may have into a wall. */
const PROBE_STEPS_M = [0.05, 0.15, 0.3, 0.5, 0.75, OPENING_REACH_M];

export interface OpeningFrame {
  position: Point;
  /** Unit vector along the doorway. */
  tangent: Point;
  /** Unit vector across it (left of the tangent). */
  normal: Point;
}

export function frameFromLine([a, b]: readonly [Point, Point]): OpeningFrame | null {
  const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
  if (length === 0) return null;
  const tangent: Point = [(b[0] - a[0]) / length, (b[1] - a[1]) / length];
  return {
    position: [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2],
    tangent,
    normal: [-tangent[1], tangent[0]],
  };
}

/** With no drawn line, the doorway runs along the nearest edge of the space it belongs to. */
export function frameFromNearestEdge(position: Point, ring: readonly Point[]): OpeningFrame | null {
  let best: [Point, Point] | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const d = distanceToSegment(position, ring[j]!, ring[i]!);
    if (d < bestDistance) {
      bestDistance = d;
      best = [ring[j]!, ring[i]!];
    }
  }
  if (!best) return null;
  const frame = frameFromLine(best);
  return frame ? { ...frame, position } : null;
}

/**
 * The first thing found on each side of the doorway: `locate(point)` says what is at a point (a space id,
 * "outside", or null for unexplained area). Returns [left, right] with the step at which each was found.
 */
export function probeSides<T>(
  frame: OpeningFrame,
  locate: (point: Point) => T | null,
): [{ found: T; step: number } | null, { found: T; step: number } | null] {
  const side = (sign: number): { found: T; step: number } | null => {
    for (const step of PROBE_STEPS_M) {
      const p: Point = [
        frame.position[0] + sign * step * frame.normal[0],
        frame.position[1] + sign * step * frame.normal[1],
      ];
      const found = locate(p);
      if (found !== null) return { found, step };
    }
    return null;
  };
  return [side(1), side(-1)];
}

export const probePoint = (frame: OpeningFrame, sign: number, step: number): Point => [
  frame.position[0] + sign * step * frame.normal[0],
  frame.position[1] + sign * step * frame.normal[1],
];
