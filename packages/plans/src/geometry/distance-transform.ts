/**
 * Exact Euclidean distance transform on a raster (Felzenszwalb & Huttenlocher, "Distance Transforms of
 * Sampled Functions", Theory of Computing 8, 2012): the squared distance, in pixels, from every pixel centre
 * to the nearest feature pixel centre. Linear time: one 1-D lower-envelope pass over columns, one over rows.
 * Pixels outside the grid are not features, so callers pad the grid when the border must count as one.
 */

import { RasterWorkspace } from "./workspace";

/** Stands for "no feature": finite so that the envelope arithmetic never meets ∞ − ∞. */
const FAR = 1e20;

/** `isFeature[p] !== 0` marks features. Returns squared distances in pixel² (FAR where there is no feature at all). */
export function squaredDistanceTransform(isFeature: Uint8Array, width: number, height: number): Float64Array {
  return featureTransform(isFeature, width, height, false).squared;
}

export interface FeatureTransform {
  /** Squared distance (pixel²) to the nearest feature pixel. */
  squared: Float64Array;
  /** Index of that nearest feature pixel (−1 where there is none); only when asked for. */
  nearest: Int32Array | null;
}

/**
 * The distance transform, and optionally which feature pixel is nearest (the "feature transform"): the column
 * pass remembers the nearest feature row of each pixel, the row pass the nearest column, which together name
 * the pixel. Costs one extra array; tells, for instance, whether a wall's nearest boundary is the outside.
 */
export function featureTransform(
  isFeature: Uint8Array,
  width: number,
  height: number,
  withNearest: boolean,
): FeatureTransform {
  const out = new Float64Array(width * height);
  for (let p = 0; p < out.length; p++) out[p] = isFeature[p] ? 0 : FAR;
  const nearestRow = withNearest ? new Int32Array(width * height) : null;
  const nearest = withNearest ? new Int32Array(width * height) : null;
  const n = Math.max(width, height);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  const arg = new Int32Array(n);
  for (let i = 0; i < width; i++) {
    for (let j = 0; j < height; j++) f[j] = out[j * width + i]!;
    envelope(f, height, d, v, z, arg);
    for (let j = 0; j < height; j++) {
      out[j * width + i] = d[j]!;
      if (nearestRow) nearestRow[j * width + i] = arg[j]!;
    }
  }
  for (let j = 0; j < height; j++) {
    const base = j * width;
    for (let i = 0; i < width; i++) f[i] = out[base + i]!;
    envelope(f, width, d, v, z, arg);
    for (let i = 0; i < width; i++) {
      out[base + i] = d[i]!;
      if (nearest && nearestRow) {
        const column = arg[i]!;
        nearest[base + i] = d[i]! >= FAR ? -1 : nearestRow[base + column]! * width + column;
      }
    }
  }
  return { squared: out, nearest };
}

/** 1-D squared distance transform of the sampled function f[0..n) into d (lower envelope of parabolas). */
function envelope(
  f: Float64Array,
  n: number,
  d: Float64Array,
  v: Int32Array,
  z: Float64Array,
  arg: Int32Array,
): void {
  let k = 0;
  v[0] = 0;
  z[0] = Number.NEGATIVE_INFINITY;
  z[1] = Number.POSITIVE_INFINITY;
  for (let q = 1; q < n; q++) {
    const fq = f[q]! + q * q;
    let vk = v[k]!;
    let s = (fq - (f[vk]! + vk * vk)) / (2 * (q - vk));
    // z[0] is −∞ and s is finite, so this stops at k = 0 at the latest.
    while (s <= z[k]!) {
      k--;
      vk = v[k]!;
      s = (fq - (f[vk]! + vk * vk)) / (2 * (q - vk));
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Number.POSITIVE_INFINITY;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const vk = v[k]!;
    d[q] = (q - vk) * (q - vk) + f[vk]!;
    arg[q] = vk;
  }
}

/**
 * The same transform, specialised for the case where every pixel outside the region is a feature (distance
 * from each region pixel to the nearest pixel outside it), in time proportional to the region rather than the
 * grid. `region` lists the region's pixels in row-major order. Vertical distances come from running counts
 * down and up the columns; the exact row pass then only needs each run of region pixels plus its two bounding
 * outside pixels, since no column beyond those can be nearer than they are. Returns squared distances (0
 * outside the region) and, for region pixels only, the nearest outside pixel. Pixels beyond the grid's edge
 * count as outside.
 */
export function regionDistanceTransform(
  inRegion: Uint8Array,
  region: Int32Array,
  width: number,
  height: number,
  workspace: RasterWorkspace = new RasterWorkspace(),
): FeatureTransform {
  const n = width * height;
  const count = region.length;
  // Only region pixels are written and read, so these need no clearing.
  const up = workspace.i32("edt.up", n, null);
  const down = workspace.i32("edt.down", n, null);
  for (let k = 0; k < count; k++) {
    const p = region[k]!;
    up[p] = p >= width && inRegion[p - width] ? up[p - width]! + 1 : 1;
  }
  for (let k = count - 1; k >= 0; k--) {
    const p = region[k]!;
    down[p] = p + width < n && inRegion[p + width] ? down[p + width]! + 1 : 1;
  }
  const squared = workspace.f64("edt.squared", n);
  const nearest = workspace.i32("edt.nearest", n, null);
  const f = new Float64Array(width + 2);
  const d = new Float64Array(width + 2);
  const v = new Int32Array(width + 2);
  const z = new Float64Array(width + 3);
  const arg = new Int32Array(width + 2);
  let k = 0;
  while (k < count) {
    // A run: consecutive pixels of one row.
    const startPixel = region[k]!;
    const j = Math.floor(startPixel / width);
    const base = j * width;
    const a = startPixel - base;
    let b = a;
    k++;
    while (k < count && region[k] === base + b + 1) {
      b++;
      k++;
    }
    // Sequence over columns a−1 … b+1: outside pixels at both ends (distance 0 to themselves).
    const length = b - a + 3;
    f[0] = 0;
    f[length - 1] = 0;
    for (let c = a; c <= b; c++) {
      const g = Math.min(up[base + c]!, down[base + c]!);
      f[c - a + 1] = g * g;
    }
    envelope(f, length, d, v, z, arg);
    for (let c = a; c <= b; c++) {
      const p = base + c;
      squared[p] = d[c - a + 1]!;
      const column = a - 1 + arg[c - a + 1]!;
      if (column < a || column > b) {
        nearest[p] = column >= 0 && column < width ? base + column : -1;
      } else {
        const q = base + column;
        const row = up[q]! <= down[q]! ? j - up[q]! : j + down[q]!;
        nearest[p] = row >= 0 && row < height ? row * width + column : -1;
      }
    }
  }
  return { squared, nearest };
}
