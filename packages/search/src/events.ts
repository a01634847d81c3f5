import type { AdmiraltyGrade, VerificationStatus } from "./admiralty";
import type { GradeKey, LikelihoodPair } from "./likelihood-mapping";
import type { DetectionMethod, MethodClassId } from "./methods";
import type { UncertainValue } from "./uncertain-value";

/**
 * The search log: every change to segments, evidence, parameters and every search is an event, and every
 * probability the engine reports is a pure function of the ordered list of events (see fold.ts). These are
 * plain types; event-parser.ts validates untrusted JSON into them.
 */

interface EventBase {
  /** Unique within the log. */
  id: string;
  /** ISO 8601 date-time with offset, e.g. 2024-12-09T14:30:00Z. */
  at: string;
  /** Who recorded it (a user or team id). */
  actor?: string;
}

export interface SegmentInput {
  id: string;
  kind: "space" | "hypothesis";
  label?: string;
  siteId?: string;
  levelId?: string;
  areaM2?: number;
  /** Default true; false for a space behind an unbreached barrier. */
  reachable?: boolean;
  /** Default 1. Used when no planner estimate exists. */
  weight?: number;
  /** Required for hypotheses, in (0, 1]. */
  pExists?: number;
}

export interface SegmentAddedEvent extends EventBase {
  type: "segment.added";
  segment: SegmentInput;
}

/**
 * Corrects a segment after it was added: its label, its weight (used when no planner has estimated) or, for a
 * hypothesis, its prior probability of existing. Everything is recomputed from the new prior.
 */
export interface SegmentChanges {
  label?: string;
  weight?: number;
  /** Hypotheses only, in (0, 1]. */
  pExists?: number;
}

export interface SegmentChangedEvent extends EventBase {
  type: "segment.changed";
  segmentId: string;
  changes: SegmentChanges;
  reason: string;
}

export interface SegmentReachabilityChangedEvent extends EventBase {
  type: "segment.reachability.changed";
  segmentId: string;
  reachable: boolean;
  reason: string;
}

/** A hypothesis settled for certain: a breach opened it (exists) or showed solid ground (does not exist). */
export interface HypothesisResolvedEvent extends EventBase {
  type: "hypothesis.resolved";
  segmentId: string;
  exists: boolean;
  reason: string;
}

/** One planner's POA estimate (unnormalised weights by segment id; ROW may be included). */
export interface PlannerEstimateRecordedEvent extends EventBase {
  type: "planner.estimate.recorded";
  plannerId: string;
  weights: Record<string, number>;
}

export type ModelParameterName = "pResponsive" | "rowShare";

export interface ParameterChangedEvent extends EventBase {
  type: "parameter.changed";
  parameter: ModelParameterName;
  value: UncertainValue;
}

/** Adds a detection method to the catalogue or replaces the one with the same id. */
export interface MethodChangedEvent extends EventBase {
  type: "method.changed";
  method: DetectionMethod;
}

/** Changes the cap on cumulative POD of a method class. */
export interface MethodClassChangedEvent extends EventBase {
  type: "method-class.changed";
  methodClass: MethodClassId;
  cap: number;
  reason: string;
}

export interface MappingChangedEvent extends EventBase {
  type: "mapping.changed";
  cells?: Partial<Record<GradeKey, LikelihoodPair>>;
  statusCredibility?: { corroborated: 1 | 2 | 3 | 4 | 5 | 6; confirmed: 1 | 2 | 3 | 4 | 5 | 6 };
  source: string;
}

export type EvidenceKind =
  | "testimony"
  | "cctv"
  | "social_media"
  | "official_statement"
  | "canine_alert"
  | "acoustic"
  | "thermal"
  | "gpr"
  | "visual"
  | "document";

/**
 * What a claim is about: one segment, or every segment of a level or of a site (a claim such as "people are
 * held in the basement" multiplies the odds of the whole level against everything else). Exactly one of
 * `segmentId`, `levelId`, `siteId` is given; claims about a level or a site are about people (`subjects`).
 */
export interface EvidenceTarget {
  segmentId?: string;
  levelId?: string;
  siteId?: string;
  /** A claim about people in the segment, or about whether a hypothesised space exists. */
  about: "subjects" | "existence";
}

/**
 * Likelihoods given directly (an instrument with a known alert rate, say) instead of through the grade
 * mapping. `l1` applies to both subject classes unless `l1Unresponsive` is given: a knock response can only
 * come from a responsive person, so for it set l1Unresponsive = l0.
 */
export interface ExplicitLikelihood {
  l1: UncertainValue;
  l1Unresponsive?: UncertainValue;
  l0: UncertainValue;
}

export interface EvidenceRecord {
  id: string;
  kind: EvidenceKind;
  target: EvidenceTarget;
  /** Where on the plan, when known more precisely than the segment (local metres). */
  point?: { x: number; y: number; levelId?: string };
  observedAt?: string;
  /** The original source (a pseudonymous id: never a real name of an informant). */
  reportedBy: string;
  /** Who passed it on, in order, from the source to us. */
  reportedThrough: string[];
  /** This record repeats another (a repost, a forwarded message): the group counts once. */
  echoOf?: string;
  /** An external reference of the original report (a post URL, a message id): records sharing it are one. */
  originRef?: string;
  grade: AdmiraltyGrade;
  status: VerificationStatus;
  statusReason?: string;
  /** "present": people are there / the space exists. "absent": nobody is there / the space does not exist. */
  assertion: "present" | "absent";
  likelihood?: ExplicitLikelihood;
  summary?: string;
}

export interface EvidenceRecordedEvent extends EventBase {
  type: "evidence.recorded";
  evidence: EvidenceRecord;
}

/** Fields to change; null clears an optional field. */
export interface EvidenceChanges {
  kind?: EvidenceKind;
  target?: EvidenceTarget;
  point?: { x: number; y: number; levelId?: string } | null;
  observedAt?: string | null;
  reportedBy?: string;
  reportedThrough?: string[];
  grade?: AdmiraltyGrade;
  status?: VerificationStatus;
  statusReason?: string | null;
  assertion?: "present" | "absent";
  likelihood?: ExplicitLikelihood | null;
  echoOf?: string | null;
  originRef?: string | null;
  summary?: string | null;
}

export interface EvidenceChangedEvent extends EventBase {
  type: "evidence.changed";
  evidenceId: string;
  changes: EvidenceChanges;
  reason: string;
}

export interface EvidenceRefutedEvent extends EventBase {
  type: "evidence.refuted";
  evidenceId: string;
  reason: string;
}

/** Effort of one search: hours of the method, an explicit coverage, or a track with its sweep width. */
export type SearchEffort =
  | { hours: number }
  | { coverage: number }
  | { sweepWidthM: number; trackLengthM: number };

/**
 * What the search found of people (for the subject classes its method detects):
 * nothing_found: nobody. alert: an ambiguous positive (a dog's alert, a knock answered, a thermal signature),
 * weighed with the method's single-look POD and false-alert rate. subjects_found: people were found and
 * brought out; the search still counts as covering the segment for anyone else, because the model's subject
 * is a person not yet found (docs/decisions/search-found-people.md). A method that detects no people (radar)
 * reports nothing_found.
 */
export type SearchOutcome = "nothing_found" | "alert" | "subjects_found";

export interface SearchRecord {
  id: string;
  segmentId: string;
  methodId: string;
  effort: SearchEffort;
  outcome: SearchOutcome;
  /**
   * For a hypothesis searched by a method that detects voids (radar, breach): did it indicate a space?
   * Required in that case, not allowed otherwise. "found" is weighed like an alert; certainty about the
   * space comes from a hypothesis.resolved event.
   */
  void?: "found" | "not_found";
  teamId?: string;
  startedAt?: string;
  subjectsFound?: number;
  notes?: string;
}

export interface SearchCompletedEvent extends EventBase {
  type: "search.completed";
  search: SearchRecord;
}

export type SearchLogEvent =
  | SegmentAddedEvent
  | SegmentChangedEvent
  | SegmentReachabilityChangedEvent
  | HypothesisResolvedEvent
  | PlannerEstimateRecordedEvent
  | ParameterChangedEvent
  | MethodChangedEvent
  | MethodClassChangedEvent
  | MappingChangedEvent
  | EvidenceRecordedEvent
  | EvidenceChangedEvent
  | EvidenceRefutedEvent
  | SearchCompletedEvent;

export type SearchLogEventType = SearchLogEvent["type"];
