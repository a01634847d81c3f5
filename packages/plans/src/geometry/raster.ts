/**
 * A square raster over a level in local metres, and scanline filling of polygons into it. Pixel (i, j) covers
 * [originX + i·res, originX + (i+1)·res) × [originY + j·res, …) and belongs to a polygon when its centre does
 * (even-odd rule, so holes come out as holes when their rings are passed along with the outer ring).
 */
import type { Point } from "@athar/core";

export interface RasterGrid {
  originX: number;
  originY: number;
  /** Pixel size in metres. */
  res: number;
  width: number;
  height: number;
}

/** A grid covering the box with `padding` pixels on every side (so that the border is always outside). */
export function gridAround(
  box: { minX: number; minY: number; maxX: number; maxY: number },
  res: number,
  padding = 2,
): RasterGrid {
  const width = Math.max(1, Math.ceil((box.maxX - box.minX) / res)) + 2 * padding;
  const height = Math.max(1, Math.ceil((box.maxY - box.minY) / res)) + 2 * padding;
  return { originX: box.minX - padding * res, originY: box.minY - padding * res, res, width, height };
}

export const pixelCentre = (grid: RasterGrid, i: number, j: number): Point => [
  grid.originX + (i + 0.5) * grid.res,
  grid.originY + (j + 0.5) * grid.res,
];

/** Pixel column / row holding a point (may be outside the grid). */
export const pixelOf = (grid: RasterGrid, [x, y]: Point): [number, number] => [
  Math.floor((x - grid.originX) / grid.res),
  Math.floor((y - grid.originY) / grid.res),
];

/**
 * Calls `span(row, firstColumn, lastColumn)` for every run of pixels whose centres lie inside the rings
 * (even-odd over all rings together). Cost: rows spanned × edges, plus the pixels visited.
 */
export function fillRings(
  grid: RasterGrid,
  rings: readonly (readonly Point[])[],
  span: (row: number, first: number, last: number) => void,
): void {
  let minY = Number.POSITIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  let edges = 0;
  for (const ring of rings) {
    edges += ring.length;
    for (const p of ring) {
      if (p[1] < minY) minY = p[1];
      if (p[1] > maxY) maxY = p[1];
    }
  }
  const { originX, originY, res, width, height } = grid;
  const firstRow = Math.max(0, Math.ceil((minY - originY) / res - 0.5));
  const lastRow = Math.min(height - 1, Math.floor((maxY - originY) / res - 0.5));
  const crossings = new Float64Array(edges);
  for (let row = firstRow; row <= lastRow; row++) {
    const y = originY + (row + 0.5) * res;
    let count = 0;
    for (const ring of rings) {
      for (let a = 0, b = ring.length - 1; a < ring.length; b = a++) {
        const pa = ring[a]!;
        const pb = ring[b]!;
        if (pa[1] > y !== pb[1] > y) {
          const x = pa[0] + ((y - pa[1]) * (pb[0] - pa[0])) / (pb[1] - pa[1]);
          // Insertion sort as we go: rooms give two crossings a row, rarely more than a handful.
          let k = count++;
          while (k > 0 && crossings[k - 1]! > x) {
            crossings[k] = crossings[k - 1]!;
            k--;
          }
          crossings[k] = x;
        }
      }
    }
    for (let k = 0; k + 1 < count; k += 2) {
      // Pixel i is inside when x0 <= centre < x1, centre = originX + (i + 0.5)·res.
      const first = Math.max(0, Math.ceil((crossings[k]! - originX) / res - 0.5));
      const last = Math.min(width - 1, Math.ceil((crossings[k + 1]! - originX) / res - 0.5) - 1);
      if (first <= last) span(row, first, last);
    }
  }
}

/**
 * Sets `mask[p] = value` for every pixel inside the rings, or only where `mask[p] === onlyWhere` when given.
 * Returns the number of pixels set.
 */
export function paintRings(
  grid: RasterGrid,
  rings: readonly (readonly Point[])[],
  mask: Uint8Array,
  value: number,
  onlyWhere?: number,
): number {
  let painted = 0;
  fillRings(grid, rings, (row, first, last) => {
    const base = row * grid.width;
    if (onlyWhere === undefined) {
      mask.fill(value, base + first, base + last + 1);
      painted += last - first + 1;
      return;
    }
    for (let p = base + first; p <= base + last; p++) {
      if (mask[p] === onlyWhere) {
        mask[p] = value;
        painted++;
      }
    }
  });
  return painted;
}
