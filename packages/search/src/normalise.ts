import { AtharError } from "@athar/core";

/**
 * Turns non-negative weights into probabilities that sum to 1. Refuses negative, non-finite or all-zero
 * weights rather than inventing a distribution.
 */
export function normaliseWeights(weights: readonly number[]): number[] {
  let total = 0;
  weights.forEach((weight, index) => {
    if (!Number.isFinite(weight) || weight < 0) {
      throw new AtharError("validation_failed", `weight ${index} must be a finite number ≥ 0, got ${weight}`);
    }
    total += weight;
  });
  if (total <= 0) throw new AtharError("validation_failed", "weights must not all be zero");
  return weights.map((weight) => weight / total);
}

/** In-place normalisation of a Float64Array; returns the sum before normalising (0 leaves the array as is). */
export function normaliseInPlace(values: Float64Array): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  if (total > 0) {
    const inverse = 1 / total;
    for (let i = 0; i < values.length; i++) values[i] = values[i]! * inverse;
  }
  return total;
}
