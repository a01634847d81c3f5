/**
 * Proposed matches and their review. The matcher proposes; only a person accepts. A candidate pairs two
 * records: a family's inquiry record with a registry record (`inquiry`), or two registry records that may
 * describe one person (`duplicate`). Accepting a candidate joins the two clusters (a merge, which can be
 * undone); rejecting it keeps the pair from being proposed again until one of the records changes.
 */
import { z } from "zod";

export const CANDIDATE_KINDS = ["inquiry", "duplicate"] as const;
export type CandidateKind = (typeof CANDIDATE_KINDS)[number];

export const CANDIDATE_STATES = ["open", "accepted", "rejected", "unsure", "superseded"] as const;
export type CandidateState = (typeof CANDIDATE_STATES)[number];

export const REVIEW_DECISIONS = ["accept", "reject", "unsure"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const DECISION_STATE: Readonly<Record<ReviewDecision, CandidateState>> = {
  accept: "accepted",
  reject: "rejected",
  unsure: "unsure",
};

/** One field's part in a score: the comparison level reached and its weight in bits. */
export const fieldContributionSchema = z.object({
  field: z.string(),
  level: z.string(),
  label: z.string(),
  left: z.string(),
  right: z.string(),
  /** log2(m/u) of the level. */
  bits: z.number(),
  /** Term-frequency adjustment in bits (negative for a common value), 0 when none. */
  termFrequencyBits: z.number(),
});
export type FieldContribution = z.infer<typeof fieldContributionSchema>;

export const explanationSchema = z.object({
  /** Which matcher produced the score: the linkage engine's model, or the simple fallback. */
  engine: z.enum(["linkage", "fallback"]),
  priorBits: z.number(),
  fields: z.array(fieldContributionSchema),
  /** Σ bits + Σ term-frequency bits. */
  matchWeight: z.number(),
  probability: z.number(),
  /** Set when the sibling guard capped the probability: the pair looks like brothers or sisters. */
  guard: z.string().nullable(),
});
export type Explanation = z.infer<typeof explanationSchema>;

export const reviewDecisionSchema = z.strictObject({
  decision: z.enum(REVIEW_DECISIONS),
  /** Why: required, because the next reviewer and the audit trail need it. */
  reason: z.string().trim().min(1).max(2000),
  /** Accepting a pair the sibling guard flagged needs this, and a reason that says why they are not siblings. */
  overrideSiblingWarning: z.boolean().default(false),
});
export type ReviewDecisionInput = z.infer<typeof reviewDecisionSchema>;

export const undoMergeSchema = z.strictObject({ reason: z.string().trim().min(1).max(2000) });

/** The review queue's order: open pairs with the highest probability first, inquiries before duplicates. */
export function compareForQueue(
  a: { kind: CandidateKind; probability: number; createdAt: string },
  b: { kind: CandidateKind; probability: number; createdAt: string },
): number {
  if (a.kind !== b.kind) return a.kind === "inquiry" ? -1 : 1;
  if (a.probability !== b.probability) return b.probability - a.probability;
  return a.createdAt.localeCompare(b.createdAt);
}
