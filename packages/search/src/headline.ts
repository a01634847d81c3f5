import type { SearchState } from "./fold";

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

export function headlineFigures(state: SearchState): HeadlineFigures {
  let searched = 0;
  let unsearched = 0;
  let hypotheses = 0;
  let row = 0;
  for (const result of state.segments) {
    switch (result.segment.kind) {
      case "row":
        row += result.poa;
        break;
      case "hypothesis":
        hypotheses += result.poa;
        break;
      case "space":
        if (result.searches > 0) searched += result.poa;
        else unsearched += result.poa;
        break;
    }
  }
  return {
    posResponsive: state.pos.responsive,
    posUnresponsive: state.pos.unresponsive,
    posCombined: state.pos.combined,
    remainingSearchedSpaces: searched,
    remainingUnsearchedSpaces: unsearched,
    remainingHypotheses: hypotheses,
    remainingRow: row,
  };
}
