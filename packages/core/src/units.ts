/**
 * Units carried in types. A bare `number` says nothing about whether it is metres or minutes; a branded
 * number does, and the compiler refuses to add minutes to metres. Brands cost nothing at run time.
 */
declare const unitBrand: unique symbol;
export type Unit<U extends string> = number & { readonly [unitBrand]: U };

export type Metres = Unit<"m">;
export type SquareMetres = Unit<"m2">;
export type Minutes = Unit<"min">;
export type Hours = Unit<"h">;
/** A probability in [0, 1]. */
export type Probability = Unit<"p">;
/** Coverage per hour of a search resource in a segment (dimensionless coverage / hour). */
export type CoverageRate = Unit<"coverage/h">;

export const metres = (value: number): Metres => value as Metres;
export const squareMetres = (value: number): SquareMetres => value as SquareMetres;
export const minutes = (value: number): Minutes => value as Minutes;
export const hours = (value: number): Hours => value as Hours;
export const coverageRate = (value: number): CoverageRate => value as CoverageRate;

/** Clamps into [0, 1]; use only where rounding may push a value a hair outside. */
export function probability(value: number): Probability {
  if (Number.isNaN(value)) throw new RangeError("probability is NaN");
  return Math.min(1, Math.max(0, value)) as Probability;
}

export const hoursToMinutes = (h: Hours): Minutes => (h * 60) as Minutes;
export const minutesToHours = (m: Minutes): Hours => (m / 60) as Hours;

/**
 * The one tolerance for comparing computed floating-point quantities (probabilities, sums of POA,
 * optimality conditions). Chosen well above the rounding error of sums over 10^6 terms in float64
 * (about 1e-10) and well below any difference a planner would act on.
 */
export const FLOAT_TOLERANCE = 1e-9;

export function approxEqual(a: number, b: number, tolerance: number = FLOAT_TOLERANCE): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}
