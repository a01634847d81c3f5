/**
 * Request and response schemas of the search-operations API (teams, assignments, field reports, breach tasks,
 * attachments, board, recommendations). Response schemas also decide what is serialised: a member not
 * declared here never leaves the server.
 */
import { assignments, attachments, breachTasks, fieldReports, opsCapabilities, teams } from "@athar/db";
import { z } from "zod";

const id = z.uuid();
const isoDateTime = z.iso.datetime({ offset: true });
const shortText = z.string().trim().max(200);
const longText = z.string().max(10_000);
/** Segment ids: a space's UUID, or a hypothesis id of the search log. */
const segmentId = z.string().min(1).max(200);

// ─── roles ──────────────────────────────────────────────────────────────────────────────────────────────

export const OPS_ROLES = {
  /** Create, assign and abort assignments; manage teams; settle conflicts. */
  coordinators: ["admin", "coordinator"],
  /** Start assignments and report on them (team leaders only for their own team). */
  fieldLeads: ["admin", "coordinator", "team_lead"],
  /** Send photos and documents. */
  uploaders: ["admin", "coordinator", "team_lead", "field"],
  /** See attachments (photos of people: not the read-only viewer role). */
  attachmentReaders: ["admin", "coordinator", "team_lead", "field", "analyst"],
  /** Ask for recommendations. */
  planners: ["admin", "coordinator", "team_lead", "analyst"],
} as const;

// ─── teams ──────────────────────────────────────────────────────────────────────────────────────────────

export const teamInputSchema = z.strictObject({
  callSign: z.string().trim().min(1).max(40),
  name: shortText.default(""),
  organisation: shortText.default(""),
  capabilities: z.array(z.enum(opsCapabilities.TEAM_CAPABILITIES)).max(20).default([]),
  members: z
    .array(
      z.strictObject({
        alias: z.string().trim().min(1).max(100),
        role: z.string().trim().max(100).default(""),
      }),
    )
    .max(200)
    .default([]),
  leaderUserId: id.nullable().default(null),
  availability: z.enum(teams.TEAM_AVAILABILITIES).default("available"),
  workLimitMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(12 * 60),
  shiftStartedAt: isoDateTime.nullable().default(null),
  notes: longText.default(""),
});

export const teamSchema = z.object({
  id,
  siteId: id,
  callSign: z.string(),
  name: z.string(),
  organisation: z.string(),
  capabilities: z.array(z.string()),
  methods: z.array(z.string()),
  members: z.array(z.object({ alias: z.string(), role: z.string() })),
  leaderUserId: z.string().nullable(),
  availability: z.string(),
  workLimitMinutes: z.number(),
  shiftStartedAt: z.string().nullable(),
  notes: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

const uncertainSchema = z.object({
  min: z.number(),
  likely: z.number(),
  max: z.number(),
  source: z.string(),
  illustrative: z.boolean(),
});

export const methodSchema = z.object({
  id: z.string(),
  name: z.string(),
  methodClass: z.string(),
  sweepRate: z.object({
    responsive: uncertainSchema.optional(),
    unresponsive: uncertainSchema.optional(),
    void: uncertainSchema.optional(),
  }),
  falseAlertRate: uncertainSchema,
  source: z.string(),
  illustrative: z.boolean(),
});

export const capabilityCatalogueSchema = z.object({
  source: z.string(),
  capabilities: z.array(
    z.object({
      id: z.string(),
      description: z.string(),
      methods: z.array(z.string()),
      clears: z.array(z.string()),
    }),
  ),
  methods: z.array(methodSchema),
});

// ─── assignments ────────────────────────────────────────────────────────────────────────────────────────

export const assignmentInputSchema = z.strictObject({
  title: shortText.default(""),
  teamId: id.nullable().default(null),
  methodId: z.string().min(1).max(200),
  segmentIds: z.array(segmentId).min(1).max(200),
  plannedMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60),
  asrTarget: z.number().int().min(1).max(5).default(3),
  safetyNotes: longText.default(""),
  notes: longText.default(""),
});

export const assignmentCreateSchema = assignmentInputSchema.extend({
  /** Create it directly as assigned to `teamId`. */
  assign: z.boolean().default(false),
});

const statusEnum = z.enum(assignments.ASSIGNMENT_STATUSES);

export const assignmentSchema = z.object({
  id,
  siteId: id,
  teamId: z.string().nullable(),
  title: z.string(),
  methodId: z.string(),
  plannedMinutes: z.number(),
  asrTarget: z.number(),
  safetyNotes: z.string(),
  notes: z.string(),
  status: statusEnum,
  reportId: z.string().nullable(),
  segments: z.array(
    z.object({
      segmentId: z.string(),
      kind: z.enum(["space", "hypothesis"]),
      label: z.string(),
      levelId: z.string().nullable(),
      areaM2: z.number().nullable(),
      worksiteId: z.string().nullable(),
    }),
  ),
  transitions: z.array(
    z.object({
      seq: z.number(),
      from: statusEnum.nullable(),
      to: statusEnum,
      teamId: z.string().nullable(),
      at: z.string(),
      actorId: z.string().nullable(),
      actorName: z.string(),
      reason: z.string(),
      reportId: z.string().nullable(),
    }),
  ),
  warnings: z.array(z.string()),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

// ─── field reports ──────────────────────────────────────────────────────────────────────────────────────

const asrLevel = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5)]);
const triage = z.enum(["A", "B", "C", "D"]);

export const reportInputSchema = z.strictObject({
  /** Made by the client before the first attempt (a UUID is best); the same for every retry. */
  idempotencyKey: z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/, "8 to 100 letters, digits, _ . : -"),
  outcome: z.enum(fieldReports.REPORT_OUTCOMES),
  effortMinutes: z
    .number()
    .min(0)
    .max(24 * 60),
  startedAt: isoDateTime.nullable().default(null),
  endedAt: isoDateTime.nullable().default(null),
  conditions: longText.default(""),
  segmentId: segmentId.nullable().default(null),
  people: z
    .strictObject({
      live: z.number().int().min(0).max(10_000),
      deceased: z.number().int().min(0).max(10_000),
      condition: longText.default(""),
    })
    .nullable()
    .default(null),
  barrier: z
    .strictObject({ openingId: id.nullable().default(null), description: longText.min(1) })
    .nullable()
    .default(null),
  hazards: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  asr: z
    .array(z.strictObject({ segmentId, level: asrLevel }))
    .max(200)
    .default([]),
  notSearched: z.array(segmentId).max(200).default([]),
  voids: z.record(segmentId, z.enum(["found", "not_found"])).default({}),
  effortBySegment: z
    .record(
      segmentId,
      z
        .number()
        .min(0)
        .max(24 * 60),
    )
    .nullable()
    .default(null),
  triage: triage.nullable().default(null),
  noFurtherWork: z.boolean().default(false),
  notes: longText.default(""),
});

export const markingSchema = z.object({
  segmentId: z.string(),
  label: z.string(),
  worksiteId: z.string(),
  hazards: z.array(z.string()),
  asr: z.array(z.object({ teamCallSign: z.string(), level: z.number(), at: z.string() })),
  triage: triage.nullable(),
  noFurtherWork: z.boolean(),
  victims: z.array(z.object({ mark: z.literal("V"), lines: z.array(z.string()) })),
  text: z.string(),
});

export const reportSchema = z.object({
  id,
  siteId: id,
  assignmentId: id,
  teamId: z.string().nullable(),
  idempotencyKey: z.string(),
  status: z.enum(fieldReports.REPORT_STATUSES),
  conflictReason: z.enum(fieldReports.CONFLICT_REASONS).nullable(),
  resolution: z.object({ by: z.string(), at: z.string(), note: z.string() }).nullable(),
  counted: z.boolean(),
  outcome: z.enum(fieldReports.REPORT_OUTCOMES),
  effortMinutes: z.number(),
  startedAt: z.string().nullable(),
  endedAt: z.string().nullable(),
  conditions: z.string(),
  segmentId: z.string().nullable(),
  people: z.object({ live: z.number(), deceased: z.number(), condition: z.string() }).nullable(),
  barrier: z.object({ openingId: z.string().nullable(), description: z.string() }).nullable(),
  hazards: z.array(z.string()),
  asr: z.array(z.object({ segmentId: z.string(), level: z.number() })),
  notSearched: z.array(z.string()),
  voids: z.record(z.string(), z.string()),
  effortBySegment: z.record(z.string(), z.number()).nullable(),
  triage: triage.nullable(),
  noFurtherWork: z.boolean(),
  notes: z.string(),
  searchEventIds: z.array(z.string()),
  breachTaskId: z.string().nullable(),
  markings: z.array(markingSchema),
  submittedBy: z.object({ id: z.string().nullable(), name: z.string() }),
  receivedAt: z.string(),
});

// ─── breach tasks ───────────────────────────────────────────────────────────────────────────────────────

export const breachTaskInputSchema = z.strictObject({
  openingId: id.nullable().default(null),
  segmentId: segmentId.nullable().default(null),
  teamId: id.nullable().default(null),
  description: longText.min(1),
});

export const breachTaskSchema = z.object({
  id,
  siteId: id,
  openingId: z.string().nullable(),
  segmentId: z.string().nullable(),
  reportId: z.string().nullable(),
  teamId: z.string().nullable(),
  status: z.enum(breachTasks.BREACH_TASK_STATUSES),
  description: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  closedBy: z.string().nullable(),
  closedAt: z.string().nullable(),
});

// ─── attachments ────────────────────────────────────────────────────────────────────────────────────────

export const attachmentSchema = z.object({
  id,
  siteId: id,
  ownerType: z.enum(attachments.ATTACHMENT_OWNER_TYPES),
  ownerId: z.string(),
  fileName: z.string(),
  mediaType: z.string(),
  description: z.string(),
  sizeBytes: z.number(),
  sha256: z.string(),
  uploadedBy: z.object({ id: z.string().nullable(), name: z.string() }),
  receivedAt: z.string(),
});

export const custodyEntrySchema = z.object({
  seq: z.number(),
  action: z.enum(attachments.CUSTODY_ACTIONS),
  actorId: z.string().nullable(),
  actorName: z.string(),
  at: z.string(),
  detail: z.string(),
});

// ─── board and log ──────────────────────────────────────────────────────────────────────────────────────

export const opsLogEntrySchema = z.object({
  seq: z.number(),
  at: z.string(),
  type: z.string(),
  entityType: z.string(),
  entityId: z.string(),
  actorName: z.string(),
  summary: z.record(z.string(), z.unknown()),
});

export const boardSchema = z.object({
  siteId: id,
  teams: z.array(
    z.object({
      team: teamSchema,
      current: assignmentSchema.nullable(),
      queued: z.array(assignmentSchema),
      workedMinutes: z.number(),
      remainingMinutes: z.number(),
    }),
  ),
  assignments: z.object({
    draft: z.array(assignmentSchema),
    assigned: z.array(assignmentSchema),
    in_progress: z.array(assignmentSchema),
    completed: z.array(assignmentSchema),
    aborted: z.array(assignmentSchema),
  }),
  openBreachTasks: z.array(breachTaskSchema),
  conflicts: z.array(reportSchema),
  lastSeq: z.number(),
});

// ─── recommendations ────────────────────────────────────────────────────────────────────────────────────

const whySchema = z.object({
  poa: z.number(),
  poaBeforeSearch: z.number(),
  podSoFar: z.number(),
  searches: z.number(),
  alerts: z.number(),
  pExists: z.number().nullable(),
  evidence: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      grade: z.string(),
      status: z.string(),
      assertion: z.string(),
      likelihoodRatio: z.number().nullable(),
      summary: z.string().nullable(),
    }),
  ),
  text: z.string(),
});

export const recommendationsSchema = z.object({
  siteId: z.string(),
  subjectClass: z.enum(["responsive", "unresponsive"]),
  horizonHours: z.number(),
  hoursWithoutWater: z.number().nullable(),
  computedAt: z.string(),
  logEvents: z.number(),
  pos: z.number(),
  posAlive: z.number().nullable(),
  teams: z.array(
    z.object({
      teamId: z.string(),
      callSign: z.string(),
      methodId: z.string().nullable(),
      hoursAvailable: z.number(),
      marginalGainPerHour: z.number(),
      recommendations: z.array(
        z.object({
          segmentId: z.string(),
          label: z.string(),
          levelId: z.string().nullable(),
          methodId: z.string(),
          hours: z.number(),
          minutes: z.number(),
          expectedGain: z.number(),
          gainPerHour: z.number(),
          why: whySchema,
        }),
      ),
      note: z.string().nullable(),
    }),
  ),
  blocked: z.array(
    z.object({
      segmentId: z.string(),
      label: z.string(),
      poa: z.number(),
      gainPerHourIfOpen: z.number(),
      betterFor: z.array(z.string()),
      blockedBy: z.array(
        z.object({
          openingId: z.string(),
          name: z.string(),
          kind: z.string(),
          state: z.string(),
          lock: z.string(),
          material: z.string(),
        }),
      ),
      singleBreach: z.boolean(),
      breachTasks: z.array(z.object({ id: z.string(), status: z.string() })),
      canClear: z.array(z.string()),
      suggestion: z.string(),
    }),
  ),
  busySegments: z.array(z.string()),
  warnings: z.array(z.string()),
});
