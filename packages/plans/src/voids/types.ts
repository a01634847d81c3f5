/** What hidden-space analysis reports: candidate regions where unexplained space may be, with the reasons. */
import type { Point, Probability } from "@athar/core";

export const VOID_REASONS = [
  "unexplained_area",
  "thick_wall",
  "stairs_continue_below",
  "opening_to_nothing",
  "twin_wing_mismatch",
] as const;
export type VoidReason = (typeof VOID_REASONS)[number];

export interface VoidEvidence {
  reason: VoidReason;
  /** How strongly this piece of evidence points at hidden space, in [0, 1] (see score.ts for each reason). */
  strength: number;
  /** Plain-language detail for the coordinator ("wall 1.10 m thick; interior walls here are 0.20 m"). */
  detail: string;
  /** Features the evidence comes from (an opening, a stairs unit, the twin space). */
  featureIds: string[];
}

export interface VoidCandidate {
  /** Stable within one analysis of one document. */
  id: string;
  buildingId: string;
  /** The level the candidate lies on; null when it lies on a level below every known one. */
  levelId: string | null;
  levelOrdinal: number;
  /** Outline in local metres (open ring, counter-clockwise). */
  polygon: Point[];
  areaM2: number;
  /** Radius of the largest circle that fits inside: a sliver has a small one whatever its area. */
  inscribedRadiusM: number;
  score: Probability;
  reasons: VoidReason[];
  evidence: VoidEvidence[];
}

export interface LevelVoidStats {
  levelId: string;
  resolutionM: number;
  /** Area inside the outline that no space or wall body explains, before any filtering. */
  residualAreaM2: number;
  /** Typical wall thickness measured from the gaps between spaces (null when walls are drawn or none found). */
  interiorWallM: number | null;
  exteriorWallM: number | null;
  /** Residual wider than this (m) counts as a possible room; narrower is wall. */
  roomWidthThresholdM: number;
  skipped: string | null;
}

export interface VoidAnalysis {
  candidates: VoidCandidate[];
  levels: LevelVoidStats[];
}
