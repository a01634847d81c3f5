import {
  type AdmiraltyGrade,
  INFORMATION_CREDIBILITIES,
  type InformationCredibility,
  SOURCE_RELIABILITIES,
  type SourceReliability,
  type VerificationStatus,
} from "./admiralty";
import { type UncertainValue, uncertain } from "./uncertain-value";

/**
 * The explicit table that turns an Admiralty grade into likelihoods, L1 = P(such a report | the claim is true)
 * and L0 = P(such a report | the claim is false). It is data: shown to users, changed by `mapping.changed`
 * events, listed in the report with its source. Only the ratio L1/L0 moves probabilities for a claim about
 * one segment.
 *
 * Default (illustrative, chosen by the developers, not calibrated): likelihood ratio
 * LR = R[reliability] × K[credibility] with R = A 4, B 2.5, C 1.6, D 1.2, E 1, F 1 and
 * K = 1 4, 2 2.5, 3 1.5, 4 1.1, 5 1, 6 1; L1 = 0.6 and L0 = 0.6 / LR. Anonymous social media, typically F3,
 * so moves the odds by 1.5; "cannot be judged" (F6) does not move them at all. Improbable or unreliable
 * reports give no support but are not evidence against: a claim that someone is absent is recorded as such.
 * Range: L0 between 0.6/(2·LR) and 0.6/max(1, LR/2), so the sensitivity analysis halves and doubles the
 * strength of every graded claim.
 */

export type GradeKey = `${SourceReliability}${InformationCredibility}`;

export interface LikelihoodPair {
  l1: UncertainValue;
  l0: UncertainValue;
}

export interface LikelihoodMapping {
  cells: Record<GradeKey, LikelihoodPair>;
  /**
   * How verification moves a claim's credibility before the table is read: a corroborated claim is read at
   * credibility no worse than `corroborated`, a confirmed one at `confirmed`. A refuted claim is not counted.
   */
  statusCredibility: { corroborated: InformationCredibility; confirmed: InformationCredibility };
  source: string;
}

export const DEFAULT_MAPPING_SOURCE =
  "Illustrative default by the Athar developers (LR = R × K, see packages/search/README.md); not calibrated.";

const RELIABILITY_FACTOR: Readonly<Record<SourceReliability, number>> = {
  A: 4,
  B: 2.5,
  C: 1.6,
  D: 1.2,
  E: 1,
  F: 1,
};
const CREDIBILITY_FACTOR: Readonly<Record<InformationCredibility, number>> = {
  1: 4,
  2: 2.5,
  3: 1.5,
  4: 1.1,
  5: 1,
  6: 1,
};
const DEFAULT_L1 = 0.6;

export const gradeKey = (grade: AdmiraltyGrade): GradeKey => `${grade.reliability}${grade.credibility}`;

export function defaultLikelihoodMapping(): LikelihoodMapping {
  const cells = {} as Record<GradeKey, LikelihoodPair>;
  for (const reliability of SOURCE_RELIABILITIES) {
    for (const credibility of INFORMATION_CREDIBILITIES) {
      const ratio = RELIABILITY_FACTOR[reliability] * CREDIBILITY_FACTOR[credibility];
      const l0 = DEFAULT_L1 / ratio;
      cells[`${reliability}${credibility}`] = {
        l1: uncertain(DEFAULT_L1, DEFAULT_L1, DEFAULT_L1, DEFAULT_MAPPING_SOURCE),
        l0: uncertain(
          DEFAULT_L1 / (2 * ratio),
          l0,
          DEFAULT_L1 / Math.max(1, ratio / 2),
          DEFAULT_MAPPING_SOURCE,
        ),
      };
    }
  }
  return { cells, statusCredibility: { corroborated: 2, confirmed: 1 }, source: DEFAULT_MAPPING_SOURCE };
}

/** The table cell a claim is read at, after its verification status; undefined for a refuted claim. */
export function effectiveGrade(
  grade: AdmiraltyGrade,
  status: VerificationStatus,
  mapping: Pick<LikelihoodMapping, "statusCredibility">,
): AdmiraltyGrade | undefined {
  switch (status) {
    case "refuted":
      return undefined;
    case "unverified":
      return grade;
    case "corroborated":
      return {
        ...grade,
        credibility: Math.min(
          grade.credibility,
          mapping.statusCredibility.corroborated,
        ) as InformationCredibility,
      };
    case "confirmed":
      return {
        ...grade,
        credibility: Math.min(
          grade.credibility,
          mapping.statusCredibility.confirmed,
        ) as InformationCredibility,
      };
  }
}
