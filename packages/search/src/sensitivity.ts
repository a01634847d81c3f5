import type { SearchLogEvent } from "./events";
import { foldSearchLog, type SearchState } from "./fold";
import { HEADLINE_FIGURE_NAMES, type HeadlineFigures, headlineFigures } from "./headline";
import type { Scenario, UncertainValue } from "./uncertain-value";

/**
 * Sensitivity: every headline figure recomputed with each uncertain quantity the result depends on (method
 * sweep rates and false-alert rates, mapping cells, explicit likelihoods, model parameters) set to its min
 * and then to its max, one at a time, all others at their likely value. The range of a figure is the
 * smallest and largest value over all those runs. One-at-a-time ranges show which assumption matters most;
 * they are not a joint bound (two assumptions at their worst together can go further).
 */
export interface FigureRange {
  likely: number;
  min: number;
  max: number;
}

export interface ParameterSensitivity {
  quantityId: string;
  value: UncertainValue;
  atMin: HeadlineFigures;
  atMax: HeadlineFigures;
  /** Largest change of any figure between min and max: the order of the tornado chart. */
  swing: number;
}

export interface SensitivityAnalysis {
  figures: Record<keyof HeadlineFigures, FigureRange>;
  parameters: ParameterSensitivity[];
}

export function sensitivityAnalysis(
  events: readonly SearchLogEvent[],
  likelyState?: SearchState,
): SensitivityAnalysis {
  const base = likelyState ?? foldSearchLog(events, { history: false });
  const likely = headlineFigures(base);
  const figures = Object.fromEntries(
    HEADLINE_FIGURE_NAMES.map((name) => [
      name,
      { likely: likely[name], min: likely[name], max: likely[name] },
    ]),
  ) as Record<keyof HeadlineFigures, FigureRange>;
  const parameters: ParameterSensitivity[] = [];
  const quantities = [...base.uncertainQuantities.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [quantityId, value] of quantities) {
    if (!(value.min < value.max)) continue;
    const run = (scenario: Scenario): HeadlineFigures =>
      headlineFigures(
        foldSearchLog(events, {
          history: false,
          scenarioOf: (id) => (id === quantityId ? scenario : "likely"),
        }),
      );
    const atMin = run("min");
    const atMax = run("max");
    let swing = 0;
    for (const name of HEADLINE_FIGURE_NAMES) {
      const range = figures[name];
      range.min = Math.min(range.min, atMin[name], atMax[name]);
      range.max = Math.max(range.max, atMin[name], atMax[name]);
      swing = Math.max(swing, Math.abs(atMax[name] - atMin[name]));
    }
    parameters.push({ quantityId, value, atMin, atMax, swing });
  }
  parameters.sort((a, b) => b.swing - a.swing || (a.quantityId < b.quantityId ? -1 : 1));
  return { figures, parameters };
}
