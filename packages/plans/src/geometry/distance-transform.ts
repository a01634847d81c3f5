/**
 * Exact Euclidean distance transform on a raster (Felzenszwalb & Huttenlocher, "Distance Transforms of
 * Sampled Functions", Theory of Computing 8, 2012): the squared distance, in pixels, from every pixel centre
 * to the nearest feature pixel centre. Linear time: one 1-D lower-envelope pass over columns, one over rows.
 * Pixels outside the grid are not features, so callers pad the grid when the border must count as one.
 */

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
