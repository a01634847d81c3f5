/**
 * An uncertain input: what the planner believes (likely), a plausible range (min, max) and where the numbers
 * come from. Nothing in the engine that nobody has measured is a bare constant: it is an UncertainValue, and
 * `illustrative: true` marks values nobody has calibrated yet. The sensitivity analysis re-runs every headline
 * figure with each of them at its min and at its max.
 */
export interface UncertainValue {
  min: number;
  likely: number;
  max: number;
  source: string;
  illustrative: boolean;
}

/** Which point of every uncertain range a computation uses. */
export type Scenario = "min" | "likely" | "max";

export function uncertain(
  min: number,
  likely: number,
  max: number,
  source: string,
  illustrative = true,
): UncertainValue {
  return { min, likely, max, source, illustrative };
}

export function valueAt(value: UncertainValue, scenario: Scenario): number {
  return value[scenario];
}

/** Checks min ≤ likely ≤ max and that all three are finite; returns a message or undefined. */
export function uncertainValueProblem(value: UncertainValue): string | undefined {
  const { min, likely, max } = value;
  if (![min, likely, max].every(Number.isFinite)) return "min, likely and max must be finite numbers";
  if (!(min <= likely && likely <= max)) return `expected min ≤ likely ≤ max, got ${min}, ${likely}, ${max}`;
  return undefined;
}
