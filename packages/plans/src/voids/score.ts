/**
 * A candidate's score: the evidence combined as a noisy-OR,
 *   score = 1 − Π (1 − w_r · s_e)   over the candidate's evidence e with reason r,
 * where s_e ∈ [0, 1] is the strength of the piece of evidence and w_r the most that reason alone can say.
 * Pieces of evidence with the same reason are not independent (two twin comparisons seeing the same gap), so
 * only the strongest of each reason counts. Independent signals add up (two 0.5 signals give 0.75) and no amount of evidence exceeds 1. The weights
 * are judgement, not calibration: they rank candidates for a coordinator, who sets the search prior.
 *
 * | reason | w_r | strength s |
 * | --- | --- | --- |
 * | unexplained_area | 0.6 | (1 − e^{−A/6 m²}) · min(1, r_in / 1 m): large and roomy regions count most |
 * | thick_wall | 0.4 | min(1, (T/T_typical − 1) / 3) |
 * | stairs_continue_below | 0.8 | 1 for stairs with nothing above, or open-to-below on the lowest level; 0.3 for a stair core reaching the lowest level |
 * | opening_to_nothing | 0.7 | 1 for a door, hatch or gate; 0.6 for a vent |
 * | twin_wing_mismatch | 0.6 | share of the level's spaces the twin transform matches (≥ 0.2 to count) |
 */
import { type Probability, probability } from "@athar/core";
import type { VoidEvidence, VoidReason } from "./types";

export const REASON_WEIGHTS: Record<VoidReason, number> = {
  unexplained_area: 0.6,
  thick_wall: 0.4,
  stairs_continue_below: 0.8,
  opening_to_nothing: 0.7,
  twin_wing_mismatch: 0.6,
};

/** Typical cell area (m²) at which unexplained area counts ~63 % of its weight. */
const AREA_SCALE_M2 = 6;
/** Inscribed radius (m) from which a region is roomy enough to hold people. */
const ROOMY_RADIUS_M = 1;

export const unexplainedAreaStrength = (areaM2: number, inscribedRadiusM: number): number =>
  (1 - Math.exp(-areaM2 / AREA_SCALE_M2)) * Math.min(1, inscribedRadiusM / ROOMY_RADIUS_M);

export const thickWallStrength = (thicknessM: number, typicalM: number): number =>
  typicalM > 0 ? Math.min(1, Math.max(0, (thicknessM / typicalM - 1) / 3)) : 1;

export function combineEvidence(evidence: readonly VoidEvidence[]): Probability {
  const strongest = new Map<VoidReason, number>();
  for (const e of evidence) {
    const s = Math.min(1, Math.max(0, e.strength));
    strongest.set(e.reason, Math.max(strongest.get(e.reason) ?? 0, s));
  }
  let miss = 1;
  for (const [reason, s] of strongest) miss *= 1 - REASON_WEIGHTS[reason] * s;
  return probability(1 - miss);
}
