/**
 * Request and response schemas of the site-analysis API (IMDF import and export, hidden-space candidates,
 * hypotheses, breach-aware routes). Response schemas also decide what is serialised.
 */
import { levelSchema, SPACE_KINDS, spaceSchema } from "@athar/core";
import { BREACH_TOOLS, TEAM_CAPABILITIES, VOID_REASONS } from "@athar/plans";
import { z } from "zod";
import { assignmentSchema, breachTaskSchema } from "../ops/schemas";

const point = z.tuple([z.number(), z.number()]);
const timeRange = z.object({ min: z.number(), likely: z.number(), max: z.number() });

// ─── import ─────────────────────────────────────────────────────────────────────────────────────────────

export const importQuerySchema = z.strictObject({
  /** Import into this existing, empty site; without it a new site is created. */
  siteId: z.uuid().optional(),
  /** Name of the new site (default: the venue's name in the archive). */
  name: z.string().trim().min(1).max(200).optional(),
  /** keep: the archive's ids (refused if any is in use); new: fresh ids; auto: keep unless in use. */
  ids: z.enum(["auto", "keep", "new"]).default("auto"),
  /** The uploaded file's name, recorded with the import. */
  fileName: z.string().trim().min(1).max(255).default("archive.zip"),
});

const problemSchema = z.object({
  severity: z.enum(["error", "warning"]),
  file: z.string(),
  featureId: z.string().nullable(),
  rule: z.string(),
  message: z.string(),
});

const totalsSchema = z.object({
  buildings: z.number(),
  levels: z.number(),
  spaces: z.number(),
  openings: z.number(),
  walls: z.number(),
  footprints: z.number(),
  relationships: z.number(),
});

export const importPreviewSchema = z.object({
  site: z.object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    refLat: z.number().nullable(),
    refLon: z.number().nullable(),
  }),
  language: z.string(),
  totals: totalsSchema,
  otherFiles: z.array(z.string()),
  levels: z.array(
    z.object({
      id: z.string(),
      buildingId: z.string(),
      name: z.string(),
      ordinal: z.number(),
      status: z.string(),
      spaces: z.partialRecord(z.enum(SPACE_KINDS), z.number()),
      suspectedSpaces: z.number(),
      openings: z.number(),
      walls: z.number(),
      hasOutline: z.boolean(),
    }),
  ),
  warnings: z.array(problemSchema),
  idsInUse: z.number(),
  source: z.object({ name: z.string(), sha256: z.string(), bytes: z.number() }),
  /** The site the archive would go into, when one was named; `empty` false means the commit will be refused. */
  target: z.object({ siteId: z.string(), empty: z.boolean() }).nullable(),
  /** What the site model does not hold and is kept beside it (see the decision record). */
  keptBesideModel: z.array(z.string()),
});

export const importOutcomeSchema = z.object({
  siteId: z.string(),
  createdSite: z.boolean(),
  keptIds: z.boolean(),
  totals: totalsSchema,
  warnings: z.number(),
});

// ─── hidden-space analysis ──────────────────────────────────────────────────────────────────────────────

export const candidateSchema = z.object({
  id: z.string(),
  buildingId: z.string(),
  levelId: z.string().nullable(),
  levelOrdinal: z.number(),
  polygon: z.array(point),
  areaM2: z.number(),
  inscribedRadiusM: z.number(),
  score: z.number(),
  reasons: z.array(z.enum(VOID_REASONS)),
  evidence: z.array(
    z.object({
      reason: z.enum(VOID_REASONS),
      strength: z.number(),
      detail: z.string(),
      featureIds: z.array(z.string()),
    }),
  ),
  /** A suspected space of the plan that lies on this candidate (a hypothesis made from it, or drawn by hand). */
  suspectedSpaceId: z.string().nullable(),
});

export const voidsResponseSchema = z.object({
  /** Version of the plan the analysis ran on (a fingerprint); send it back with a hypothesis. */
  planVersion: z.string(),
  importedFrom: z.object({ name: z.string(), sha256: z.string(), importedAt: z.string() }).nullable(),
  candidates: z.array(candidateSchema),
  levels: z.array(
    z.object({
      levelId: z.string(),
      resolutionM: z.number(),
      residualAreaM2: z.number(),
      interiorWallM: z.number().nullable(),
      exteriorWallM: z.number().nullable(),
      roomWidthThresholdM: z.number(),
      skipped: z.string().nullable(),
    }),
  ),
  /** The score ranks candidates; it is not a calibrated probability. */
  scoreIsCalibrated: z.literal(false),
});

export const hypothesisBodySchema = z.strictObject({
  candidateId: z.string().min(1).max(300),
  /** Prior probability that the space exists, set by the coordinator. */
  prior: z.number().gt(0).max(1),
  createSpace: z.boolean().default(true),
  /** planVersion of the analysis the coordinator looked at; refused with 409 if the plan changed since. */
  planVersion: z.string().max(100).optional(),
});

export const hypothesisResponseSchema = z.object({
  segmentId: z.string(),
  eventId: z.string(),
  prior: z.number(),
  space: spaceSchema.nullable(),
  level: levelSchema.nullable(),
});

// ─── routes ─────────────────────────────────────────────────────────────────────────────────────────────

const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((value) => value === "true" || value === "1")
  .optional();

export const routeOptionsQuery = {
  tool: z.enum(BREACH_TOOLS).optional(),
  capability: z.enum(TEAM_CAPABILITIES).optional(),
  keys: flag,
  badges: flag,
  codes: flag,
  power: z.enum(["on", "off"]).optional(),
};

const place = z.string().min(1).max(300);

export const routeQuerySchema = z.strictObject({
  /** A space id, `outside`, or `candidate:<id>`. */
  from: place,
  to: place,
  maxBreaches: z.coerce.number().int().min(0).max(50).optional(),
  ...routeOptionsQuery,
});

const routeOptionsBody = z.strictObject({
  tool: z.enum(BREACH_TOOLS).optional(),
  capability: z.enum(TEAM_CAPABILITIES).optional(),
  keys: z.boolean().optional(),
  badges: z.boolean().optional(),
  codes: z.boolean().optional(),
  power: z.enum(["on", "off"]).optional(),
});

const placeSchema = z.object({
  id: z.string(),
  kind: z.enum(["outside", "space", "candidate"]),
  /** English, as the server writes it in assignment notes; clients build their own from the fields below. */
  label: z.string(),
  name: z.string().nullable(),
  spaceKind: z.string().nullable(),
  areaM2: z.number().nullable(),
  levelId: z.string().nullable(),
  levelName: z.string().nullable(),
  levelOrdinal: z.number().nullable(),
  /** Where to draw it (local metres): the centroid of the space or candidate. */
  point: point.nullable(),
});

const stepSchema = z.object({
  from: z.string(),
  to: z.string(),
  kind: z.string(),
  featureId: z.string().nullable(),
  mode: z.string(),
  breach: z.boolean(),
  time: timeRange,
  detail: z.string(),
  /** Where the step crosses: the opening, the wall breached, the slab or stairs (local metres). */
  via: point.nullable(),
  viaLevelId: z.string().nullable(),
  /** The opening's kind (door, hatch …) or the stairs' space kind, and its name, when the step uses one. */
  featureKind: z.string().nullable(),
  featureName: z.string().nullable(),
});

const routeSchema = z.object({
  objective: z.enum(["fastest", "fewest_breaches", "fastest_within_breaches"]),
  maxBreaches: z.number().nullable(),
  steps: z.array(stepSchema),
  total: z.object({ time: timeRange, breaches: z.number() }),
});

export const routeResponseSchema = z.object({
  planVersion: z.string(),
  from: placeSchema,
  to: placeSchema,
  /** Places named by the steps, by id. */
  places: z.record(z.string(), placeSchema),
  fastest: routeSchema.nullable(),
  fewestBreaches: routeSchema.nullable(),
  withinBreaches: routeSchema.nullable(),
  options: z.object({
    tool: z.string(),
    capability: z.string(),
    keys: z.boolean(),
    badges: z.boolean(),
    codes: z.boolean(),
    power: z.string(),
  }),
  /** The cost table behind the times is illustrative (uncalibrated); see GET …/breach-costs. */
  costsIllustrative: z.boolean(),
});

export const routeAssignmentBodySchema = z.strictObject({
  from: place,
  to: place,
  objective: z.enum(["fastest", "fewest_breaches", "fastest_within_breaches"]).default("fastest"),
  maxBreaches: z.number().int().min(0).max(50).optional(),
  options: routeOptionsBody.default({}),
  teamId: z.uuid().nullable().default(null),
  assign: z.boolean().default(false),
  title: z.string().trim().max(200).optional(),
});

export const routeAssignmentResponseSchema = z.object({
  assignment: assignmentSchema,
  breachTasks: z.array(breachTaskSchema),
  route: routeSchema,
});
