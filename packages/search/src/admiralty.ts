/**
 * Admiralty / NATO source grading (STANAG 2511, AJP-2.1): the reliability of the source (A–F) and the
 * credibility of the information (1–6) are graded independently. The grade is ordinal; it becomes a likelihood
 * only through the explicit, editable mapping in likelihood-mapping.ts.
 */
export type SourceReliability = "A" | "B" | "C" | "D" | "E" | "F";
export type InformationCredibility = 1 | 2 | 3 | 4 | 5 | 6;

export const SOURCE_RELIABILITIES: readonly SourceReliability[] = ["A", "B", "C", "D", "E", "F"];
export const INFORMATION_CREDIBILITIES: readonly InformationCredibility[] = [1, 2, 3, 4, 5, 6];

export const SOURCE_RELIABILITY_LABELS: Readonly<Record<SourceReliability, string>> = {
  A: "Completely reliable",
  B: "Usually reliable",
  C: "Fairly reliable",
  D: "Not usually reliable",
  E: "Unreliable",
  F: "Reliability cannot be judged",
};

export const INFORMATION_CREDIBILITY_LABELS: Readonly<Record<InformationCredibility, string>> = {
  1: "Confirmed by other sources",
  2: "Probably true",
  3: "Possibly true",
  4: "Doubtful",
  5: "Improbable",
  6: "Truth cannot be judged",
};

export interface AdmiraltyGrade {
  reliability: SourceReliability;
  credibility: InformationCredibility;
}

/** "F3" and friends. */
export const formatGrade = (grade: AdmiraltyGrade): string => `${grade.reliability}${grade.credibility}`;

export function parseGrade(text: string): AdmiraltyGrade | undefined {
  const match = /^([A-F])([1-6])$/.exec(text.trim().toUpperCase());
  if (!match) return undefined;
  return {
    reliability: match[1] as SourceReliability,
    credibility: Number(match[2]) as InformationCredibility,
  };
}

/** Verification status of a claim, with a reason recorded on the evidence. */
export type VerificationStatus = "unverified" | "corroborated" | "confirmed" | "refuted";
export const VERIFICATION_STATUSES: readonly VerificationStatus[] = [
  "unverified",
  "corroborated",
  "confirmed",
  "refuted",
];
