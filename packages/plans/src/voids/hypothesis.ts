/**
 * A candidate turned into a hypothesis for the search: a suspected space (and, for a candidate below every
 * known level, the suspected level it would lie on), carrying the prior the coordinator gives it. The space
 * and level are ordinary site-model records with status "suspected", so they can be stored, drawn and
 * searched like any other.
 */
import { type Probability, probability } from "@athar/core";
import type { PlanLevel, PlanSpace } from "../model/plan-document";
import type { VoidCandidate } from "./types";

export interface VoidHypothesis {
  /** A new suspected level, when the candidate lies below every known level; else null. */
  level: PlanLevel | null;
  space: PlanSpace;
  /** Prior probability that the hidden space exists (and holds what is searched for), set by the coordinator. */
  prior: Probability;
  candidateId: string;
}

export interface HypothesisIds {
  spaceId: string;
  /** Used only when a new level is needed. */
  levelId: string;
}

/**
 * `prior` defaults to the candidate's score, which ranks candidates but is not calibrated: a coordinator
 * should set it. `ids` come from the caller (newId() in the app), keeping this function pure.
 */
export function candidateToHypothesis(
  candidate: VoidCandidate,
  ids: HypothesisIds,
  prior: number = candidate.score,
): VoidHypothesis {
  const level: PlanLevel | null =
    candidate.levelId === null
      ? {
          id: ids.levelId,
          buildingId: candidate.buildingId,
          buildingIds: [candidate.buildingId],
          name: `Suspected level ${candidate.levelOrdinal}`,
          ordinal: candidate.levelOrdinal,
          status: "suspected",
          outline: [],
          shortName: String(candidate.levelOrdinal),
          outdoor: false,
          imdfCategory: "unspecified",
          nameLabels: {},
          extra: {},
        }
      : null;
  const reasons = candidate.evidence.map((e) => `- ${e.reason}: ${e.detail}`).join("\n");
  const space: PlanSpace = {
    id: ids.spaceId,
    sourceId: ids.spaceId,
    levelId: level ? level.id : candidate.levelId!,
    name: `Suspected space (${candidate.areaM2.toFixed(0)} m²)`,
    kind: "unknown",
    status: "suspected",
    polygon: candidate.polygon.map(([x, y]) => [x, y]),
    holes: [],
    notes: `From hidden-space candidate ${candidate.id}, score ${candidate.score.toFixed(2)}:\n${reasons}`,
    imdfCategory: "unspecified",
    nameLabels: null,
    extra: {},
  };
  return { level, space, prior: probability(prior), candidateId: candidate.id };
}
