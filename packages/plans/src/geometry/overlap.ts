/**
 * Area shared by two polygons, estimated by sampling a lattice over the intersection of their bounding boxes.
 * Used where a yes/no with a rough size is enough (is there room for a hole between two floors? do two
 * stair outlines stack?), so it trades exactness for needing no polygon clipping.
 */
import type { Point } from "@athar/core";
import { boundingBox, pointInPolygon } from "./polygon";

export function overlapArea(a: readonly Point[], b: readonly Point[], maxSamples = 400): number {
  const boxA = boundingBox(a);
  const boxB = boundingBox(b);
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
