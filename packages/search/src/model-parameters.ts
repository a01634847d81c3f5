import { type UncertainValue, uncertain } from "./uncertain-value";

/**
 * Model-wide parameters that are not properties of a method or of a piece of evidence. Both are guesses
 * until someone knows better, so both carry ranges and run through the sensitivity analysis.
 */
export interface ModelParameters {
  /** Prior probability that a person still inside is responsive (can hear and answer). */
  pResponsive: UncertainValue;
  /**
   * Prior share of ROW when planners do not give ROW a weight: the chance that the person is nowhere the
   * model covers. Must stay above 0: a model that cannot be wrong cannot learn that it is.
   */
  rowShare: UncertainValue;
}

const SOURCE = "Illustrative default by the Athar developers; set it from the situation (parameter.changed).";

export const DEFAULT_MODEL_PARAMETERS: Readonly<ModelParameters> = {
  pResponsive: uncertain(0.2, 0.5, 0.8, SOURCE),
  rowShare: uncertain(0.05, 0.1, 0.3, SOURCE),
};
