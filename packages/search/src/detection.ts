import type { CoverageRate, Hours, Probability } from "@athar/core";

/**
 * The random-search detection law (Koopman): with coverage C, the probability of detecting a person who is
 * there is POD = 1 − e^(−C). C = 1 → 0.632121, C = 3 → 0.950213. Coverage is dimensionless effort.
 */
export function podFromCoverage(coverage: number): Probability {
  if (!(coverage >= 0)) throw new RangeError(`coverage must be ≥ 0, got ${coverage}`);
  return -Math.expm1(-coverage) as Probability;
}

/** The coverage that gives a POD: C = −ln(1 − POD). POD 1 means infinite coverage. */
export function coverageFromPod(pod: number): number {
  if (!(pod >= 0 && pod <= 1)) throw new RangeError(`POD must be in [0, 1], got ${pod}`);
  return -Math.log1p(-pod);
}

/** C = w·t: a resource with coverage rate w per hour in this segment, working t hours. */
export function coverageFromRate(rate: CoverageRate, time: Hours): number {
  if (!(rate >= 0) || !(time >= 0)) throw new RangeError(`rate and time must be ≥ 0, got ${rate}, ${time}`);
  return rate * time;
}

/** C = W·L/A: sweep width W (m) times track length L (m) over the segment's area A (m²). */
export function coverageFromSweep(sweepWidthM: number, trackLengthM: number, areaM2: number): number {
  if (!(sweepWidthM >= 0) || !(trackLengthM >= 0))
    throw new RangeError("sweep width and track length must be ≥ 0");
  if (!(areaM2 > 0)) throw new RangeError(`area must be > 0, got ${areaM2}`);
  return (sweepWidthM * trackLengthM) / areaM2;
}

/**
 * Coverage per hour of a method with effective sweep rate R (m²/h, the sweep width times the speed) in a
 * segment of area A: w = R / A.
 */
export function coverageRateFromSweepRate(sweepRateM2PerHour: number, areaM2: number): CoverageRate {
  if (!(sweepRateM2PerHour >= 0)) throw new RangeError(`sweep rate must be ≥ 0, got ${sweepRateM2PerHour}`);
  if (!(areaM2 > 0)) throw new RangeError(`area must be > 0, got ${areaM2}`);
  return (sweepRateM2PerHour / areaM2) as CoverageRate;
}

/**
 * Independent looks combine as POD_cum = 1 − Π(1 − POD_i): 0.5, 0.5 → 0.75; 0.4, 0.6, 0.3 → 0.832.
 */
export function cumulativePod(pods: readonly number[]): Probability {
  let miss = 1;
  for (const pod of pods) {
    if (!(pod >= 0 && pod <= 1)) throw new RangeError(`POD must be in [0, 1], got ${pod}`);
    miss *= 1 - pod;
  }
  return (1 - miss) as Probability;
}

/**
 * Looks by the same method class share blind spots (a dog that missed a sealed void misses it again), so
 * their cumulative POD is capped: min(cap, 1 − Π(1 − POD_i)). The cap is a property of the method class and
 * is printed in the report whenever it bites.
 */
export function cappedCumulativePod(pods: readonly number[], cap: number): Probability {
  if (!(cap >= 0 && cap <= 1)) throw new RangeError(`cap must be in [0, 1], got ${cap}`);
  return Math.min(cap, cumulativePod(pods)) as Probability;
}

/** Same as cappedCumulativePod but from the summed coverage of the looks (exact for exponential looks). */
export function cappedPodFromCoverage(totalCoverage: number, cap: number): Probability {
  return Math.min(cap, podFromCoverage(totalCoverage)) as Probability;
}
