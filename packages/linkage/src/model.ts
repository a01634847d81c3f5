/**
 * The Fellegi–Sunter model (Fellegi and Sunter 1969, "A theory for record linkage", JASA 64:1183–1210): for
 * each field and comparison level l, m_l = P(level l | same person) and u_l = P(level l | different people).
 * A pair's match weight is W = Σ_fields log2(m_l / u_l) (in bits), plus, where the level takes term
 * frequencies, log2(u_l / tf(value)) — the Splink form of Winkler's frequency adjustment, so that agreeing on
 * a common name (Mohammad) counts less than on a rare one. With λ the probability that two records drawn at
 * random are the same person, the match probability is
 *
 *     P(match | γ) = 1 / (1 + 2^−(log2(λ / (1 − λ)) + W)).
 *
 * A model is plain JSON: the server can store it and reload it without retraining.
 */
import type { CorrelatedGroup } from "./correlation";
import type { FieldType } from "./fields/field";

export interface FieldParameters {
  readonly name: string;
  readonly type: FieldType;
  /** Level ids, index 0 = "null" (a value missing). */
  readonly levels: readonly string[];
  readonly labels: readonly string[];
  /** m and u per level (index 0 unused). */
  readonly m: readonly number[];
  readonly u: readonly number[];
  readonly termFrequency: readonly boolean[];
  /** Where m came from: the blocking rules whose EM estimated it, or "initial" when none could. */
  readonly mSource: string;
}

export interface SiblingGuardParameters {
  readonly distinguishing: readonly number[];
  readonly shared: readonly number[];
  readonly minShared: number;
  /** Any one proof (all its fields giving evidence; `strong` = same spelling or same name) lifts the cap. */
  readonly proofs: readonly (readonly { readonly field: number; readonly strong: boolean }[])[];
  readonly maxProbability: number;
}

export interface LinkageModel {
  readonly version: 1;
  readonly fields: readonly FieldParameters[];
  /** Prior probability that two records drawn at random are the same person. */
  readonly lambda: number;
  readonly threshold: number;
  readonly siblingGuard: SiblingGuardParameters | undefined;
  /** Field indexes that may never disagree inside a cluster. */
  readonly strongIdentifiers: readonly number[];
  /** Cap on the probability of a pair whose strong identifiers disagree outright. */
  readonly conflictMaxProbability: number;
  /** Corrections for fields that agree together among different people (correlation.ts). */
  readonly correlatedGroups: readonly CorrelatedGroup[];
}

export const log2 = Math.log2;

/** log2(λ / (1 − λ)): the prior in bits. */
export function priorBits(lambda: number): number {
  return log2(lambda / (1 - lambda));
}

export function probabilityFromBits(totalBits: number): number {
  return 1 / (1 + 2 ** -totalBits);
}

/** The weight in bits that a pair needs to reach probability p under prior λ. */
export function bitsForProbability(p: number, lambda: number): number {
  return log2(p / (1 - p)) - priorBits(lambda);
}

/** Per field and level, log2(m/u); 0 for the null level. */
export function levelBits(field: FieldParameters): Float64Array {
  const bits = new Float64Array(field.levels.length);
  for (let l = 1; l < field.levels.length; l++) {
    bits[l] = log2((field.m[l] as number) / (field.u[l] as number));
  }
  return bits;
}
