import type { SearchLogEvent } from "./events";
import { SearchLogFold } from "./fold";
import { HEADLINE_FIGURE_NAMES, type HeadlineFigures } from "./headline";
import type { UncertainValue } from "./uncertain-value";

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

/**
 * Runs on a log, or on a log already folded (its figures are re-evaluated in place and left at the likely
 * values afterwards).
 */
export function sensitivityAnalysis(source: readonly SearchLogEvent[] | SearchLogFold): SensitivityAnalysis {
  let fold: SearchLogFold;
  if (source instanceof SearchLogFold) {
    fold = source;
  } else {
    fold = new SearchLogFold({ history: false });
    fold.run(source);
  }
  const likely = fold.headline();
  const figures = Object.fromEntries(
    HEADLINE_FIGURE_NAMES.map((name) => [
      name,
      { likely: likely[name], min: likely[name], max: likely[name] },
    ]),
  ) as Record<keyof HeadlineFigures, FigureRange>;
  const parameters: ParameterSensitivity[] = [];
  const quantities = [...fold.uncertainQuantities().entries()].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  for (const [quantityId, value] of quantities) {
    if (!(value.min < value.max)) continue;
    fold.recomputeQuantity(quantityId, "min");
    const atMin = fold.headline();
    fold.recomputeQuantity(quantityId, "max");
    const atMax = fold.headline();
    fold.recomputeQuantity(quantityId, "likely");
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
