/**
 * Outlines of a raster region as polygons in local metres: the boundary runs along pixel edges (so the
 * outline of a rectangle of pixels is exactly that rectangle), then collinear points go and the staircase of
 * slanted edges is simplified to within a pixel.
 */
import type { Point } from "@athar/core";
import { signedArea } from "./polygon";
import type { RasterGrid } from "./raster";
import { removeCollinear, simplifyRing } from "./simplify";

/**
 * The outer boundary of the largest piece of `{p : member(p)}` inside the pixel box, counter-clockwise, in
 * metres; null when the region is empty. Pieces touching only at a corner are traced separately.
 */
export function traceOuterBoundary(
  grid: RasterGrid,
  box: { minI: number; minJ: number; maxI: number; maxJ: number },
  member: (pixel: number) => boolean,
  simplifyTolerance = grid.res * 0.75,
): Point[] | null {
  const w = box.maxI - box.minI + 1;
  const h = box.maxJ - box.minJ + 1;
  const vw = w + 1;
  const inside = (i: number, j: number): boolean =>
    i >= 0 && j >= 0 && i < w && j < h && member((box.minJ + j) * grid.width + box.minI + i);
  // Directed boundary edges with the region on the left, keyed by their start vertex (at most two leave a
  // vertex, where two pixels touch diagonally).
  const nextA = new Int32Array(vw * (h + 1)).fill(-1);
  const nextB = new Int32Array(vw * (h + 1)).fill(-1);
  let edges = 0;
  const add = (from: number, to: number): void => {
    if (nextA[from] === -1) nextA[from] = to;
    else nextB[from] = to;
    edges++;
  };
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      if (!inside(i, j)) continue;
      const v00 = j * vw + i;
      const v10 = v00 + 1;
      const v01 = v00 + vw;
      const v11 = v01 + 1;
      if (!inside(i, j - 1)) add(v00, v10);
      if (!inside(i + 1, j)) add(v10, v11);
      if (!inside(i, j + 1)) add(v11, v01);
      if (!inside(i - 1, j)) add(v01, v00);
    }
  }
  if (edges === 0) return null;
  let best: Point[] | null = null;
  let bestArea = 0;
  for (let start = 0; start < nextA.length; start++) {
    while (nextA[start]! !== -1) {
      const loop: number[] = [];
      let at = start;
      let previous = -1;
      do {
        loop.push(at);
        let to = nextA[at]!;
        const other = nextB[at]!;
        if (other !== -1 && previous !== -1) {
          // At a diagonal pinch take the right turn, which keeps 4-separated pixels in separate loops.
          const dx0 = (at % vw) - (previous % vw);
          const dy0 = Math.floor(at / vw) - Math.floor(previous / vw);
          const dx1 = (to % vw) - (at % vw);
          const dy1 = Math.floor(to / vw) - Math.floor(at / vw);
          if (dx0 * dy1 - dy0 * dx1 > 0) to = other;
        }
        if (to === nextA[at]) {
          nextA[at] = nextB[at]!;
          nextB[at] = -1;
        } else {
          nextB[at] = -1;
        }
        previous = at;
        at = to;
      } while (at !== start && at !== -1);
      const ring: Point[] = loop.map((v) => [
        grid.originX + (box.minI + (v % vw)) * grid.res,
        grid.originY + (box.minJ + Math.floor(v / vw)) * grid.res,
      ]);
      const area = signedArea(ring);
      if (area > bestArea) {
        bestArea = area;
        best = ring;
      }
    }
  }
  if (!best) return null;
  const straight = removeCollinear(best);
  return simplifyTolerance > 0 ? removeCollinear(simplifyRing(straight, simplifyTolerance)) : straight;
}
