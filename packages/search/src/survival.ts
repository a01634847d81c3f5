import { AtharError } from "@athar/core";
import { type Scenario, type UncertainValue, uncertain } from "./uncertain-value";

/**
 * Urgency: people held without water die within days, so a plan should prefer the places where someone
 * found now is most likely to be found alive. The survival curve S(h) is the probability that a person still
 * lives h hours after their last water. It is ILLUSTRATIVE: a Weibull curve S(h) = exp(−(h/η)^β) whose
 * default (η = 100 h, β = 4, median ≈ 91 h) echoes the common "about three days without water" rule of
 * thumb; heat, exertion, injury and age move it a lot. It is not a medical model and must be replaced by
 * advice from the medical team.
 */
export interface SurvivalCurve {
  /** Weibull scale η in hours. */
  scaleHours: UncertainValue;
  /** Weibull shape β (> 1: the hazard grows with time). */
  shape: UncertainValue;
}

const SOURCE =
  "Illustrative: Weibull curve shaped after the 'about three days without water' rule of thumb; not a medical model.";

export const DEFAULT_WATER_SURVIVAL: Readonly<SurvivalCurve> = {
  scaleHours: uncertain(72, 100, 168, SOURCE),
  shape: uncertain(3, 4, 6, SOURCE),
};

export function survivalProbability(
  hoursWithoutWater: number,
  curve: SurvivalCurve = DEFAULT_WATER_SURVIVAL,
  scenario: Scenario = "likely",
): number {
  if (!(hoursWithoutWater >= 0))
    throw new AtharError("validation_failed", `hours without water must be ≥ 0, got ${hoursWithoutWater}`);
  const scale = curve.scaleHours[scenario];
  const shape = curve.shape[scenario];
  if (!(scale > 0) || !(shape > 0))
    throw new AtharError("validation_failed", "survival curve scale and shape must be > 0");
  return Math.exp(-((hoursWithoutWater / scale) ** shape));
}

/**
 * Urgency-weighted POA: w_i = POA_i · S(h_i), with h_i the hours since people in segment i were last
 * supplied with water (at the time the plan will be carried out). Allocating effort on these weights
 * maximises the probability of finding the person alive rather than at all.
 */
export function urgencyWeights(
  poa: ArrayLike<number>,
  hoursWithoutWater: ArrayLike<number>,
  curve: SurvivalCurve = DEFAULT_WATER_SURVIVAL,
  scenario: Scenario = "likely",
): Float64Array {
  if (hoursWithoutWater.length !== poa.length)
    throw new AtharError("validation_failed", "one time without water per segment is needed");
  return Float64Array.from(
    { length: poa.length },
    (_, i) => poa[i]! * survivalProbability(hoursWithoutWater[i]!, curve, scenario),
  );
}
