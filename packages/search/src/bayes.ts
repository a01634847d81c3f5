import { AtharError, type Probability } from "@athar/core";

/**
 * Bayes' rule for the two things that move POA: a search that finds nothing, and a piece of evidence with
 * known likelihoods. These are the small, readable forms; the event-log fold and the grid paths use the same
 * rules on unnormalised masses.
 */

function checkProbability(value: number, what: string): void {
  if (!(value >= 0 && value <= 1))
    throw new AtharError("validation_failed", `${what} must be in [0, 1], got ${value}`);
}

/**
 * An unsuccessful search of one segment with probability of detection `pod`:
 * POA_a' = POA_a(1 − p)/(1 − POA_a·p) and POA_q' = POA_q/(1 − POA_a·p) for every other q.
 */
export function updateAfterUnsuccessfulSearch(poa: readonly number[], index: number, pod: number): number[] {
  const pods = new Array<number>(poa.length).fill(0);
  if (index < 0 || index >= poa.length)
    throw new AtharError("validation_failed", `segment index ${index} out of range`);
  pods[index] = pod;
  return updateAfterUnsuccessfulSearches(poa, pods);
}

/**
 * Several segments searched in one operational period, nothing found: POA_a' = POA_a(1 − p_a)/(1 − POS) with
 * POS = Σ POA_q·p_q. Throws if the searches were certain to find the person (POS = 1): nothing found is then
 * impossible under the model, and the model, not the data, is wrong.
 */
export function updateAfterUnsuccessfulSearches(poa: readonly number[], pods: readonly number[]): number[] {
  if (pods.length !== poa.length) throw new AtharError("validation_failed", "one POD per segment is needed");
  let pos = 0;
  poa.forEach((p, i) => {
    checkProbability(p, `POA ${i}`);
    const pod = pods[i]!;
    checkProbability(pod, `POD ${i}`);
    pos += p * pod;
  });
  const miss = 1 - pos;
  if (!(miss > 0))
    throw new AtharError(
      "validation_failed",
      "the searches were certain to find the person; a negative result contradicts the model",
    );
  return poa.map((p, i) => (p * (1 - pods[i]!)) / miss);
}

/** Probability of success of one round of searches: POS = Σ POA_a·POD_a. */
export function probabilityOfSuccess(poa: readonly number[], pods: readonly number[]): Probability {
  let pos = 0;
  poa.forEach((p, i) => {
    pos += p * (pods[i] ?? 0);
  });
  return pos as Probability;
}

/**
 * A binary likelihood update: P' = p·L1 / (p·L1 + (1 − p)·L0), with L1 = P(observation | present) and
 * L0 = P(observation | absent). Prior 0.2, L1 0.8, L0 0.1 → 0.666667; a second independent alert → 0.941176.
 */
export function likelihoodUpdate(prior: number, l1: number, l0: number): Probability {
  checkProbability(prior, "prior");
  checkProbability(l1, "L1");
  checkProbability(l0, "L0");
  const evidence = prior * l1 + (1 - prior) * l0;
  if (!(evidence > 0))
    throw new AtharError("validation_failed", "the observation has probability 0 under the model");
  return ((prior * l1) / evidence) as Probability;
}

/**
 * Evidence about one segment among many: the segment's POA is multiplied by L1, every other by L0, and the
 * result normalised. For two segments this is exactly likelihoodUpdate.
 */
export function updateWithEvidence(poa: readonly number[], index: number, l1: number, l0: number): number[] {
  if (index < 0 || index >= poa.length)
    throw new AtharError("validation_failed", `segment index ${index} out of range`);
  return applyLikelihoods(
    poa,
    poa.map((_, i) => (i === index ? l1 : l0)),
  );
}

/** General Bayes on a discrete distribution: posterior ∝ prior × likelihood. */
export function applyLikelihoods(poa: readonly number[], likelihoods: readonly number[]): number[] {
  if (likelihoods.length !== poa.length)
    throw new AtharError("validation_failed", "one likelihood per segment is needed");
  const joint = poa.map((p, i) => {
    checkProbability(p, `POA ${i}`);
    const l = likelihoods[i]!;
    if (!(l >= 0) || !Number.isFinite(l))
      throw new AtharError("validation_failed", `likelihood ${i} must be ≥ 0, got ${l}`);
    return p * l;
  });
  const total = joint.reduce((a, b) => a + b, 0);
  if (!(total > 0))
    throw new AtharError("validation_failed", "the observation has probability 0 under the model");
  return joint.map((value) => value / total);
}

/**
 * Cumulative probability of success of a sequence of searches that all found nothing: 1 − P(all missed).
 * For A, B, C, ROW = 0.5, 0.3, 0.1, 0.1, searching A with 0.6 then B with 0.5 gives 0.45.
 */
export function cumulativePosOfSequence(
  poa: readonly number[],
  searches: readonly { index: number; pod: number }[],
): Probability {
  let current = [...poa];
  let missAll = 1;
  for (const { index, pod } of searches) {
    const p = current[index];
    if (p === undefined) throw new AtharError("validation_failed", `segment index ${index} out of range`);
    missAll *= 1 - p * pod;
    current = updateAfterUnsuccessfulSearch(current, index, pod);
  }
  return (1 - missAll) as Probability;
}
