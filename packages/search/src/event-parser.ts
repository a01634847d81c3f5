import { AtharError, type ErrorDetail } from "@athar/core";
import { z } from "zod";
import { INFORMATION_CREDIBILITIES, SOURCE_RELIABILITIES, VERIFICATION_STATUSES } from "./admiralty";
import type { SearchLogEvent } from "./events";
import type { GradeKey } from "./likelihood-mapping";
import { METHOD_CLASSES, type MethodClassId } from "./methods";
import { ROW_SEGMENT_ID } from "./segment";

/**
 * Validation of untrusted JSON into search-log events. Structure and ranges are checked here; references
 * between events (unknown segment, unknown evidence) are checked by the fold, which knows the order.
 */

export const SEARCH_LOG_FORMAT = "athar.search-log/1";

const id = z.string().min(1).max(200);
const text = z.string().max(10_000);
const isoDateTime = z.iso.datetime({ offset: true });

function uncertainValue(lowest: number, highest: number, lowestExclusive = false) {
  const bound = z.number().refine((v) => (lowestExclusive ? v > lowest : v >= lowest) && v <= highest, {
    message: `must be ${lowestExclusive ? ">" : "≥"} ${lowest} and ≤ ${highest}`,
  });
  return z
    .strictObject({ min: bound, likely: bound, max: bound, source: text.min(1), illustrative: z.boolean() })
    .refine((v) => v.min <= v.likely && v.likely <= v.max, { message: "expected min ≤ likely ≤ max" });
}

const probabilityRange = uncertainValue(0, 1);
const likelihoodRange = uncertainValue(0, 1, true);
const rateRange = uncertainValue(0, Number.MAX_VALUE);

const reliability = z.enum(SOURCE_RELIABILITIES as unknown as [string, ...string[]]) as z.ZodType<
  (typeof SOURCE_RELIABILITIES)[number]
>;
const credibility = z.union(INFORMATION_CREDIBILITIES.map((c) => z.literal(c))) as unknown as z.ZodType<
  (typeof INFORMATION_CREDIBILITIES)[number]
>;
const grade = z.strictObject({ reliability, credibility });
const status = z.enum(VERIFICATION_STATUSES as unknown as [string, ...string[]]) as z.ZodType<
  (typeof VERIFICATION_STATUSES)[number]
>;
const methodClassId = z.enum(Object.keys(METHOD_CLASSES) as [MethodClassId, ...MethodClassId[]]);

const gradeKeys: GradeKey[] = SOURCE_RELIABILITIES.flatMap((r) =>
  INFORMATION_CREDIBILITIES.map((c) => `${r}${c}` as GradeKey),
);
const likelihoodPair = z.strictObject({ l1: likelihoodRange, l0: likelihoodRange });

const base = { id, at: isoDateTime, actor: id.optional() };

const segmentInput = z
  .strictObject({
    id: id.refine((v) => v !== ROW_SEGMENT_ID, {
      message: `"${ROW_SEGMENT_ID}" is reserved for the rest-of-world segment`,
    }),
    kind: z.enum(["space", "hypothesis"]),
    label: text.optional(),
    siteId: id.optional(),
    levelId: id.optional(),
    areaM2: z.number().positive().finite().optional(),
    reachable: z.boolean().optional(),
    weight: z.number().min(0).finite().optional(),
    pExists: z.number().gt(0).max(1).optional(),
  })
  .refine((s) => (s.kind === "hypothesis") === (s.pExists !== undefined), {
    message: "pExists is required for a hypothesis and only for a hypothesis",
    path: ["pExists"],
  });

const evidenceKind = z.enum([
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
]);
const evidenceTarget = z.union([
  z.strictObject({ segmentId: id, about: z.enum(["subjects", "existence"]) }),
  z.strictObject({ levelId: id, about: z.literal("subjects") }),
  z.strictObject({ siteId: id, about: z.literal("subjects") }),
]);
const explicitLikelihood = z.strictObject({
  l1: likelihoodRange,
  l1Unresponsive: likelihoodRange.optional(),
  l0: likelihoodRange,
});

const evidencePoint = z.strictObject({
  x: z.number().finite(),
  y: z.number().finite(),
  levelId: id.optional(),
});

const evidenceRecord = z.strictObject({
  id,
  kind: evidenceKind,
  target: evidenceTarget,
  point: evidencePoint.optional(),
  observedAt: isoDateTime.optional(),
  reportedBy: id,
  reportedThrough: z.array(id).max(100),
  echoOf: id.optional(),
  originRef: text.min(1).optional(),
  grade,
  status,
  statusReason: text.optional(),
  assertion: z.enum(["present", "absent"]),
  likelihood: explicitLikelihood.optional(),
  summary: text.optional(),
});

const evidenceChanges = z.strictObject({
  kind: evidenceKind.optional(),
  target: evidenceTarget.optional(),
  point: evidencePoint.nullable().optional(),
  observedAt: isoDateTime.nullable().optional(),
  reportedBy: id.optional(),
  reportedThrough: z.array(id).max(100).optional(),
  grade: grade.optional(),
  status: status.optional(),
  statusReason: text.nullable().optional(),
  assertion: z.enum(["present", "absent"]).optional(),
  likelihood: explicitLikelihood.nullable().optional(),
  echoOf: id.nullable().optional(),
  originRef: text.min(1).nullable().optional(),
  summary: text.nullable().optional(),
});

const nonNegative = z.number().min(0).finite();
const effort = z.union([
  z.strictObject({ hours: nonNegative }),
  z.strictObject({ coverage: nonNegative }),
  z.strictObject({ sweepWidthM: nonNegative, trackLengthM: nonNegative }),
]);

const detectionMethod = z.strictObject({
  id,
  name: text.min(1),
  methodClass: methodClassId,
  sweepRate: z.strictObject({
    responsive: rateRange.optional(),
    unresponsive: rateRange.optional(),
    void: rateRange.optional(),
  }),
  falseAlertRate: likelihoodRange,
  source: text.min(1),
  illustrative: z.boolean(),
});

const credibilityDigit = z.union([1, 2, 3, 4, 5, 6].map((c) => z.literal(c))) as unknown as z.ZodType<
  1 | 2 | 3 | 4 | 5 | 6
>;

export const searchLogEventSchema = z.discriminatedUnion("type", [
  z.strictObject({ ...base, type: z.literal("segment.added"), segment: segmentInput }),
  z.strictObject({
    ...base,
    type: z.literal("segment.changed"),
    segmentId: id,
    changes: z
      .strictObject({
        label: text.optional(),
        weight: z.number().min(0).finite().optional(),
        pExists: z.number().gt(0).max(1).optional(),
      })
      .refine((c) => Object.keys(c).length > 0, { message: "nothing to change" }),
    reason: text.min(1),
  }),
  z.strictObject({
    ...base,
    type: z.literal("segment.reachability.changed"),
    segmentId: id,
    reachable: z.boolean(),
    reason: text.min(1),
  }),
  z.strictObject({
    ...base,
    type: z.literal("hypothesis.resolved"),
    segmentId: id,
    exists: z.boolean(),
    reason: text.min(1),
  }),
  z.strictObject({
    ...base,
    type: z.literal("planner.estimate.recorded"),
    plannerId: id,
    weights: z.record(id, nonNegative),
  }),
  z.discriminatedUnion("parameter", [
    z.strictObject({
      ...base,
      type: z.literal("parameter.changed"),
      parameter: z.literal("pResponsive"),
      value: probabilityRange,
    }),
    z.strictObject({
      ...base,
      type: z.literal("parameter.changed"),
      parameter: z.literal("rowShare"),
      value: uncertainValue(0, 1, true).refine((v) => v.max < 1, { message: "ROW share must stay below 1" }),
    }),
  ]),
  z.strictObject({ ...base, type: z.literal("method.changed"), method: detectionMethod }),
  z.strictObject({
    ...base,
    type: z.literal("method-class.changed"),
    methodClass: methodClassId,
    cap: z.number().min(0).lt(1),
    reason: text.min(1),
  }),
  z.strictObject({
    ...base,
    type: z.literal("mapping.changed"),
    cells: z.partialRecord(z.enum(gradeKeys as [GradeKey, ...GradeKey[]]), likelihoodPair).optional(),
    statusCredibility: z
      .strictObject({ corroborated: credibilityDigit, confirmed: credibilityDigit })
      .optional(),
    source: text.min(1),
  }),
  z.strictObject({ ...base, type: z.literal("evidence.recorded"), evidence: evidenceRecord }),
  z.strictObject({
    ...base,
    type: z.literal("evidence.changed"),
    evidenceId: id,
    changes: evidenceChanges,
    reason: text.min(1),
  }),
  z.strictObject({ ...base, type: z.literal("evidence.refuted"), evidenceId: id, reason: text.min(1) }),
  z.strictObject({
    ...base,
    type: z.literal("search.completed"),
    search: z.strictObject({
      id,
      segmentId: id,
      methodId: id,
      effort,
      outcome: z.enum(["nothing_found", "alert", "subjects_found"]),
      void: z.enum(["found", "not_found"]).optional(),
      teamId: id.optional(),
      startedAt: isoDateTime.optional(),
      subjectsFound: z.number().int().min(0).optional(),
      notes: text.optional(),
    }),
  }),
]);

function issuesToDetails(issues: readonly z.core.$ZodIssue[], prefix: string): ErrorDetail[] {
  return issues.map((issue) => ({
    path: [prefix, ...issue.path.map(String)].filter((part) => part !== "").join("."),
    message: issue.message,
  }));
}

/** Validates one event; throws AtharError("validation_failed") naming the fields. */
export function parseSearchLogEvent(value: unknown, path = ""): SearchLogEvent {
  const result = searchLogEventSchema.safeParse(value);
  if (!result.success) {
    throw new AtharError(
      "validation_failed",
      `invalid search-log event${path ? ` at ${path}` : ""}`,
      issuesToDetails(result.error.issues, path),
    );
  }
  return result.data as SearchLogEvent;
}

/**
 * Validates a whole log: a JSON array of events, or `{ "format": "athar.search-log/1", "events": [...] }`.
 * Event ids must be unique.
 */
export function parseSearchLog(value: unknown): SearchLogEvent[] {
  let events: unknown = value;
  let prefix = "";
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    if (record.format !== SEARCH_LOG_FORMAT) {
      throw new AtharError(
        "validation_failed",
        `a search log is an array of events or an object with format "${SEARCH_LOG_FORMAT}"`,
        [{ path: "format", message: `expected "${SEARCH_LOG_FORMAT}"` }],
      );
    }
    events = record.events;
    prefix = "events";
  }
  if (!Array.isArray(events)) {
    throw new AtharError("validation_failed", "a search log must hold an array of events", [
      { path: prefix || "(root)", message: "expected an array" },
    ]);
  }
  const details: ErrorDetail[] = [];
  const parsed: SearchLogEvent[] = [];
  const seen = new Set<string>();
  events.forEach((event, index) => {
    const path = prefix ? `${prefix}.${index}` : String(index);
    const result = searchLogEventSchema.safeParse(event);
    if (!result.success) {
      details.push(...issuesToDetails(result.error.issues, path));
      return;
    }
    const data = result.data as SearchLogEvent;
    if (seen.has(data.id)) details.push({ path: `${path}.id`, message: `duplicate event id ${data.id}` });
    seen.add(data.id);
    parsed.push(data);
  });
  if (details.length > 0)
    throw new AtharError("validation_failed", "invalid search log", details.slice(0, 50));
  return parsed;
}

// Compile-time proof that the schema produces exactly the plain event types.
type ParsedEvent = z.infer<typeof searchLogEventSchema>;
const _schemaMatchesTypes = (event: ParsedEvent): SearchLogEvent => event;
void _schemaMatchesTypes;
