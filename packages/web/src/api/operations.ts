/**
 * Calls of the search-operations API: the team leader's work, field reports (idempotent), photos, the
 * coordinator's board, assignments, teams, breach tasks, conflicts and recommendations. Shapes follow
 * packages/server/src/ops/schemas.ts; the contract is docs/decisions/ops-api-for-clients.md.
 */
import { ApiError, errorFromBody, queryString, request } from "./client";

export const ASSIGNMENT_STATUSES = ["draft", "assigned", "in_progress", "completed", "aborted"] as const;
export type AssignmentStatus = (typeof ASSIGNMENT_STATUSES)[number];
export const REPORT_OUTCOMES = ["nothing_found", "people_found", "alert", "barrier_met", "hazard"] as const;
export type ReportOutcome = (typeof REPORT_OUTCOMES)[number];
export type ReportStatus = "accepted" | "conflict" | "dismissed";
export type ConflictReason =
  | "assignment_aborted"
  | "assignment_completed"
  | "assignment_not_assigned"
  | "team_changed";
export type Triage = "A" | "B" | "C" | "D";
export const BREACH_TASK_STATUSES = ["open", "in_progress", "done", "cancelled"] as const;
export type BreachTaskStatus = (typeof BREACH_TASK_STATUSES)[number];

export interface Team {
  id: string;
  siteId: string;
  callSign: string;
  name: string;
  organisation: string;
  capabilities: string[];
  methods: string[];
  members: { alias: string; role: string }[];
  leaderUserId: string | null;
  availability: string;
  workLimitMinutes: number;
  shiftStartedAt: string | null;
  notes: string;
  createdAt: string;
  updatedAt: string;
}

export interface AssignmentSegment {
  segmentId: string;
  kind: "space" | "hypothesis";
  label: string;
  levelId: string | null;
  areaM2: number | null;
  worksiteId: string | null;
}

export interface AssignmentTransition {
  seq: number;
  from: AssignmentStatus | null;
  to: AssignmentStatus;
  teamId: string | null;
  at: string;
  actorId: string | null;
  actorName: string;
  reason: string;
  reportId: string | null;
}

export interface Assignment {
  id: string;
  siteId: string;
  teamId: string | null;
  title: string;
  methodId: string;
  plannedMinutes: number;
  asrTarget: number;
  safetyNotes: string;
  notes: string;
  status: AssignmentStatus;
  reportId: string | null;
  segments: AssignmentSegment[];
  transitions: AssignmentTransition[];
  warnings: string[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface AssignmentInput {
  title?: string;
  teamId: string | null;
  methodId: string;
  segmentIds: string[];
  plannedMinutes: number;
  asrTarget?: number;
  safetyNotes?: string;
  notes?: string;
  assign?: boolean;
}

export interface ReportPeople {
  live: number;
  deceased: number;
  condition: string;
}

/** What the phone sends; the same body (and key) on every retry. */
export interface ReportInput {
  idempotencyKey: string;
  outcome: ReportOutcome;
  effortMinutes: number;
  startedAt: string | null;
  endedAt: string | null;
  conditions: string;
  segmentId: string | null;
  people: ReportPeople | null;
  barrier: { openingId: string | null; description: string } | null;
  hazards: string[];
  asr: { segmentId: string; level: 1 | 2 | 3 | 4 | 5 }[];
  notSearched: string[];
  voids: Record<string, "found" | "not_found">;
  triage: Triage | null;
  noFurtherWork: boolean;
  notes: string;
}

export interface Marking {
  segmentId: string;
  label: string;
  worksiteId: string;
  hazards: string[];
  asr: { teamCallSign: string; level: number; at: string }[];
  triage: Triage | null;
  noFurtherWork: boolean;
  victims: { mark: "V"; lines: string[] }[];
  /** The marking drawn with characters, for a monospace block. */
  text: string;
}

export interface Report {
  id: string;
  siteId: string;
  assignmentId: string;
  teamId: string | null;
  idempotencyKey: string;
  status: ReportStatus;
  conflictReason: ConflictReason | null;
  resolution: { by: string; at: string; note: string } | null;
  counted: boolean;
  outcome: ReportOutcome;
  effortMinutes: number;
  startedAt: string | null;
  endedAt: string | null;
  conditions: string;
  segmentId: string | null;
  people: ReportPeople | null;
  barrier: { openingId: string | null; description: string } | null;
  hazards: string[];
  asr: { segmentId: string; level: number }[];
  notSearched: string[];
  voids: Record<string, string>;
  triage: Triage | null;
  noFurtherWork: boolean;
  notes: string;
  searchEventIds: string[];
  breachTaskId: string | null;
  markings: Marking[];
  submittedBy: { id: string | null; name: string };
  receivedAt: string;
}

export interface MyWork {
  teams: Team[];
  assignments: Assignment[];
  conflicts: Report[];
  recentReports: Report[];
}

export interface BreachTask {
  id: string;
  siteId: string;
  openingId: string | null;
  segmentId: string | null;
  reportId: string | null;
  teamId: string | null;
  status: BreachTaskStatus;
  description: string;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  closedBy: string | null;
  closedAt: string | null;
}

export interface BoardTeam {
  team: Team;
  current: Assignment | null;
  queued: Assignment[];
  workedMinutes: number;
  remainingMinutes: number;
}

export interface Board {
  siteId: string;
  teams: BoardTeam[];
  assignments: Record<AssignmentStatus, Assignment[]>;
  openBreachTasks: BreachTask[];
  conflicts: Report[];
  lastSeq: number;
}

export interface OpsLogEntry {
  seq: number;
  at: string;
  type: string;
  entityType: string;
  entityId: string;
  actorName: string;
  summary: Record<string, unknown>;
}

export interface CapabilityCatalogue {
  source: string;
  capabilities: { id: string; description: string; methods: string[]; clears: string[] }[];
  methods: { id: string; name: string; methodClass: string; sweepRate: Record<string, unknown> }[];
}

export interface Recommendation {
  segmentId: string;
  label: string;
  levelId: string | null;
  methodId: string;
  hours: number;
  minutes: number;
  expectedGain: number;
  gainPerHour: number;
  why: { poa: number; podSoFar: number; searches: number; alerts: number; text: string };
}

export interface Recommendations {
  computedAt: string;
  pos: number;
  teams: {
    teamId: string;
    callSign: string;
    methodId: string | null;
    hoursAvailable: number;
    marginalGainPerHour: number;
    recommendations: Recommendation[];
    note: string | null;
  }[];
  blocked: {
    segmentId: string;
    label: string;
    poa: number;
    gainPerHourIfOpen: number;
    betterFor: string[];
    blockedBy: { openingId: string; name: string; kind: string; state: string }[];
    breachTasks: { id: string; status: string }[];
    suggestion: string;
  }[];
  warnings: string[];
}

export interface Attachment {
  id: string;
  siteId: string;
  ownerType: string;
  ownerId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  receivedAt: string;
}

export interface KeyLookup {
  found: { key: string; reportId: string; status: string; counted: boolean }[];
  missing: string[];
}

/** The answer to a report: stored now (201) or a replay of the stored one (200). Both carry the report. */
export interface ReportAnswer {
  report: Report;
  replayed: boolean;
}

const id = (value: string): string => encodeURIComponent(value);

async function readAnswer(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") return null;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError("bad_response", response.status, "the answer is not JSON");
  }
}

async function send(path: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(path, { ...init, credentials: "same-origin" });
  } catch (cause) {
    throw new ApiError("network_error", 0, cause instanceof Error ? cause.message : "network error");
  }
}

export interface TeamInput {
  callSign: string;
  name: string;
  organisation: string;
  capabilities: string[];
  members: { alias: string; role: string }[];
  leaderUserId: string | null;
  availability: string;
  workLimitMinutes: number;
  notes: string;
}

/** An account as the user directory shows it (site editors may read it). */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  roles: string[];
}

export const opsApi = {
  myWork: () => request<MyWork>("GET", "/api/ops/my-work"),
  capabilities: (siteId: string) =>
    request<CapabilityCatalogue>("GET", `/api/sites/${id(siteId)}/ops/capabilities`),

  start: (assignmentId: string, at: string) =>
    request<Assignment>("POST", `/api/assignments/${id(assignmentId)}/start`, { at }),

  /** Sends a report; throws ApiError (with its status) for anything but 200 and 201. */
  async report(assignmentId: string, input: ReportInput): Promise<ReportAnswer> {
    const response = await send(`/api/assignments/${id(assignmentId)}/reports`, {
      method: "POST",
      headers: { accept: "application/json", "content-type": "application/json" },
      body: JSON.stringify(input),
    });
    const body = await readAnswer(response);
    if (!response.ok) throw errorFromBody(response.status, body);
    return { report: body as Report, replayed: response.status === 200 };
  },

  lookupKeys: (siteId: string, keys: string[]) =>
    request<KeyLookup>("POST", `/api/sites/${id(siteId)}/reports/lookup`, { keys }),

  /** Uploads a photo for a stored report: raw bytes with the file's type. */
  async uploadPhoto(siteId: string, reportId: string, file: Blob, fileName: string): Promise<Attachment> {
    const query = queryString({ ownerType: "report", ownerId: reportId, fileName });
    const response = await send(`/api/sites/${id(siteId)}/attachments${query}`, {
      method: "POST",
      headers: {
        accept: "application/json",
        "content-type": file.type || "application/octet-stream",
        "x-athar-csrf": "1",
      },
      body: file,
    });
    const body = await readAnswer(response);
    if (!response.ok) throw errorFromBody(response.status, body);
    return body as Attachment;
  },

  board: (siteId: string) => request<Board>("GET", `/api/sites/${id(siteId)}/ops/board`),
  createTeam: (siteId: string, input: TeamInput) =>
    request<Team>("POST", `/api/sites/${id(siteId)}/teams`, input),
  updateTeam: (teamId: string, input: TeamInput) => request<Team>("PUT", `/api/teams/${id(teamId)}`, input),
  directory: () => request<DirectoryUser[]>("GET", "/api/users/directory"),
  log: (siteId: string, limit = 50) =>
    request<{ entries: OpsLogEntry[] }>("GET", `/api/sites/${id(siteId)}/ops/log${queryString({ limit })}`),
  recommendations: (siteId: string) =>
    request<Recommendations>(
      "GET",
      `/api/sites/${id(siteId)}/recommendations${queryString({ subjectClass: "responsive", horizonHours: 2, perTeam: 3 })}`,
    ),

  createAssignment: (siteId: string, input: AssignmentInput) =>
    request<Assignment>("POST", `/api/sites/${id(siteId)}/assignments`, input),
  assign: (assignmentId: string, teamId?: string) =>
    request<Assignment>("POST", `/api/assignments/${id(assignmentId)}/assign`, teamId ? { teamId } : {}),
  abort: (assignmentId: string, reason: string) =>
    request<Assignment>("POST", `/api/assignments/${id(assignmentId)}/abort`, { reason }),

  resolveConflict: (reportId: string, decision: "accept" | "dismiss", note = "") =>
    request<Report>("POST", `/api/reports/${id(reportId)}/resolve`, { decision, note }),
  setBreachTaskStatus: (taskId: string, status: BreachTaskStatus) =>
    request<BreachTask>("POST", `/api/breach-tasks/${id(taskId)}/status`, { status }),
};
