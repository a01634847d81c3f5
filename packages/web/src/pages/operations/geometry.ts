/** Plan geometry of the field view (pure, tested without a browser). */
import type { Point } from "@athar/core";

export type Window = { minX: number; minY: number; maxX: number; maxY: number };

/** Sutherland–Hodgman clipping of a ring to an axis-aligned window (the window is convex). */
export function clipToWindow(ring: readonly Point[], w: Window): Point[] {
  const edges: [(p: Point) => boolean, (a: Point, b: Point) => Point][] = [
    [(p) => p[0] >= w.minX, (a, b) => at(a, b, (w.minX - a[0]) / (b[0] - a[0]))],
    [(p) => p[0] <= w.maxX, (a, b) => at(a, b, (w.maxX - a[0]) / (b[0] - a[0]))],
    [(p) => p[1] >= w.minY, (a, b) => at(a, b, (w.minY - a[1]) / (b[1] - a[1]))],
    [(p) => p[1] <= w.maxY, (a, b) => at(a, b, (w.maxY - a[1]) / (b[1] - a[1]))],
  ];
  let out: Point[] = [...ring];
  for (const [inside, cross] of edges) {
    const input = out;
    out = [];
    input.forEach((current, i) => {
      const previous = input[(i + input.length - 1) % input.length] as Point;
      if (inside(current)) {
        if (!inside(previous)) out.push(cross(previous, current));
        out.push(current);
      } else if (inside(previous)) out.push(cross(previous, current));
    });
    if (out.length === 0) break;
  }
  return out;
}

const at = (a: Point, b: Point, t: number): Point => [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
