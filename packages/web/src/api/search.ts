/**
 * Calls of the search API: the heat-map state, evidence, hypotheses, planners' estimates, the likelihood table,
 * the coverage report and the log export. Shapes follow packages/server/src/search/schemas.ts.
 */
import { queryString, request } from "./client";

export type SubjectClassChoice = "combined" | "responsive" | "unresponsive";

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
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const RELIABILITIES = ["A", "B", "C", "D", "E", "F"] as const;
export type Reliability = (typeof RELIABILITIES)[number];
export const CREDIBILITIES = [1, 2, 3, 4, 5, 6] as const;
export type Credibility = (typeof CREDIBILITIES)[number];
export const VERIFICATION_STATUSES = ["unverified", "corroborated", "confirmed", "refuted"] as const;
export type VerificationStatus = (typeof VERIFICATION_STATUSES)[number];

export interface ClassFigures {
  responsive: number;
  unresponsive: number;
  combined: number;
}

export interface SegmentState {
  segmentId: string;
  kind: "space" | "hypothesis";
  label: string | null;
  levelId: string | null;
  poa: number;
  poaBeforeSearch: number;
  pod: number;
  poaByClass: ClassFigures;
  podByClass: ClassFigures;
  pExists: number | null;
  pExistsPrior: number | null;
  resolved: boolean | null;
  reachable: boolean;
  searches: number;
  alerts: number;
  subjectsFound: number;
  evidenceCounted: number;
  evidenceTotal: number;
}

export interface SearchState {
  siteId: string;
  subjectClass: SubjectClassChoice;
  lastSeq: number;
  eventCount: number;
  logHash: string;
  pos: ClassFigures;
  classPosterior: { responsive: number; unresponsive: number };
  headline: {
    posResponsive: number;
    posUnresponsive: number;
    posCombined: number;
    remainingSearchedSpaces: number;
    remainingUnsearchedSpaces: number;
    remainingHypotheses: number;
    remainingRow: number;
  };
  row: { poa: number; poaBeforeSearch: number };
  maxPoa: number;
  segments: SegmentState[];
  unsyncedSpaces: number;
  warnings: string[];
}

export interface UncertainValue {
  min: number;
  likely: number;
  max: number;
  source: string;
  illustrative: boolean;
}

export interface HistoryEntry {
  eventId: string;
  seq: number;
  type: string;
  at: string;
  recordedBy: string | null;
  recordedByName: string | null;
  reason: string | null;
  changed: string[];
}

export interface Grade {
  reliability: Reliability;
  credibility: Credibility;
}

export interface Evidence {
  id: string;
  number: number;
  kind: EvidenceKind;
  /** One of segmentId, levelId, siteId: a segment, a whole level or the whole site. */
  target: {
    segmentId: string | null;
    levelId: string | null;
    siteId: string | null;
    about: "subjects" | "existence";
  };
  segment: { label: string | null; kind: string; levelId: string | null };
  point: { x: number; y: number; levelId: string | null } | null;
  observedAt: string | null;
  reportedBy: string;
  reportedThrough: string[];
  echoOf: string | null;
  originRef: string | null;
  grade: Grade;
  status: VerificationStatus;
  statusReason: string | null;
  assertion: "present" | "absent";
  summary: string | null;
  likelihood: { l1: UncertainValue; l1Unresponsive?: UncertainValue; l0: UncertainValue } | null;
  counted: boolean;
  note: "echo" | "refuted" | null;
  countedAs: string;
  used: {
    l1Responsive: number;
    l1Unresponsive: number;
    l0: number;
    from: string;
    grade: string | null;
    oddsFactor: number;
  } | null;
  possibleEchoOf: string[];
  recordedAt: string;
  recordedBy: string | null;
  recordedByName: string | null;
  history: HistoryEntry[];
}

export type Where =
  | { segmentId: string }
  | { levelId: string; x: number; y: number }
  | { levelId: string }
  | { site: true };

export interface EvidenceInput {
  kind: EvidenceKind;
  where: Where;
  about?: "subjects" | "existence";
  observedAt?: string;
  reportedBy: string;
  reportedThrough?: string[];
  echoOf?: string;
  originRef?: string;
  grade: Grade;
  status?: VerificationStatus;
  statusReason?: string;
  assertion?: "present" | "absent";
  summary?: string;
}

export interface EvidenceChanges {
  kind?: EvidenceKind;
  where?: Where;
  about?: "subjects" | "existence";
  observedAt?: string | null;
  reportedBy?: string;
  reportedThrough?: string[];
  echoOf?: string | null;
  originRef?: string | null;
  grade?: Grade;
  status?: VerificationStatus;
  statusReason?: string | null;
  assertion?: "present" | "absent";
  summary?: string | null;
}

export interface Hypothesis {
  segmentId: string;
  label: string | null;
  levelId: string | null;
  isSpace: boolean;
  areaM2: number | null;
  weight: number;
  reachable: boolean;
  pExistsPrior: number;
  pExists: number;
  poa: number;
  podVoid: number;
  resolved: boolean | null;
  searches: number;
  evidenceCounted: number;
  history: HistoryEntry[];
}

export interface HypothesisInput {
  label: string;
  levelId: string | null;
  pExists: number;
  weight?: number;
  areaM2?: number;
  reachable?: boolean;
  reason?: string;
}

export interface MappingCell {
  grade: string;
  reliability: Reliability;
  credibility: Credibility;
  l1: UncertainValue;
  l0: UncertainValue;
  ratio: number;
  ratioRange: { min: number; max: number };
  isDefault: boolean;
}

export interface Mapping {
  lastSeq: number;
  logHash: string;
  source: string;
  statusCredibility: { corroborated: number; confirmed: number };
  cells: MappingCell[];
  history: HistoryEntry[];
}

export interface MappingUpdate {
  cells?: Record<string, { l1: UncertainValue; l0: UncertainValue }>;
  statusCredibility?: { corroborated: Credibility; confirmed: Credibility };
  source: string;
}

interface Written {
  lastSeq: number;
  logHash: string;
}

const id = (value: string): string => encodeURIComponent(value);
const base = (siteId: string) => `/api/sites/${id(siteId)}/search`;

export const searchApi = {
  state: (siteId: string, subjectClass: SubjectClassChoice) =>
    request<SearchState>("GET", `${base(siteId)}/state${queryString({ subjectClass })}`),
  sync: (siteId: string) => request<Written & { added: number }>("POST", `${base(siteId)}/sync`, {}),

  evidence: (siteId: string) =>
    request<Written & { evidence: Evidence[] }>("GET", `${base(siteId)}/evidence`),
  recordEvidence: (siteId: string, input: EvidenceInput) =>
    request<Written & { evidence: Evidence }>("POST", `${base(siteId)}/evidence`, input),
  changeEvidence: (siteId: string, evidenceId: string, changes: EvidenceChanges, reason: string) =>
    request<Written & { evidence: Evidence }>("PUT", `${base(siteId)}/evidence/${id(evidenceId)}`, {
      changes,
      reason,
    }),

  hypotheses: (siteId: string) =>
    request<Written & { hypotheses: Hypothesis[] }>("GET", `${base(siteId)}/hypotheses`),
  addHypothesis: (siteId: string, input: HypothesisInput) =>
    request<Written & { hypothesis: Hypothesis }>("POST", `${base(siteId)}/hypotheses`, input),
  changeHypothesis: (
    siteId: string,
    segmentId: string,
    changes: { pExists?: number; label?: string; weight?: number; reason: string },
  ) =>
    request<Written & { hypothesis: Hypothesis }>(
      "PUT",
      `${base(siteId)}/hypotheses/${id(segmentId)}`,
      changes,
    ),
  resolveHypothesis: (siteId: string, segmentId: string, exists: boolean, reason: string) =>
    request<Written & { hypothesis: Hypothesis }>(
      "POST",
      `${base(siteId)}/hypotheses/${id(segmentId)}/resolution`,
      { exists, reason },
    ),

  mapping: (siteId: string) => request<Mapping>("GET", `${base(siteId)}/mapping`),
  changeMapping: (siteId: string, update: MappingUpdate) =>
    request<Mapping>("PUT", `${base(siteId)}/mapping`, update),

  reportUrl: (siteId: string, lang: "ar" | "en", format: "html" | "pdf" | "json", download = false) =>
    `${base(siteId)}/report${queryString({ lang, format, download: download ? "1" : undefined })}`,
  logUrl: (siteId: string) => `${base(siteId)}/log?download=1`,
};
