import type { SearchState } from "./fold";
import type { SegmentKind } from "./segment";

/**
 * The headline figures of a search: what the coverage report leads with, what an export claims and
 * `athar search report --verify` recomputes, and what the sensitivity analysis varies. The four remaining
 * shares add up to 1.
 */
export interface HeadlineFigures {
  /** Cumulative probability that the searches so far would have found a responsive / unresponsive person. */
  posResponsive: number;
  posUnresponsive: number;
  /** Both classes weighted by their probability. */
  posCombined: number;
  /** Where the probability that is left now sits. */
  remainingSearchedSpaces: number;
  remainingUnsearchedSpaces: number;
  remainingHypotheses: number;
  remainingRow: number;
}

export const HEADLINE_FIGURE_NAMES: readonly (keyof HeadlineFigures)[] = [
  "posResponsive",
  "posUnresponsive",
  "posCombined",
  "remainingSearchedSpaces",
  "remainingUnsearchedSpaces",
  "remainingHypotheses",
  "remainingRow",
];

/** Which remaining share a segment's probability counts in. */
export function remainingCategory(
  kind: SegmentKind,
  searches: number,
): "remainingSearchedSpaces" | "remainingUnsearchedSpaces" | "remainingHypotheses" | "remainingRow" {
  if (kind === "row") return "remainingRow";
  if (kind === "hypothesis") return "remainingHypotheses";
  return searches > 0 ? "remainingSearchedSpaces" : "remainingUnsearchedSpaces";
}

export function headlineFigures(state: Pick<SearchState, "segments" | "pos">): HeadlineFigures {
  const figures: HeadlineFigures = {
    posResponsive: state.pos.responsive,
    posUnresponsive: state.pos.unresponsive,
    posCombined: state.pos.combined,
    remainingSearchedSpaces: 0,
    remainingUnsearchedSpaces: 0,
    remainingHypotheses: 0,
    remainingRow: 0,
  };
  for (const result of state.segments)
    figures[remainingCategory(result.segment.kind, result.searches)] += result.poa;
  return figures;
}
