import { AtharError } from "@athar/core";

/**
 * Bayesian updates on large grids (a plan rasterised into cells) with Float64Array and two passes, no
 * allocation when `out` is the input. One million cells take a few milliseconds.
 */

/**
 * Unsuccessful search with a POD per cell (or one POD for all): out_i = poa_i(1 − pod_i)/(1 − POS). Returns the
 * POS of the search, Σ poa_i·pod_i, measured on the prior.
 */
export function updateGridAfterSearch(
  poa: Float64Array,
  pod: Float64Array | number,
  out: Float64Array = poa,
): number {
  const n = poa.length;
  if (out.length !== n) throw new AtharError("validation_failed", "output grid has the wrong size");
  let total = 0;
  let prior = 0;
  if (typeof pod === "number") {
    if (!(pod >= 0 && pod <= 1))
      throw new AtharError("validation_failed", `POD must be in [0, 1], got ${pod}`);
    const miss = 1 - pod;
    for (let i = 0; i < n; i++) {
      const p = poa[i]!;
      prior += p;
      const m = p * miss;
      out[i] = m;
      total += m;
    }
  } else {
    if (pod.length !== n) throw new AtharError("validation_failed", "POD grid has the wrong size");
    for (let i = 0; i < n; i++) {
      const p = poa[i]!;
      const d = pod[i]!;
      if (!(d >= 0 && d <= 1))
        throw new AtharError("validation_failed", `POD of cell ${i} must be in [0, 1], got ${d}`);
      prior += p;
      const m = p * (1 - d);
      out[i] = m;
      total += m;
    }
  }
  if (!(total > 0))
    throw new AtharError(
      "validation_failed",
      "the search was certain to find the person; nothing found contradicts the model",
    );
  const scale = 1 / total;
  for (let i = 0; i < n; i++) out[i] = out[i]! * scale;
  return (prior - total) / prior;
}

/** Evidence with a likelihood per cell: out_i ∝ poa_i·L_i, normalised. Returns the evidence probability Σ poa_i·L_i. */
export function updateGridWithLikelihood(
  poa: Float64Array,
  likelihood: Float64Array,
  out: Float64Array = poa,
): number {
  const n = poa.length;
  if (likelihood.length !== n || out.length !== n)
    throw new AtharError("validation_failed", "grids differ in size");
  let total = 0;
  for (let i = 0; i < n; i++) {
    const l = likelihood[i]!;
    if (!(l >= 0)) throw new AtharError("validation_failed", `likelihood of cell ${i} must be ≥ 0, got ${l}`);
    const m = poa[i]! * l;
    out[i] = m;
    total += m;
  }
  if (!(total > 0))
    throw new AtharError("validation_failed", "the observation has probability 0 under the model");
  const scale = 1 / total;
  for (let i = 0; i < n; i++) out[i] = out[i]! * scale;
  return total;
}
