/**
 * The one-resource optimum (Koopman; Charnes & Cooper 1958): minimise Σ p_i·e^(−w_i·t_i) subject to Σ t_i = T,
 * t ≥ 0. Its conditions give t_i = max(0, ln(p_i·w_i/λ)/w_i) with λ chosen so that the t_i add up to T. In
 * log form, with k_i = ln(p_i·w_i) and x = ln λ, we need S(x) = Σ max(0, (k_i − x)/w_i) = T.
 *
 * S is continuous, decreasing and piecewise linear with breakpoints at the keys k_i. Whether a key k is
 * above the root only depends on S(k) < T, so a quickselect-style search over the keys (median-of-three
 * pivots, partitioning in place) finds the active set in expected linear time, and the root follows exactly:
 * x = (Σ_active k_i/w_i − T) / Σ_active 1/w_i. No sorting, no iteration to convergence.
 *
 * Works on compact arrays: `keys[j]`, `rates[j]` for the candidate segments j = 0..count−1 (every rate > 0).
 * `scratch` holds at least `count` integers. Writes t into `out` and returns x = ln λ (−Infinity when there
 * is no candidate, so λ = 0; the largest key when the budget is 0).
 */
export function waterFill(
  keys: Float64Array,
  rates: Float64Array,
  count: number,
  budget: number,
  out: Float64Array,
  scratch: Int32Array,
  guess?: number,
): number {
  if (count === 0) return Number.NEGATIVE_INFINITY;
  if (budget <= 0) {
    let top = keys[0]!;
    for (let j = 1; j < count; j++) if (keys[j]! > top) top = keys[j]!;
    out.fill(0, 0, count);
    return top;
  }
  if (guess !== undefined && Number.isFinite(guess)) {
    const x = newtonFromGuess(keys, rates, count, budget, guess);
    if (x !== undefined) {
      for (let j = 0; j < count; j++) {
        const k = keys[j]!;
        out[j] = k > x ? (k - x) / rates[j]! : 0;
      }
      return x;
    }
  }
  for (let j = 0; j < count; j++) scratch[j] = j;
  // Σ k/w and Σ 1/w of the candidates already known to be active (keys above the root).
  let activeKeyOverRate = 0;
  let activeInverseRate = 0;
  let low = 0;
  let high = count; // the undecided candidates are scratch[low..high)
  while (low < high) {
    const pivot = medianOfThree(keys, scratch, low, high);
    // Partition: keys > pivot first, then the rest; sum the upper part as we go.
    let upperKeyOverRate = 0;
    let upperInverseRate = 0;
    let split = low;
    for (let m = low; m < high; m++) {
      const j = scratch[m]!;
      const k = keys[j]!;
      if (k > pivot) {
        const inverse = 1 / rates[j]!;
        upperKeyOverRate += k * inverse;
        upperInverseRate += inverse;
        scratch[m] = scratch[split]!;
        scratch[split] = j;
        split++;
      }
    }
    const sumKeyOverRate = activeKeyOverRate + upperKeyOverRate;
    const sumInverseRate = activeInverseRate + upperInverseRate;
    const atPivot = sumKeyOverRate - pivot * sumInverseRate; // S(pivot)
    if (atPivot < budget) {
      // Root below the pivot: everything ≥ pivot is active. Move the pivot's equals to the active side too.
      activeKeyOverRate = sumKeyOverRate;
      activeInverseRate = sumInverseRate;
      let rest = split;
      for (let m = split; m < high; m++) {
        const j = scratch[m]!;
        if (keys[j]! === pivot) {
          const inverse = 1 / rates[j]!;
          activeKeyOverRate += pivot * inverse;
          activeInverseRate += inverse;
          scratch[m] = scratch[rest]!;
          scratch[rest] = j;
          rest++;
        }
      }
      low = rest;
    } else {
      // Root at or above the pivot: keys ≤ pivot are inactive; decide among the keys above it.
      high = split;
    }
  }
  const x = (activeKeyOverRate - budget) / activeInverseRate;
  for (let j = 0; j < count; j++) {
    const k = keys[j]!;
    out[j] = k > x ? (k - x) / rates[j]! : 0;
  }
  return x;
}

/**
 * Warm start (repeated solves whose root moves little, as in coordinate descent): Newton steps on the
 * piecewise-linear S from a guess. From the right of the root one step lands at or left of it (the supporting
 * line of a convex function lies below it); from the left, steps move right and stop exactly on the root
 * once the active set no longer changes. Gives up (undefined) after a few passes so that the selection
 * search bounds the cost.
 */
function newtonFromGuess(
  keys: Float64Array,
  rates: Float64Array,
  count: number,
  budget: number,
  guess: number,
): number | undefined {
  let x = guess;
  let previousActive = -1;
  for (let pass = 0; pass < 6; pass++) {
    let sumKeyOverRate = 0;
    let sumInverseRate = 0;
    let active = 0;
    for (let j = 0; j < count; j++) {
      const k = keys[j]!;
      if (k > x) {
        const inverse = 1 / rates[j]!;
        sumKeyOverRate += k * inverse;
        sumInverseRate += inverse;
        active++;
      }
    }
    if (active === 0) return undefined;
    const next = (sumKeyOverRate - budget) / sumInverseRate;
    if (next >= x && active === previousActive) return next;
    previousActive = next >= x ? active : -1;
    x = next;
  }
  return undefined;
}

function medianOfThree(keys: Float64Array, order: Int32Array, low: number, high: number): number {
  const a = keys[order[low]!]!;
  const b = keys[order[(low + high - 1) >> 1]!]!;
  const c = keys[order[high - 1]!]!;
  return Math.max(Math.min(a, b), Math.min(Math.max(a, b), c));
}
