/**
 * Area shared by two polygons, estimated by sampling a lattice over the intersection of their bounding boxes.
 * Used where a yes/no with a rough size is enough (is there room for a hole between two floors? do two
 * stair outlines stack?), so it trades exactness for needing no polygon clipping.
 */
import type { Point } from "@athar/core";
import { boundingBox, pointInPolygon } from "./polygon";

/** Whether a ring is an axis-aligned rectangle (then its box is exact). */
function isAxisRectangle(ring: readonly Point[]): boolean {
  if (ring.length !== 4) return false;
  for (let i = 0; i < 4; i++) {
    const p = ring[i]!;
    const q = ring[(i + 1) % 4]!;
    if (p[0] !== q[0] && p[1] !== q[1]) return false;
  }
  return true;
}

export function overlapArea(a: readonly Point[], b: readonly Point[], maxSamples = 400): number {
  const boxA = boundingBox(a);
  const boxB = boundingBox(b);
  // Most plans are rectilinear: two axis-aligned rectangles overlap exactly in their boxes' intersection.
  if (isAxisRectangle(a) && isAxisRectangle(b)) {
    const w = Math.min(boxA.maxX, boxB.maxX) - Math.max(boxA.minX, boxB.minX);
    const h = Math.min(boxA.maxY, boxB.maxY) - Math.max(boxA.minY, boxB.minY);
    return w > 0 && h > 0 ? w * h : 0;
  }
  const minX = Math.max(boxA.minX, boxB.minX);
  const maxX = Math.min(boxA.maxX, boxB.maxX);
  const minY = Math.max(boxA.minY, boxB.minY);
  const maxY = Math.min(boxA.maxY, boxB.maxY);
  if (minX >= maxX || minY >= maxY) return 0;
  const boxArea = (maxX - minX) * (maxY - minY);
  const step = Math.max(Math.sqrt(boxArea / maxSamples), 0.05);
  const nx = Math.max(1, Math.round((maxX - minX) / step));
  const ny = Math.max(1, Math.round((maxY - minY) / step));
  let hits = 0;
  for (let ix = 0; ix < nx; ix++) {
    const x = minX + ((ix + 0.5) * (maxX - minX)) / nx;
    for (let iy = 0; iy < ny; iy++) {
      const p: Point = [x, minY + ((iy + 0.5) * (maxY - minY)) / ny];
      if (pointInPolygon(p, a) && pointInPolygon(p, b)) hits++;
    }
  }
  return (hits / (nx * ny)) * boxArea;
}
