/** Polyline and ring simplification (Ramer–Douglas–Peucker) and removal of collinear points. */
import type { Point } from "@athar/core";
import { distanceToSegment } from "./polygon";

/** Drops points that lie on the segment between their neighbours (within `tolerance` metres). One pass. */
export function removeCollinear(ring: readonly Point[], tolerance = 1e-9): Point[] {
  const kept: Point[] = [];
  const collinear = (a: Point, b: Point, c: Point): boolean => distanceToSegment(b, a, c) <= tolerance;
  for (const point of ring) {
    while (kept.length >= 2 && collinear(kept[kept.length - 2]!, kept[kept.length - 1]!, point)) kept.pop();
    kept.push(point);
  }
  // The seam: the last and first points may still be collinear with their wrapped neighbours.
  let changed = true;
  while (changed && kept.length > 3) {
    changed = false;
    if (collinear(kept[kept.length - 2]!, kept[kept.length - 1]!, kept[0]!)) {
      kept.pop();
      changed = true;
    } else if (collinear(kept[kept.length - 1]!, kept[0]!, kept[1]!)) {
      kept.shift();
      changed = true;
    }
  }
  return kept;
}

function simplifyOpen(points: readonly Point[], tolerance: number): Point[] {
  if (points.length <= 2) return [...points];
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let worst = -1;
    let worstDistance = tolerance;
    for (let k = first + 1; k < last; k++) {
      const d = distanceToSegment(points[k]!, points[first]!, points[last]!);
      if (d > worstDistance) {
        worst = k;
        worstDistance = d;
      }
    }
    if (worst >= 0) {
      keep[worst] = 1;
      stack.push([first, worst], [worst, last]);
    }
  }
  return points.filter((_, k) => keep[k] === 1);
}

/**
 * Simplifies a closed ring: split at the point farthest from the first, simplify both halves. Keeps at least
 * a triangle.
 */
export function simplifyRing(ring: readonly Point[], tolerance: number): Point[] {
  if (ring.length <= 4) return [...ring];
  const start = ring[0]!;
  let far = 1;
  let farDistance = -1;
  for (let k = 1; k < ring.length; k++) {
    const d = Math.hypot(ring[k]![0] - start[0], ring[k]![1] - start[1]);
    if (d > farDistance) {
      far = k;
      farDistance = d;
    }
  }
  const first = simplifyOpen(ring.slice(0, far + 1), tolerance);
  const second = simplifyOpen([...ring.slice(far), start], tolerance);
  const result = [...first, ...second.slice(1, -1)];
  return result.length >= 3 ? result : [...ring];
}
