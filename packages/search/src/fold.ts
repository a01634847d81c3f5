import { AtharError } from "@athar/core";
import type {
  EvidenceRecord,
  ExplicitLikelihood,
  PlannerEstimateRecordedEvent,
  SearchEffort,
  SearchLogEvent,
  SearchRecord,
} from "./events";
import { hypothesisPrior } from "./hypothesis";
import {
  defaultLikelihoodMapping,
  effectiveGrade,
  type GradeKey,
  gradeKey,
  type LikelihoodMapping,
} from "./likelihood-mapping";
import { mattsonConsensus } from "./mattson";
import {
  DEFAULT_METHODS,
  type DetectionMethod,
  METHOD_CLASSES,
  type MethodClass,
  type MethodClassId,
} from "./methods";
import { DEFAULT_MODEL_PARAMETERS, type ModelParameters } from "./model-parameters";
import { ROW_SEGMENT_ID, type Segment, SUBJECT_CLASSES, type SubjectClass } from "./segment";
import type { Scenario, UncertainValue } from "./uncertain-value";

/**
 * The fold: probabilities as a pure function of the event log.
 *
 * The belief is a joint distribution over (segment, subject class), kept as unnormalised masses per segment:
 *   m_before[c][a] = P(c) · base_a · (evidence likelihood ratios on a) · (existence factor of a)
 *   m_after[c][a]  = m_before[c][a] · (probability every search of a missed a class-c person)
 * Every update in the model (a negative search, a graded claim, an alert, existence evidence about a
 * hypothesis) multiplies the masses of one segment, so the order of events does not change the result and a
 * log of any length folds in time linear in its length. Normalising gives the POA; the cumulative POS is
 * 1 − Σ m_after / Σ m_before (the share of the evidence-based belief that the searches have covered).
 *
 * Within a method class, looks share blind spots: the class's non-detection is max(1 − cap, e^(−ΣC)).
 * Hypotheses use the existence model in hypothesis.ts; their factor relative to the other segments is
 * π_h(now) / π_h(prior). Void searches (radar, breach) are observations of the space, not of the person:
 * they move π_h like existence evidence and do not count in the POS.
 */

export interface ClassFigures {
  responsive: number;
  unresponsive: number;
  /** Both classes weighted by their probability. */
  combined: number;
}

export interface SegmentResult {
  segment: Segment;
  /** Posterior P(the person is here), both classes together. */
  poa: number;
  /** Posterior P(here | subject of this class). */
  poaByClass: Record<SubjectClass, number>;
  /** The same before the negative searches (evidence only): the weights for aggregating POD. */
  poaBeforeSearch: number;
  poaBeforeSearchByClass: Record<SubjectClass, number>;
  /** Cumulative POD of all searches here for a person of each class (capped per method class). */
  pod: Record<SubjectClass, number>;
  /** The same for a person of either class, weighted by the class probabilities here before the searches. */
  podCombined: number;
  /** Hypotheses: cumulative probability that the void-detecting searches would have found the space. */
  podVoid?: number;
  /** Hypotheses: probability that the space exists, now and before anything was observed. */
  pExists?: number;
  pExistsPrior?: number;
  /** Hypotheses settled for certain. */
  resolved?: boolean;
  searches: number;
  alerts: number;
  subjectsFound: number;
  methodsUsed: string[];
  /** Method classes whose cap on cumulative POD limits this segment's POD. */
  capsReached: MethodClassId[];
}

export interface EvidenceResult {
  record: EvidenceRecord;
  /** Records with the same key are one report (an original and its echoes). */
  groupKey: string;
  counted: boolean;
  /** Why a record is not counted. */
  note?: "echo" | "refuted";
  /** The id of the record that counts for this group. */
  countedAs: string;
  likelihood?: {
    l1: Record<SubjectClass, number>;
    l0: number;
    from: "mapping" | "explicit";
    grade?: GradeKey;
  };
}

export interface PosPoint {
  at: string;
  eventId: string;
  pos: ClassFigures;
}

export interface TimelineEntry {
  at: string;
  eventId: string;
  type: SearchLogEvent["type"];
  actor?: string;
  segmentId?: string;
  methodId?: string;
  outcome?: string;
  evidenceId?: string;
  grade?: string;
  status?: string;
  /** POD of this one search for each class it can detect. */
  pod?: Partial<Record<SubjectClass, number>>;
}

export interface SearchState {
  segments: SegmentResult[];
  /** Posterior probability of each subject class. */
  classPosterior: Record<SubjectClass, number>;
  /** Cumulative probability of success of all searches so far. */
  pos: ClassFigures;
  evidence: EvidenceResult[];
  methods: DetectionMethod[];
  methodClasses: Record<MethodClassId, MethodClass>;
  mapping: LikelihoodMapping;
  parameters: ModelParameters;
  plannerEstimates: number;
  timeline: TimelineEntry[];
  posSeries: PosPoint[];
  /** Every uncertain quantity the result depends on, by id (the sensitivity analysis varies these). */
  uncertainQuantities: Map<string, UncertainValue>;
  warnings: string[];
  eventCount: number;
}

export interface FoldOptions {
  /** Which point of each uncertain quantity to use, by quantity id; default likely everywhere. */
  scenarioOf?: (quantityId: string) => Scenario;
  /** Record the timeline and the cumulative-POS series (default true). */
  history?: boolean;
}

const METHOD_CLASS_IDS = Object.keys(METHOD_CLASSES) as MethodClassId[];
const CLASS_COUNT = METHOD_CLASS_IDS.length;
const methodClassIndex = new Map(METHOD_CLASS_IDS.map((id, i) => [id, i]));
const RESPONSIVE = 0;
const UNRESPONSIVE = 1;
/** Evidence log-factors are clamped so that absurd piles of claims cannot overflow a double. */
const MAX_LOG_FACTOR = 600;

interface Slot {
  segment: Segment;
  index: number;
  base: number;
  pi0: number;
  evidenceLog: Float64Array;
  alertLog: Float64Array;
  existenceEvidenceLog: number;
  existenceAlertLog: number;
  coverage: Float64Array;
  voidCoverage: Float64Array;
  resolved: boolean | undefined;
  searches: SearchRecord[];
  alerts: number;
  subjectsFound: number;
  before: Float64Array;
  after: Float64Array;
}

function newSlot(segment: Segment, index: number): Slot {
  return {
    segment,
    index,
    base: 0,
    pi0: 1,
    evidenceLog: new Float64Array(2),
    alertLog: new Float64Array(2),
    existenceEvidenceLog: 0,
    existenceAlertLog: 0,
    coverage: new Float64Array(2 * CLASS_COUNT),
    voidCoverage: new Float64Array(CLASS_COUNT),
    resolved: undefined,
    searches: [],
    alerts: 0,
    subjectsFound: 0,
    before: new Float64Array(2),
    after: new Float64Array(2),
  };
}

const logit = (p: number): number => Math.log(p) - Math.log1p(-p);
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const clampLog = (x: number): number => Math.max(-MAX_LOG_FACTOR, Math.min(MAX_LOG_FACTOR, x));

function fail(index: number, message: string, field = ""): never {
  throw new AtharError("validation_failed", message, [
    { path: `events.${index}${field ? `.${field}` : ""}`, message },
  ]);
}

export function foldSearchLog(events: readonly SearchLogEvent[], options: FoldOptions = {}): SearchState {
  return new LogFold(options).run(events);
}

class LogFold {
  private readonly scenarioOf: (id: string) => Scenario;
  private readonly history: boolean;
  private readonly slots: Slot[] = [];
  private readonly slotById = new Map<string, Slot>();
  private readonly methods = new Map<string, DetectionMethod>(DEFAULT_METHODS.map((m) => [m.id, m]));
  private readonly methodClasses: Record<MethodClassId, MethodClass> = { ...METHOD_CLASSES };
  private mapping: LikelihoodMapping = defaultLikelihoodMapping();
  private readonly parameters: ModelParameters = { ...DEFAULT_MODEL_PARAMETERS };
  private readonly estimates = new Map<string, PlannerEstimateRecordedEvent>();
  private readonly evidence = new Map<string, EvidenceRecord>();
  private readonly searchIds = new Set<string>();
  private readonly used = new Map<string, UncertainValue>();
  private readonly warnings: string[] = [];
  /** Warnings about the prior, replaced whenever the prior is recomputed. */
  private baseWarnings: string[] = [];
  private readonly timeline: TimelineEntry[] = [];
  private readonly series: PosPoint[] = [];
  private pResponsive = 0.5;
  private globalDirty = true;
  private evidenceDirty = false;
  private readonly sumBefore = new Float64Array(2);
  private readonly sumAfter = new Float64Array(2);
  private evidenceResults: EvidenceResult[] = [];

  constructor(options: FoldOptions) {
    this.scenarioOf = options.scenarioOf ?? (() => "likely");
    this.history = options.history ?? true;
    const row = newSlot(
      { id: ROW_SEGMENT_ID, kind: "row", label: "Rest of world", reachable: false, weight: 0 },
      0,
    );
    this.slots.push(row);
    this.slotById.set(ROW_SEGMENT_ID, row);
  }

  /** Reads an uncertain quantity at the scenario chosen for it and remembers that the result depends on it. */
  private quantity(id: string, value: UncertainValue): number {
    this.used.set(id, value);
    return value[this.scenarioOf(id)];
  }

  run(events: readonly SearchLogEvent[]): SearchState {
    events.forEach((event, index) => {
      this.apply(event, index);
      if (this.history) this.record(event);
    });
    this.recomputeEverything();
    return this.result(events.length);
  }

  private apply(event: SearchLogEvent, index: number): void {
    switch (event.type) {
      case "segment.added": {
        const input = event.segment;
        if (this.slotById.has(input.id)) fail(index, `segment ${input.id} already exists`, "segment.id");
        if (input.kind === "hypothesis" && input.pExists === undefined)
          fail(index, "a hypothesis needs pExists", "segment.pExists");
        const segment: Segment = {
          id: input.id,
          kind: input.kind,
          reachable: input.reachable ?? true,
          weight: input.weight ?? 1,
          ...(input.label !== undefined && { label: input.label }),
          ...(input.siteId !== undefined && { siteId: input.siteId }),
          ...(input.levelId !== undefined && { levelId: input.levelId }),
          ...(input.areaM2 !== undefined && { areaM2: input.areaM2 }),
          ...(input.pExists !== undefined && { pExists: input.pExists }),
        };
        const slot = newSlot(segment, this.slots.length);
        this.slots.push(slot);
        this.slotById.set(segment.id, slot);
        this.globalDirty = true;
        return;
      }
      case "segment.reachability.changed": {
        const slot = this.segmentSlot(event.segmentId, index, "segmentId");
        slot.segment = { ...slot.segment, reachable: event.reachable };
        return;
      }
      case "hypothesis.resolved": {
        const slot = this.segmentSlot(event.segmentId, index, "segmentId");
        if (slot.segment.kind !== "hypothesis")
          fail(index, `segment ${event.segmentId} is not a hypothesis`, "segmentId");
        this.resolve(slot, event.exists, index);
        this.touch(slot);
        return;
      }
      case "planner.estimate.recorded": {
        for (const id of Object.keys(event.weights)) {
          if (!this.slotById.has(id))
            fail(index, `planner estimate names unknown segment ${id}`, `weights.${id}`);
        }
        this.estimates.set(event.plannerId, event);
        this.globalDirty = true;
        return;
      }
      case "parameter.changed":
        this.parameters[event.parameter] = event.value;
        this.globalDirty = true;
        return;
      case "method.changed":
        this.methods.set(event.method.id, event.method);
        this.globalDirty = true;
        return;
      case "method-class.changed":
        this.methodClasses[event.methodClass] = {
          ...this.methodClasses[event.methodClass],
          cap: event.cap,
          reason: event.reason,
        };
        this.globalDirty = true;
        return;
      case "mapping.changed":
        this.mapping = {
          cells: { ...this.mapping.cells, ...event.cells } as LikelihoodMapping["cells"],
          statusCredibility: event.statusCredibility ?? this.mapping.statusCredibility,
          source: event.source,
        };
        this.globalDirty = true;
        return;
      case "evidence.recorded": {
        const record = event.evidence;
        if (this.evidence.has(record.id)) fail(index, `evidence ${record.id} already exists`, "evidence.id");
        this.checkEvidence(record, index, "evidence");
        this.evidence.set(record.id, record);
        this.evidenceDirty = true;
        return;
      }
      case "evidence.changed": {
        const current = this.evidence.get(event.evidenceId);
        if (!current) fail(index, `unknown evidence ${event.evidenceId}`, "evidenceId");
        const next: EvidenceRecord = { ...current };
        const changes = event.changes;
        if (changes.kind !== undefined) next.kind = changes.kind;
        if (changes.target !== undefined) next.target = changes.target;
        if (changes.grade !== undefined) next.grade = changes.grade;
        if (changes.status !== undefined) next.status = changes.status;
        if (changes.assertion !== undefined) next.assertion = changes.assertion;
        if (changes.statusReason === null) delete next.statusReason;
        else if (changes.statusReason !== undefined) next.statusReason = changes.statusReason;
        if (changes.likelihood === null) delete next.likelihood;
        else if (changes.likelihood !== undefined) next.likelihood = changes.likelihood;
        if (changes.echoOf === null) delete next.echoOf;
        else if (changes.echoOf !== undefined) next.echoOf = changes.echoOf;
        if (changes.originRef === null) delete next.originRef;
        else if (changes.originRef !== undefined) next.originRef = changes.originRef;
        if (changes.summary === null) delete next.summary;
        else if (changes.summary !== undefined) next.summary = changes.summary;
        this.checkEvidence(next, index, "changes");
        this.evidence.set(next.id, next);
        this.evidenceDirty = true;
        return;
      }
      case "evidence.refuted": {
        const current = this.evidence.get(event.evidenceId);
        if (!current) fail(index, `unknown evidence ${event.evidenceId}`, "evidenceId");
        this.evidence.set(current.id, { ...current, status: "refuted", statusReason: event.reason });
        this.evidenceDirty = true;
        return;
      }
      case "search.completed":
        this.applySearch(event.search, index);
        return;
    }
  }

  private segmentSlot(id: string, index: number, field: string): Slot {
    const slot = this.slotById.get(id);
    if (!slot) fail(index, `unknown segment ${id}`, field);
    return slot;
  }

  private resolve(slot: Slot, exists: boolean, index: number): void {
    if (slot.resolved !== undefined && slot.resolved !== exists) {
      fail(
        index,
        `hypothesis ${slot.segment.id} was already resolved as ${slot.resolved ? "existing" : "not existing"}`,
      );
    }
    slot.resolved = exists;
  }

  private checkEvidence(record: EvidenceRecord, index: number, field: string): void {
    const slot = this.segmentSlot(record.target.segmentId, index, `${field}.target.segmentId`);
    if (slot.segment.kind === "row")
      fail(index, "evidence cannot target the rest-of-world segment", `${field}.target.segmentId`);
    if (record.target.about === "existence" && slot.segment.kind !== "hypothesis") {
      fail(
        index,
        `only a hypothesis has an existence to weigh; ${slot.segment.id} is a ${slot.segment.kind}`,
        `${field}.target.about`,
      );
    }
    // Echo chains must end in a known record and never loop.
    const seen = new Set<string>([record.id]);
    let next = record.echoOf;
    while (next !== undefined) {
      if (seen.has(next)) fail(index, `evidence ${record.id} is part of an echo loop`, `${field}.echoOf`);
      seen.add(next);
      const parent = this.evidence.get(next);
      if (!parent) fail(index, `evidence ${record.id} echoes unknown evidence ${next}`, `${field}.echoOf`);
      next = parent.echoOf;
    }
  }

  /** Coverage of one search; the sweep rate is read (and recorded as an assumption) only when hours need it. */
  private coverageOf(effort: SearchEffort, sweepRate: () => number, slot: Slot, index: number): number {
    if ("coverage" in effort) return effort.coverage;
    const area = slot.segment.areaM2;
    if (area === undefined)
      fail(index, `segment ${slot.segment.id} has no area; give the effort as coverage`, "search.effort");
    if ("hours" in effort) return (sweepRate() * effort.hours) / area;
    return (effort.sweepWidthM * effort.trackLengthM) / area;
  }

  private applySearch(search: SearchRecord, index: number): void {
    if (this.searchIds.has(search.id)) fail(index, `search ${search.id} already recorded`, "search.id");
    this.searchIds.add(search.id);
    const slot = this.segmentSlot(search.segmentId, index, "search.segmentId");
    if (slot.segment.kind === "row")
      fail(index, "the rest-of-world segment cannot be searched", "search.segmentId");
    const method = this.methods.get(search.methodId);
    if (!method) fail(index, `unknown method ${search.methodId}`, "search.methodId");
    const detectsPeople =
      method.sweepRate.responsive !== undefined || method.sweepRate.unresponsive !== undefined;
    if (!detectsPeople && search.outcome !== "nothing_found") {
      fail(index, `method ${method.id} detects no people; its outcome is nothing_found`, "search.outcome");
    }
    const voidApplies = slot.segment.kind === "hypothesis" && method.sweepRate.void !== undefined;
    if (voidApplies && search.void === undefined)
      fail(index, "say whether the search indicated a void", "search.void");
    if (!voidApplies && search.void !== undefined) {
      fail(index, "void applies only to a hypothesis searched by a method that detects voids", "search.void");
    }
    if (slot.resolved === false)
      this.warnings.push(
        `search ${search.id} looked in ${slot.segment.id}, already resolved as not existing`,
      );
    if (search.outcome === "alert" && "hours" in search.effort && search.effort.hours === 0) {
      fail(index, "an alert needs some effort", "search.effort");
    }
    slot.searches.push(search);
    if (search.outcome === "subjects_found" && slot.segment.kind === "hypothesis")
      this.resolve(slot, true, index);
    this.applySearchToSlot(slot, search, method, index);
    this.touch(slot);
  }

  /** Adds one search's coverage or alert factor to its segment (also used when everything is recomputed). */
  private applySearchToSlot(slot: Slot, search: SearchRecord, method: DetectionMethod, index: number): void {
    const k = methodClassIndex.get(method.methodClass)!;
    const falseAlert = (): number => this.quantity(`method:${method.id}:falseAlert`, method.falseAlertRate);
    SUBJECT_CLASSES.forEach((subjectClass, c) => {
      const rate = method.sweepRate[subjectClass];
      if (rate === undefined) return;
      const coverage = this.coverageOf(
        search.effort,
        () => this.quantity(`method:${method.id}:rate:${subjectClass}`, rate),
        slot,
        index,
      );
      if (search.outcome === "alert") {
        const pod = -Math.expm1(-coverage);
        if (!(pod > 0)) fail(index, "an alert needs some effort", "search.effort");
        slot.alertLog[c] = slot.alertLog[c]! + Math.log(pod) - Math.log(falseAlert());
      } else {
        slot.coverage[c * CLASS_COUNT + k] = slot.coverage[c * CLASS_COUNT + k]! + coverage;
      }
    });
    if (search.outcome === "alert") slot.alerts++;
    if (search.outcome === "subjects_found") slot.subjectsFound += search.subjectsFound ?? 1;
    const voidRate = method.sweepRate.void;
    if (search.void !== undefined && voidRate !== undefined) {
      const coverage = this.coverageOf(
        search.effort,
        () => this.quantity(`method:${method.id}:rate:void`, voidRate),
        slot,
        index,
      );
      if (search.void === "found") {
        const pod = -Math.expm1(-coverage);
        if (!(pod > 0)) fail(index, "a void found needs some effort", "search.effort");
        slot.existenceAlertLog += Math.log(pod) - Math.log(falseAlert());
      } else {
        slot.voidCoverage[k] = slot.voidCoverage[k]! + coverage;
      }
    }
  }

  /** Marks a segment changed: its masses and the running sums follow at once unless a full recompute is due. */
  private touch(slot: Slot): void {
    if (this.globalDirty) return;
    this.refreshSlot(slot);
  }

  private record(event: SearchLogEvent): void {
    const entry: TimelineEntry = { at: event.at, eventId: event.id, type: event.type };
    if (event.actor !== undefined) entry.actor = event.actor;
    switch (event.type) {
      case "segment.added":
        return;
      case "segment.reachability.changed":
      case "hypothesis.resolved":
        entry.segmentId = event.segmentId;
        break;
      case "evidence.recorded":
        entry.evidenceId = event.evidence.id;
        entry.segmentId = event.evidence.target.segmentId;
        entry.grade = `${event.evidence.grade.reliability}${event.evidence.grade.credibility}`;
        entry.status = event.evidence.status;
        break;
      case "evidence.changed":
        entry.evidenceId = event.evidenceId;
        if (event.changes.status) entry.status = event.changes.status;
        break;
      case "evidence.refuted":
        entry.evidenceId = event.evidenceId;
        entry.status = "refuted";
        break;
      case "search.completed": {
        entry.segmentId = event.search.segmentId;
        entry.methodId = event.search.methodId;
        entry.outcome = event.search.outcome;
        entry.pod = this.singleSearchPod(event.search);
        break;
      }
      default:
        break;
    }
    this.timeline.push(entry);
    if (event.type === "segment.reachability.changed") return;
    this.bringUpToDate();
    this.series.push({ at: event.at, eventId: event.id, pos: this.currentPos() });
  }

  private singleSearchPod(search: SearchRecord): Partial<Record<SubjectClass, number>> {
    const method = this.methods.get(search.methodId)!;
    const slot = this.slotById.get(search.segmentId)!;
    const pod: Partial<Record<SubjectClass, number>> = {};
    for (const subjectClass of SUBJECT_CLASSES) {
      const rate = method.sweepRate[subjectClass];
      if (rate === undefined) continue;
      pod[subjectClass] = -Math.expm1(
        -this.coverageOf(
          search.effort,
          () => rate[this.scenarioOf(`method:${method.id}:rate:${subjectClass}`)],
          slot,
          -1,
        ),
      );
    }
    return pod;
  }

  private bringUpToDate(): void {
    if (this.globalDirty) {
      this.recomputeEverything();
      return;
    }
    if (this.evidenceDirty) this.recomputeEvidence(true);
  }

  private currentPos(): ClassFigures {
    const before = this.sumBefore[0]! + this.sumBefore[1]!;
    const after = this.sumAfter[0]! + this.sumAfter[1]!;
    return {
      responsive: this.sumBefore[0]! > 0 ? 1 - this.sumAfter[0]! / this.sumBefore[0]! : 0,
      unresponsive: this.sumBefore[1]! > 0 ? 1 - this.sumAfter[1]! / this.sumBefore[1]! : 0,
      combined: before > 0 ? 1 - after / before : 0,
    };
  }

  /** Base weights (Mattson consensus or segment weights, hypotheses scaled by pExists, rest to ROW). */
  private computeBase(): void {
    const rowShare = this.quantity("parameter:rowShare", this.parameters.rowShare);
    this.pResponsive = this.quantity("parameter:pResponsive", this.parameters.pResponsive);
    const ids = this.slots.map((slot) => slot.segment.id);
    let weights: number[];
    if (this.estimates.size > 0) {
      const vectors = [...this.estimates.values()].map((estimate) => {
        if (ROW_SEGMENT_ID in estimate.weights) return estimate.weights;
        // A planner who left ROW out gets the model's ROW share; the rest of the vector is scaled to fit.
        const total = Object.values(estimate.weights).reduce((a, b) => a + b, 0);
        const scaled: Record<string, number> = { [ROW_SEGMENT_ID]: total > 0 ? rowShare : 1 };
        if (total > 0)
          for (const [id, w] of Object.entries(estimate.weights)) scaled[id] = (w / total) * (1 - rowShare);
        return scaled;
      });
      weights = mattsonConsensus(ids, vectors);
      this.baseWarnings = [];
      this.slots.forEach((slot, i) => {
        if (slot.segment.kind !== "row" && weights[i] === 0 && !vectors.some((v) => slot.segment.id in v)) {
          this.baseWarnings.push(
            `segment ${slot.segment.id} has no planner estimate and starts with probability 0`,
          );
        }
      });
    } else {
      this.baseWarnings = [];
      const total = this.slots.reduce(
        (sum, slot) => sum + (slot.segment.kind === "row" ? 0 : slot.segment.weight),
        0,
      );
      weights = this.slots.map((slot) => {
        if (slot.segment.kind === "row") return total > 0 ? rowShare : 1;
        return total > 0 ? (slot.segment.weight / total) * (1 - rowShare) : 0;
      });
    }
    let toRow = 0;
    this.slots.forEach((slot, i) => {
      const w = weights[i]!;
      if (slot.segment.kind === "hypothesis") {
        const prior = hypothesisPrior(Math.min(1, w), slot.segment.pExists!);
        slot.base = prior.poa;
        slot.pi0 = prior.pExistsIfNotThere;
        toRow += prior.toRow;
      } else {
        slot.base = w;
      }
    });
    this.slots[0]!.base += toRow;
  }

  private recomputeEverything(): void {
    this.computeBase();
    for (const slot of this.slots) {
      slot.coverage.fill(0);
      slot.voidCoverage.fill(0);
      slot.alertLog.fill(0);
      slot.existenceAlertLog = 0;
      slot.alerts = 0;
      slot.subjectsFound = 0;
      for (const search of slot.searches)
        this.applySearchToSlot(slot, search, this.methods.get(search.methodId)!, -1);
    }
    this.recomputeEvidence(false);
    this.sumBefore.fill(0);
    this.sumAfter.fill(0);
    for (const slot of this.slots) this.refreshSlot(slot);
    this.globalDirty = false;
  }

  /** Turns the evidence table into per-segment factors, counting each echo group once. */
  private recomputeEvidence(refresh: boolean): void {
    const records = [...this.evidence.values()];
    const rootOf = (record: EvidenceRecord): EvidenceRecord => {
      let current = record;
      while (current.echoOf !== undefined) current = this.evidence.get(current.echoOf)!;
      return current;
    };
    const representative = new Map<string, EvidenceRecord>();
    const keys = new Map<string, string>();
    for (const record of records) {
      const root = rootOf(record);
      const key = root.originRef !== undefined ? `origin:${root.originRef}` : `evidence:${root.id}`;
      keys.set(record.id, key);
      if (!representative.has(key)) representative.set(key, record);
    }
    const personLog = new Map<Slot, Float64Array>();
    const existenceLog = new Map<Slot, number>();
    this.evidenceResults = records.map((record) => {
      const key = keys.get(record.id)!;
      const counted = representative.get(key)!;
      const result: EvidenceResult = { record, groupKey: key, counted: false, countedAs: counted.id };
      if (counted !== record) {
        result.note = "echo";
        return result;
      }
      const likelihood = this.likelihoodOf(record);
      if (!likelihood) {
        result.note = "refuted";
        return result;
      }
      result.counted = true;
      result.likelihood = likelihood;
      const slot = this.slotById.get(record.target.segmentId)!;
      const sign = record.assertion === "present" ? 1 : -1;
      if (record.target.about === "existence") {
        existenceLog.set(
          slot,
          (existenceLog.get(slot) ?? 0) +
            sign * (Math.log(likelihood.l1.responsive) - Math.log(likelihood.l0)),
        );
      } else {
        const logs = personLog.get(slot) ?? new Float64Array(2);
        SUBJECT_CLASSES.forEach((subjectClass, c) => {
          logs[c] = logs[c]! + sign * (Math.log(likelihood.l1[subjectClass]) - Math.log(likelihood.l0));
        });
        personLog.set(slot, logs);
      }
      return result;
    });
    for (const slot of this.slots) {
      const logs = personLog.get(slot);
      const r = clampLog(logs?.[RESPONSIVE] ?? 0);
      const u = clampLog(logs?.[UNRESPONSIVE] ?? 0);
      const e = clampLog(existenceLog.get(slot) ?? 0);
      const changed =
        slot.evidenceLog[RESPONSIVE] !== r ||
        slot.evidenceLog[UNRESPONSIVE] !== u ||
        slot.existenceEvidenceLog !== e;
      if (!changed) continue;
      if (
        Math.abs(r) === MAX_LOG_FACTOR ||
        Math.abs(u) === MAX_LOG_FACTOR ||
        Math.abs(e) === MAX_LOG_FACTOR
      ) {
        this.warnings.push(
          `evidence on ${slot.segment.id} is so strong that its factor was clamped at e^±${MAX_LOG_FACTOR}`,
        );
      }
      slot.evidenceLog[RESPONSIVE] = r;
      slot.evidenceLog[UNRESPONSIVE] = u;
      slot.existenceEvidenceLog = e;
      if (refresh) this.refreshSlot(slot);
    }
    this.evidenceDirty = false;
  }

  private likelihoodOf(record: EvidenceRecord): EvidenceResult["likelihood"] | undefined {
    if (record.status === "refuted") return undefined;
    if (record.likelihood) return this.explicitLikelihood(record.id, record.likelihood);
    const grade = effectiveGrade(record.grade, record.status, this.mapping);
    if (!grade) return undefined;
    const key = gradeKey(grade);
    const cell = this.mapping.cells[key];
    const l1 = this.quantity(`mapping:${key}:l1`, cell.l1);
    const l0 = this.quantity(`mapping:${key}:l0`, cell.l0);
    return { l1: { responsive: l1, unresponsive: l1 }, l0, from: "mapping", grade: key };
  }

  private explicitLikelihood(id: string, likelihood: ExplicitLikelihood): EvidenceResult["likelihood"] {
    const l1 = this.quantity(`evidence:${id}:l1`, likelihood.l1);
    const l1Unresponsive = likelihood.l1Unresponsive
      ? this.quantity(`evidence:${id}:l1Unresponsive`, likelihood.l1Unresponsive)
      : l1;
    return {
      l1: { responsive: l1, unresponsive: l1Unresponsive },
      l0: this.quantity(`evidence:${id}:l0`, likelihood.l0),
      from: "explicit",
    };
  }

  /**
   * π_h = P(h exists | the person is not in h) after all existence evidence, alerts and void searches. Void
   * searches look for the space, not for the person, so they act as existence evidence and do not count in
   * the POS (which measures how likely the searches were to detect the person).
   */
  private existence(slot: Slot): number {
    if (slot.resolved !== undefined) return slot.resolved ? 1 : 0;
    if (slot.pi0 >= 1) return 1;
    if (slot.pi0 <= 0) return 0;
    let voidSearchLog = 0;
    for (let k = 0; k < CLASS_COUNT; k++) {
      const coverage = slot.voidCoverage[k]!;
      if (coverage > 0) voidSearchLog += Math.log(this.nonDetection(coverage, k));
    }
    return sigmoid(logit(slot.pi0) + slot.existenceEvidenceLog + slot.existenceAlertLog + voidSearchLog);
  }

  /** Probability that looks of method class k with total coverage C all missed, with the class's cap. */
  private nonDetection(coverage: number, k: number): number {
    const cap = this.methodClasses[METHOD_CLASS_IDS[k]!].cap;
    return Math.max(1 - cap, Math.exp(-coverage));
  }

  private classNonDetection(slot: Slot, c: number): number {
    let miss = 1;
    for (let k = 0; k < CLASS_COUNT; k++) {
      const coverage = slot.coverage[c * CLASS_COUNT + k]!;
      if (coverage > 0) miss *= this.nonDetection(coverage, k);
    }
    return miss;
  }

  private refreshSlot(slot: Slot): void {
    let existenceFactor = 1;
    if (slot.segment.kind === "hypothesis") {
      if (slot.resolved === true && slot.pi0 <= 0) {
        throw new AtharError(
          "validation_failed",
          `hypothesis ${slot.segment.id} can only exist if the person is in it (no weight elsewhere); it cannot be resolved as existing`,
        );
      }
      // Relative to the other segments, every existence observation so far multiplies h by π_h(now)/π_h(prior).
      existenceFactor = slot.pi0 > 0 ? this.existence(slot) / slot.pi0 : 0;
    }
    for (let c = 0; c < 2; c++) {
      const prior = c === RESPONSIVE ? this.pResponsive : 1 - this.pResponsive;
      const before =
        prior * slot.base * Math.exp(clampLog(slot.evidenceLog[c]! + slot.alertLog[c]!)) * existenceFactor;
      const after = before * this.classNonDetection(slot, c);
      this.sumBefore[c] = this.sumBefore[c]! + before - slot.before[c]!;
      this.sumAfter[c] = this.sumAfter[c]! + after - slot.after[c]!;
      slot.before[c] = before;
      slot.after[c] = after;
    }
  }

  private result(eventCount: number): SearchState {
    // Exact sums (the running sums carry rounding from many small updates).
    const sumBefore = [0, 0];
    const sumAfter = [0, 0];
    for (const slot of this.slots) {
      for (let c = 0; c < 2; c++) {
        sumBefore[c] = sumBefore[c]! + slot.before[c]!;
        sumAfter[c] = sumAfter[c]! + slot.after[c]!;
      }
    }
    const totalBefore = sumBefore[0]! + sumBefore[1]!;
    const totalAfter = sumAfter[0]! + sumAfter[1]!;
    if (!(totalAfter > 0) || !(totalBefore > 0)) {
      throw new AtharError(
        "validation_failed",
        "the log leaves no probability anywhere; ROW must keep a share above 0",
      );
    }
    const share = (value: number, total: number): number => (total > 0 ? value / total : 0);
    const segments = this.slots.map((slot): SegmentResult => {
      const pod = {
        responsive: 1 - this.classNonDetection(slot, RESPONSIVE),
        unresponsive: 1 - this.classNonDetection(slot, UNRESPONSIVE),
      };
      const before = slot.before[0]! + slot.before[1]!;
      const capsReached: MethodClassId[] = [];
      for (let k = 0; k < CLASS_COUNT; k++) {
        const cap = this.methodClasses[METHOD_CLASS_IDS[k]!].cap;
        const reached =
          [0, 1].some((c) => Math.exp(-slot.coverage[c * CLASS_COUNT + k]!) < 1 - cap) ||
          Math.exp(-slot.voidCoverage[k]!) < 1 - cap;
        if (reached) capsReached.push(METHOD_CLASS_IDS[k]!);
      }
      const result: SegmentResult = {
        segment: slot.segment,
        poa: share(slot.after[0]! + slot.after[1]!, totalAfter),
        poaByClass: {
          responsive: share(slot.after[0]!, sumAfter[0]!),
          unresponsive: share(slot.after[1]!, sumAfter[1]!),
        },
        poaBeforeSearch: share(slot.before[0]! + slot.before[1]!, totalBefore),
        poaBeforeSearchByClass: {
          responsive: share(slot.before[0]!, sumBefore[0]!),
          unresponsive: share(slot.before[1]!, sumBefore[1]!),
        },
        pod,
        podCombined: before > 0 ? 1 - (slot.after[0]! + slot.after[1]!) / before : 0,
        searches: slot.searches.length,
        alerts: slot.alerts,
        subjectsFound: slot.subjectsFound,
        methodsUsed: [...new Set(slot.searches.map((s) => s.methodId))],
        capsReached,
      };
      if (slot.segment.kind === "hypothesis") {
        let miss = 1;
        for (let k = 0; k < CLASS_COUNT; k++)
          if (slot.voidCoverage[k]! > 0) miss *= this.nonDetection(slot.voidCoverage[k]!, k);
        result.podVoid = 1 - miss;
        const pi = this.existence(slot);
        result.pExists = result.poa + pi * (1 - result.poa);
        result.pExistsPrior = slot.segment.pExists!;
        if (slot.resolved !== undefined) result.resolved = slot.resolved;
      }
      return result;
    });
    return {
      segments,
      classPosterior: { responsive: sumAfter[0]! / totalAfter, unresponsive: sumAfter[1]! / totalAfter },
      pos: {
        responsive: sumBefore[0]! > 0 ? 1 - sumAfter[0]! / sumBefore[0]! : 0,
        unresponsive: sumBefore[1]! > 0 ? 1 - sumAfter[1]! / sumBefore[1]! : 0,
        combined: 1 - totalAfter / totalBefore,
      },
      evidence: this.evidenceResults,
      methods: [...this.methods.values()],
      methodClasses: { ...this.methodClasses },
      mapping: this.mapping,
      parameters: { ...this.parameters },
      plannerEstimates: this.estimates.size,
      timeline: this.timeline,
      posSeries: this.series,
      uncertainQuantities: this.used,
      warnings: [...new Set([...this.baseWarnings, ...this.warnings])],
      eventCount,
    };
  }
}
