/**
 * Request and response schemas of the search API (state for the heat map, evidence, hypotheses, planners'
 * estimates, the likelihood table, the coverage report and the log export). Response schemas also decide
 * what is serialised: a member not declared here never leaves the server.
 */
import { INFORMATION_CREDIBILITIES, SOURCE_RELIABILITIES, VERIFICATION_STATUSES } from "@athar/search";
import { z } from "zod";

const isoDateTime = z.iso.datetime({ offset: true });
const text = z.string().max(10_000);
/** Ids inside the search log (segments, evidence, planners, sources): the engine's limit. */
const logId = z.string().trim().min(1).max(200);
const probability = z.number().min(0).max(1);

export const siteParams = z.object({ siteId: z.uuid() });
export const evidenceParams = z.object({ siteId: z.uuid(), evidenceId: logId });
export const segmentParams = z.object({ siteId: z.uuid(), segmentId: logId });

export const EVIDENCE_KINDS = [
  "testimony",
  "cctv",
  "social_media",
  "official_statement",
  "canine_alert",
  "acoustic",
  "thermal",
  "gpr",
  "visual",
  "document",
] as const;

export const SUBJECT_CLASS_CHOICES = ["combined", "responsive", "unresponsive"] as const;
export type SubjectClassChoice = (typeof SUBJECT_CLASS_CHOICES)[number];

const reliability = z.enum(SOURCE_RELIABILITIES as unknown as ["A", "B", "C", "D", "E", "F"]);
const credibility = z.union(INFORMATION_CREDIBILITIES.map((c) => z.literal(c))) as unknown as z.ZodType<
  1 | 2 | 3 | 4 | 5 | 6
>;
export const gradeSchema = z.strictObject({ reliability, credibility });
const status = z.enum(
  VERIFICATION_STATUSES as unknown as ["unverified", "corroborated", "confirmed", "refuted"],
);

export const uncertainSchema = z.strictObject({
  min: z.number().finite(),
  likely: z.number().finite(),
  max: z.number().finite(),
  source: text.min(1),
  illustrative: z.boolean(),
});
const likelihoodSchema = z.strictObject({
  l1: uncertainSchema,
  l1Unresponsive: uncertainSchema.optional(),
  l0: uncertainSchema,
});

/**
 * Where a claim is about: a segment of the log (a space id or a hypothesis id), a point on a level's plan (the
 * space containing it), a whole level, or the whole site.
 */
export const whereSchema = z.union([
  z.strictObject({ segmentId: logId }),
  z.strictObject({ levelId: z.uuid(), x: z.number().finite(), y: z.number().finite() }),
  z.strictObject({ levelId: z.uuid() }),
  z.strictObject({ site: z.literal(true) }),
]);

export const evidenceInputSchema = z.strictObject({
  kind: z.enum(EVIDENCE_KINDS),
  where: whereSchema,
  /** A claim about people there, or (hypotheses only) about whether the suspected space exists. */
  about: z.enum(["subjects", "existence"]).default("subjects"),
  observedAt: isoDateTime.optional(),
  /** The original source: a pseudonymous id, never a real name. */
  reportedBy: logId,
  /** Who passed it on, from the source to us. */
  reportedThrough: z.array(logId).max(100).default([]),
  echoOf: logId.optional(),
  originRef: text.min(1).optional(),
  grade: gradeSchema,
  status: status.default("unverified"),
  statusReason: text.optional(),
  assertion: z.enum(["present", "absent"]).default("present"),
  summary: text.optional(),
  likelihood: likelihoodSchema.optional(),
});
export type EvidenceInput = z.infer<typeof evidenceInputSchema>;

export const evidenceUpdateSchema = z.strictObject({
  changes: z
    .strictObject({
      kind: z.enum(EVIDENCE_KINDS).optional(),
      where: whereSchema.optional(),
      about: z.enum(["subjects", "existence"]).optional(),
      observedAt: isoDateTime.nullable().optional(),
      reportedBy: logId.optional(),
      reportedThrough: z.array(logId).max(100).optional(),
      echoOf: logId.nullable().optional(),
      originRef: text.min(1).nullable().optional(),
      grade: gradeSchema.optional(),
      status: status.optional(),
      statusReason: text.nullable().optional(),
      assertion: z.enum(["present", "absent"]).optional(),
      summary: text.nullable().optional(),
      likelihood: likelihoodSchema.nullable().optional(),
    })
    .refine((c) => Object.keys(c).length > 0, { message: "nothing to change" }),
  /** Why: kept in the log with the change. */
  reason: text.trim().min(1),
});
export type EvidenceUpdate = z.infer<typeof evidenceUpdateSchema>;

const historySchema = z.object({
  eventId: z.string(),
  seq: z.number(),
  type: z.string(),
  at: z.string(),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  reason: z.string().nullable(),
  changed: z.array(z.string()),
});

export const evidenceSchema = z.object({
  id: z.string(),
  /** 1 for the first claim recorded on the site, 2 for the next… (a short reference for people). */
  number: z.number(),
  kind: z.string(),
  /** One of segmentId, levelId, siteId is set: what the claim is about. */
  target: z.object({
    segmentId: z.string().nullable(),
    levelId: z.string().nullable(),
    siteId: z.string().nullable(),
    about: z.string(),
  }),
  /** The segment (for a claim about one), or `level` / `site` as kind for claims about a whole level or site. */
  segment: z.object({ label: z.string().nullable(), kind: z.string(), levelId: z.string().nullable() }),
  point: z.object({ x: z.number(), y: z.number(), levelId: z.string().nullable() }).nullable(),
  observedAt: z.string().nullable(),
  reportedBy: z.string(),
  reportedThrough: z.array(z.string()),
  echoOf: z.string().nullable(),
  originRef: z.string().nullable(),
  grade: z.object({ reliability: z.string(), credibility: z.number() }),
  status: z.string(),
  statusReason: z.string().nullable(),
  assertion: z.string(),
  summary: z.string().nullable(),
  likelihood: likelihoodSchema.nullable(),
  /** Whether it moves the probabilities now; echoes and refuted claims do not. */
  counted: z.boolean(),
  note: z.enum(["echo", "refuted"]).nullable(),
  /** The record its echo group counts through (itself when it is the first). */
  countedAs: z.string(),
  /** The likelihoods used now (for counted records), with the table cell read. */
  used: z
    .object({
      l1Responsive: z.number(),
      l1Unresponsive: z.number(),
      l0: z.number(),
      from: z.string(),
      grade: z.string().nullable(),
      /** How much the claim multiplies the odds of its segment (below 1 for an "absent" claim). */
      oddsFactor: z.number(),
    })
    .nullable(),
  /** Records from the same source, or passed on by the same relays, about the same segment: maybe echoes. */
  possibleEchoOf: z.array(z.string()),
  recordedAt: z.string(),
  recordedBy: z.string().nullable(),
  recordedByName: z.string().nullable(),
  history: z.array(historySchema),
});

export const evidenceListSchema = z.object({
  lastSeq: z.number(),
  logHash: z.string(),
  evidence: z.array(evidenceSchema),
});

export const writeResultSchema = z.object({ lastSeq: z.number(), logHash: z.string() });

export const stateQuerySchema = z.strictObject({
  subjectClass: z.enum(SUBJECT_CLASS_CHOICES).default("combined"),
});

export const segmentStateSchema = z.object({
  segmentId: z.string(),
  kind: z.enum(["space", "hypothesis"]),
  label: z.string().nullable(),
  levelId: z.string().nullable(),
  /** POA now for the chosen subject class: P(the person is here | a person of that class). */
  poa: probability,
  poaBeforeSearch: probability,
  /** Cumulative POD of the searches here for the chosen class (capped per method class). */
  pod: probability,
  poaByClass: z.object({ responsive: probability, unresponsive: probability, combined: probability }),
  podByClass: z.object({ responsive: probability, unresponsive: probability, combined: probability }),
  pExists: probability.nullable(),
  pExistsPrior: probability.nullable(),
  resolved: z.boolean().nullable(),
  reachable: z.boolean(),
  searches: z.number(),
  alerts: z.number(),
  subjectsFound: z.number(),
  /** Claims about this segment that count now / recorded in all. */
  evidenceCounted: z.number(),
  evidenceTotal: z.number(),
});

export const stateSchema = z.object({
  siteId: z.string(),
  subjectClass: z.enum(SUBJECT_CLASS_CHOICES),
  lastSeq: z.number(),
  eventCount: z.number(),
  logHash: z.string(),
  pos: z.object({ responsive: probability, unresponsive: probability, combined: probability }),
  classPosterior: z.object({ responsive: probability, unresponsive: probability }),
  headline: z.object({
    posResponsive: probability,
    posUnresponsive: probability,
    posCombined: probability,
    remainingSearchedSpaces: probability,
    remainingUnsearchedSpaces: probability,
    remainingHypotheses: probability,
    remainingRow: probability,
  }),
  row: z.object({ poa: probability, poaBeforeSearch: probability }),
  /** Largest POA of a space or hypothesis for the chosen class: the top of the heat map's scale. */
  maxPoa: probability,
  segments: z.array(segmentStateSchema),
  /** Spaces of the site model the log does not know yet (they get segments at the next write or sync). */
  unsyncedSpaces: z.number(),
  warnings: z.array(z.string()),
});

export const syncResultSchema = z.object({ added: z.number(), lastSeq: z.number(), logHash: z.string() });

// ─── hypotheses ─────────────────────────────────────────────────────────────────────────────────────────

export const hypothesisInputSchema = z.strictObject({
  label: z.string().trim().min(1).max(200),
  /** The level it would be on (a level of this site), or null for a level nobody has drawn. */
  levelId: z.uuid().nullable().default(null),
  /** Prior probability that the suspected space exists. */
  pExists: z.number().gt(0).max(1),
  /** Its weight among the segments if it exists (1 = like any space). */
  weight: z.number().min(0).max(1_000_000).default(1),
  areaM2: z.number().positive().max(10_000_000).optional(),
  /** A hidden space has no known way in until a barrier is breached. */
  reachable: z.boolean().default(false),
  reason: text.trim().min(1).optional(),
});

export const hypothesisUpdateSchema = z.strictObject({
  pExists: z.number().gt(0).max(1).optional(),
  label: z.string().trim().min(1).max(200).optional(),
  weight: z.number().min(0).max(1_000_000).optional(),
  reason: text.trim().min(1),
});

export const resolutionInputSchema = z.strictObject({ exists: z.boolean(), reason: text.trim().min(1) });

export const hypothesisSchema = z.object({
  segmentId: z.string(),
  label: z.string().nullable(),
  levelId: z.string().nullable(),
  /** The hypothesis is a suspected space drawn on the plan (its segment id is the space id). */
  isSpace: z.boolean(),
  areaM2: z.number().nullable(),
  weight: z.number(),
  reachable: z.boolean(),
  pExistsPrior: probability,
  pExists: probability,
  poa: probability,
  podVoid: probability,
  resolved: z.boolean().nullable(),
  searches: z.number(),
  evidenceCounted: z.number(),
  history: z.array(historySchema),
});

export const hypothesisListSchema = z.object({
  lastSeq: z.number(),
  logHash: z.string(),
  hypotheses: z.array(hypothesisSchema),
});

// ─── planners' estimates (Mattson) ──────────────────────────────────────────────────────────────────────

export const estimateInputSchema = z.strictObject({
  /** Defaults to the signed-in user: a later estimate of the same planner replaces the earlier. */
  plannerId: logId.optional(),
  weights: z.record(logId, z.number().min(0).max(1_000_000)),
});

export const estimateListSchema = z.object({
  lastSeq: z.number(),
  logHash: z.string(),
  estimates: z.array(
    z.object({
      plannerId: z.string(),
      plannerName: z.string().nullable(),
      eventId: z.string(),
      at: z.string(),
      weights: z.record(z.string(), z.number()),
    }),
  ),
});

// ─── the likelihood table ──────────────────────────────────────────────────────────────────────────────

export const mappingUpdateSchema = z
  .strictObject({
    cells: z
      .record(z.string().regex(/^[A-F][1-6]$/), z.strictObject({ l1: uncertainSchema, l0: uncertainSchema }))
      .optional(),
    statusCredibility: z.strictObject({ corroborated: credibility, confirmed: credibility }).optional(),
    source: text.trim().min(1),
  })
  .refine((m) => m.cells !== undefined || m.statusCredibility !== undefined, {
    message: "give cells or statusCredibility",
  });

export const mappingSchema = z.object({
  lastSeq: z.number(),
  logHash: z.string(),
  source: z.string(),
  statusCredibility: z.object({ corroborated: z.number(), confirmed: z.number() }),
  cells: z.array(
    z.object({
      grade: z.string(),
      reliability: z.string(),
      credibility: z.number(),
      l1: uncertainSchema,
      l0: uncertainSchema,
      /** L1 / L0 at the likely values: how much a claim of this grade multiplies the odds. */
      ratio: z.number(),
      ratioRange: z.object({ min: z.number(), max: z.number() }),
      isDefault: z.boolean(),
    }),
  ),
  history: z.array(historySchema),
});

// ─── report and export ─────────────────────────────────────────────────────────────────────────────────

export const reportQuerySchema = z.strictObject({
  lang: z.enum(["ar", "en"]).default("ar"),
  format: z.enum(["html", "pdf", "json"]).default("html"),
  /** Send as a file to save rather than to show. */
  download: z.enum(["0", "1"]).default("0"),
});

export const logQuerySchema = z.strictObject({ download: z.enum(["0", "1"]).default("0") });
