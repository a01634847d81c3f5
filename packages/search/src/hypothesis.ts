import { AtharError } from "@athar/core";

/**
 * Hypothesis segments: a suspected space h that exists with probability e_h. The person can only be in h if h
 * exists, so P(L = h) ≤ e_h. The model keeps, next to the POA, π_h = P(h exists | the person is not in h),
 * assumed the same whichever other segment holds the person. Then
 *   e_h = POA_h + π_h·(1 − POA_h),
 * evidence about the person never changes π_h, and evidence about the existence of h (a radar pass, a former
 * guard's statement, a breach) with likelihoods L1 = P(obs | exists), L0 = P(obs | does not exist) acts on the
 * person as the likelihood L1 in h and π_h·L1 + (1 − π_h)·L0 everywhere else, while π_h' = π_h·L1 / (π_h·L1 +
 * (1 − π_h)·L0). Over any sequence of existence observations the factor on h relative to the rest telescopes
 * to π_h(final) / π_h(initial), which is how the event-log fold applies it.
 *
 * Prior: planners give h the weight it would have if it existed, w_h (normalised with the other segments).
 * POA_h = w_h·e_h, and the share w_h·(1 − e_h) goes to ROW (if h does not exist, the model does not know
 * where that person is). See docs/decisions/search-hypothesis-model.md.
 */

export interface HypothesisPrior {
  /** P(person in h) at the start. */
  poa: number;
  /** Weight moved to ROW because h may not exist. */
  toRow: number;
  /** π_h: P(h exists | person not in h). */
  pExistsIfNotThere: number;
}

export function hypothesisPrior(normalisedWeight: number, pExists: number): HypothesisPrior {
  if (!(normalisedWeight >= 0 && normalisedWeight <= 1))
    throw new AtharError("validation_failed", `weight must be in [0, 1], got ${normalisedWeight}`);
  if (!(pExists > 0 && pExists <= 1))
    throw new AtharError("validation_failed", `pExists must be in (0, 1], got ${pExists}`);
  const poa = normalisedWeight * pExists;
  const pExistsIfNotThere = poa >= 1 ? 1 : (pExists - poa) / (1 - poa);
  return { poa, toRow: normalisedWeight - poa, pExistsIfNotThere };
}

/** e_h = POA_h + π_h·(1 − POA_h). */
export function existenceProbability(poaOfHypothesis: number, pExistsIfNotThere: number): number {
  return poaOfHypothesis + pExistsIfNotThere * (1 - poaOfHypothesis);
}

/**
 * One existence observation on a POA vector (array form, for reading and for tests). Returns the new POA and
 * the new π_h.
 */
export function updateWithExistenceEvidence(
  poa: readonly number[],
  hypothesisIndex: number,
  pExistsIfNotThere: number,
  l1: number,
  l0: number,
): { poa: number[]; pExistsIfNotThere: number } {
  const pi = pExistsIfNotThere;
  const elsewhere = pi * l1 + (1 - pi) * l0;
  const joint = poa.map((p, i) => p * (i === hypothesisIndex ? l1 : elsewhere));
  const total = joint.reduce((a, b) => a + b, 0);
  if (!(total > 0))
    throw new AtharError("validation_failed", "the observation has probability 0 under the model");
  return {
    poa: joint.map((value) => value / total),
    pExistsIfNotThere: elsewhere > 0 ? (pi * l1) / elsewhere : pi,
  };
}
