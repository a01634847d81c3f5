import { AtharError } from "@athar/core";
import { addToEchoGroups, type EchoGroups, groupEchoes } from "./echoes";
import type {
  EvidenceRecord,
  ExplicitLikelihood,
  PlannerEstimateRecordedEvent,
  SearchEffort,
  SearchLogEvent,
  SearchRecord,
} from "./events";
import { type HeadlineFigures, remainingCategory } from "./headline";
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
  type DetectionTarget,
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
 *
 * A folded log keeps its segments, searches and evidence, so `recompute` can re-evaluate every probability
 * under other values of the uncertain quantities without reading the log again (the sensitivity analysis).
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
  /** Claims about a whole level or site. */
  levelId?: string;
  siteId?: string;
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
/** Evidence log-factors are clamped so that absurd piles of claims cannot overflow a double. */
const MAX_LOG_FACTOR = 600;
const LIKELY = (): Scenario => "likely";
const MAPPING_QUANTITY_IDS = Object.fromEntries(
  Object.keys(defaultLikelihoodMapping().cells).map((key) => [
    key,
    { l1: `mapping:${key}:l1`, l0: `mapping:${key}:l0` },
  ]),
) as Record<GradeKey, { l1: string; l0: string }>;

function sameRecords(
  a: readonly EvidenceRecord[] | undefined,
  b: readonly EvidenceRecord[] | undefined,
): boolean {
  if (a === undefined || b === undefined) return a === b;
  return a.length === b.length && a.every((record, i) => record === b[i]);
}

interface Slot {
  segment: Segment;
  index: number;
  base: number;
  pi0: number;
  evidenceLog0: number;
  evidenceLog1: number;
  alertLog0: number;
  alertLog1: number;
  existenceEvidenceLog: number;
  existenceAlertLog: number;
  resolved: boolean | undefined;
  searches: SearchRecord[];
  alerts: number;
  subjectsFound: number;
  before0: number;
  before1: number;
  after0: number;
  after1: number;
}

function newSlot(segment: Segment, index: number): Slot {
  return {
    segment,
    index,
    base: 0,
    pi0: 1,
    evidenceLog0: 0,
    evidenceLog1: 0,
    alertLog0: 0,
    alertLog1: 0,
    existenceEvidenceLog: 0,
    existenceAlertLog: 0,
    resolved: undefined,
    searches: [],
    alerts: 0,
    subjectsFound: 0,
    before0: 0,
    before1: 0,
    after0: 0,
    after1: 0,
  };
}

/** Quantity ids of a method, built once (they are looked up for every search). */
interface MethodKeys {
  rate: Record<DetectionTarget, string>;
  falseAlert: string;
}

const logit = (p: number): number => Math.log(p) - Math.log1p(-p);
const sigmoid = (x: number): number => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)));
const clampLog = (x: number): number => Math.max(-MAX_LOG_FACTOR, Math.min(MAX_LOG_FACTOR, x));

/** Whether a segment lies where a level- or site-wide claim points (never ROW). */
function inScope(slot: Slot, target: EvidenceRecord["target"]): boolean {
  if (slot.segment.kind === "row") return false;
  if (target.levelId !== undefined) return slot.segment.levelId === target.levelId;
  if (target.siteId !== undefined) return slot.segment.siteId === target.siteId;
  return false;
}

function fail(index: number, message: string, field = ""): never {
  throw new AtharError("validation_failed", message, [
    { path: `events.${index}${field ? `.${field}` : ""}`, message },
  ]);
}

export function foldSearchLog(events: readonly SearchLogEvent[], options: FoldOptions = {}): SearchState {
  const fold = new SearchLogFold(options);
  fold.run(events);
  return fold.state();
}

/**
 * A folded search log. `run` reads the events once; `state` gives every figure; `recompute` re-evaluates them
 * under another choice of uncertain quantities, reusing what the log established (segments, searches,
 * evidence, echo groups, planners' estimates).
 */
export class SearchLogFold {
  private scenarioOf: (id: string) => Scenario;
  private readonly history: boolean;
  private readonly slots: Slot[] = [];
  private readonly slotById = new Map<string, Slot>();
  /** Coverage per slot, subject class and method class: [slot · 2·K + class · K + k]. */
  private coverage = new Float64Array(64 * 2 * CLASS_COUNT);
  /** Void coverage per slot and method class. */
  private voidCoverage = new Float64Array(64 * CLASS_COUNT);
  private readonly methods = new Map<string, DetectionMethod>(DEFAULT_METHODS.map((m) => [m.id, m]));
  private readonly methodKeys = new Map<DetectionMethod, MethodKeys>();
  private readonly methodClasses: Record<MethodClassId, MethodClass> = { ...METHOD_CLASSES };
  private mapping: LikelihoodMapping = defaultLikelihoodMapping();
  private readonly parameters: ModelParameters = { ...DEFAULT_MODEL_PARAMETERS };
  private readonly estimates = new Map<string, PlannerEstimateRecordedEvent>();
  private consensus: { rowShare: number; weights: number[] } | undefined;
  private readonly evidence = new Map<string, EvidenceRecord>();
  private echoes: EchoGroups | undefined;
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
  private sumBefore0 = 0;
  private sumBefore1 = 0;
  private sumAfter0 = 0;
  private sumAfter1 = 0;
  /** Counted (representative) evidence records by the segment they are about; rebuilt when evidence changes. */
  private countedBySlot = new Map<Slot, EvidenceRecord[]>();
  /** Slots whose evidence factors are not neutral. */
  private evidenceSlots = new Set<Slot>();
  /** Which slots each uncertain quantity acts on; quantities of the prior act on all (global). */
  private readonly dependents = new Map<string, Set<Slot>>();
  private readonly globalQuantities = new Set<string>();
  private context: Slot | null = null;
  /** Dependencies are recorded only while everything is recomputed (which the end of `run` always does). */
  private tracking = false;
  private eventCount = 0;

  constructor(options: FoldOptions = {}) {
    this.scenarioOf = options.scenarioOf ?? LIKELY;
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
    if (!this.tracking) return value[this.scenarioOf(id)];
    this.used.set(id, value);
    const slot = this.context;
    if (slot === null) this.globalQuantities.add(id);
    else {
      let set = this.dependents.get(id);
      if (!set) {
        set = new Set();
        this.dependents.set(id, set);
      }
      set.add(slot);
    }
    return value[this.scenarioOf(id)];
  }

  private keysOf(method: DetectionMethod): MethodKeys {
    let keys = this.methodKeys.get(method);
    if (!keys) {
      const prefix = `method:${method.id}:`;
      keys = {
        rate: {
          responsive: `${prefix}rate:responsive`,
          unresponsive: `${prefix}rate:unresponsive`,
          void: `${prefix}rate:void`,
        },
        falseAlert: `${prefix}falseAlert`,
      };
      this.methodKeys.set(method, keys);
    }
    return keys;
  }

  run(events: readonly SearchLogEvent[]): void {
    for (let index = 0; index < events.length; index++) {
      const event = events[index]!;
      this.apply(event, index);
      if (this.history) this.record(event);
    }
    this.eventCount = events.length;
    this.recomputeEverything();
  }

  /**
   * Re-evaluates every probability with another choice of scenario per uncertain quantity (the log stays
   * as folded; the timeline and POS series keep the values of the original run).
   */
  recompute(scenarioOf: (quantityId: string) => Scenario): void {
    this.scenarioOf = scenarioOf;
    this.recomputeEverything();
  }

  /**
   * Re-evaluates the figures with one uncertain quantity at another scenario (all others at likely),
   * touching only the segments that quantity acts on. Call again with "likely" to restore.
   */
  recomputeQuantity(quantityId: string, scenario: Scenario): void {
    const scenarioOf = (id: string): Scenario => (id === quantityId ? scenario : "likely");
    const slots = this.dependents.get(quantityId);
    if (this.globalQuantities.has(quantityId) || !slots) {
      this.recompute(scenarioOf);
      return;
    }
    this.scenarioOf = scenarioOf;
    for (const slot of slots) {
      this.reapplySearches(slot);
      this.evaluateEvidence(slot);
      this.refreshSlot(slot);
    }
  }

  /** The uncertain quantities the figures depend on, with their values. */
  uncertainQuantities(): Map<string, UncertainValue> {
    return new Map(this.used);
  }

  private growStorage(): void {
    const needed = this.slots.length;
    if (needed * 2 * CLASS_COUNT <= this.coverage.length) return;
    const capacity = Math.max(needed, (this.coverage.length / (2 * CLASS_COUNT)) * 2);
    const coverage = new Float64Array(capacity * 2 * CLASS_COUNT);
    coverage.set(this.coverage);
    this.coverage = coverage;
    const voids = new Float64Array(capacity * CLASS_COUNT);
    voids.set(this.voidCoverage);
    this.voidCoverage = voids;
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
        };
        if (input.label !== undefined) segment.label = input.label;
        if (input.siteId !== undefined) segment.siteId = input.siteId;
        if (input.levelId !== undefined) segment.levelId = input.levelId;
        if (input.areaM2 !== undefined) segment.areaM2 = input.areaM2;
        if (input.pExists !== undefined) segment.pExists = input.pExists;
        const slot = newSlot(segment, this.slots.length);
        this.slots.push(slot);
        this.slotById.set(segment.id, slot);
        this.growStorage();
        this.consensus = undefined;
        this.globalDirty = true;
        return;
      }
      case "segment.changed": {
        const slot = this.segmentSlot(event.segmentId, index, "segmentId");
        if (slot.segment.kind === "row")
          fail(index, "the rest-of-world segment cannot be changed", "segmentId");
        const { label, weight, pExists } = event.changes;
        if (pExists !== undefined && slot.segment.kind !== "hypothesis")
          fail(
            index,
            `only a hypothesis has a prior pExists; ${slot.segment.id} is a space`,
            "changes.pExists",
          );
        const segment = { ...slot.segment };
        if (label !== undefined) segment.label = label;
        if (weight !== undefined) segment.weight = weight;
        if (pExists !== undefined) segment.pExists = pExists;
        slot.segment = segment;
        // The prior of every segment depends on the weights and the hypotheses' pExists.
        if (weight !== undefined || pExists !== undefined) this.globalDirty = true;
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
        this.consensus = undefined;
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
        if (this.echoes) addToEchoGroups(this.echoes, record, this.evidence);
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
        if (changes.point === null) delete next.point;
        else if (changes.point !== undefined) next.point = changes.point;
        if (changes.observedAt === null) delete next.observedAt;
        else if (changes.observedAt !== undefined) next.observedAt = changes.observedAt;
        if (changes.reportedBy !== undefined) next.reportedBy = changes.reportedBy;
        if (changes.reportedThrough !== undefined) next.reportedThrough = changes.reportedThrough;
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
        // Only a change of origin or echo link can regroup records; status and grade are read at use.
        if (changes.echoOf !== undefined || changes.originRef !== undefined) this.echoes = undefined;
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
    const { target } = record;
    if (target.segmentId !== undefined) {
      const slot = this.segmentSlot(target.segmentId, index, `${field}.target.segmentId`);
      if (slot.segment.kind === "row")
        fail(index, "evidence cannot target the rest-of-world segment", `${field}.target.segmentId`);
      if (target.about === "existence" && slot.segment.kind !== "hypothesis") {
        fail(
          index,
          `only a hypothesis has an existence to weigh; ${slot.segment.id} is a ${slot.segment.kind}`,
          `${field}.target.about`,
        );
      }
    } else {
      const key = target.levelId !== undefined ? "levelId" : "siteId";
      if (target.about !== "subjects")
        fail(index, "a claim about a whole level or site is about people", `${field}.target.about`);
      if (!this.slots.some((slot) => inScope(slot, target)))
        fail(
          index,
          `no segment of ${key === "levelId" ? "level" : "site"} ${target[key]} is in the log`,
          `${field}.target.${key}`,
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

  /** Coverage of one search for one target; the sweep rate is read (and recorded) only when hours need it. */
  private coverageOf(
    effort: SearchEffort,
    method: DetectionMethod,
    target: DetectionTarget,
    slot: Slot,
    index: number,
  ): number {
    if ("coverage" in effort) return effort.coverage;
    const area = slot.segment.areaM2;
    if (area === undefined)
      fail(index, `segment ${slot.segment.id} has no area; give the effort as coverage`, "search.effort");
    if ("hours" in effort)
      return (
        (this.quantity(this.keysOf(method).rate[target], method.sweepRate[target]!) * effort.hours) / area
      );
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
    if (this.globalDirty) return; // everything is recomputed from the slots before it is read
    this.context = slot;
    this.applySearchToSlot(slot, search, method, index);
    this.context = null;
    this.refreshSlot(slot);
  }

  /** Adds one search's coverage or alert factor to its segment. */
  private applySearchToSlot(slot: Slot, search: SearchRecord, method: DetectionMethod, index: number): void {
    const k = methodClassIndex.get(method.methodClass)!;
    const alert = search.outcome === "alert";
    for (let c = 0; c < 2; c++) {
      const subjectClass = SUBJECT_CLASSES[c]!;
      if (method.sweepRate[subjectClass] === undefined) continue;
      const coverage = this.coverageOf(search.effort, method, subjectClass, slot, index);
      if (alert) {
        const pod = -Math.expm1(-coverage);
        if (!(pod > 0)) fail(index, "an alert needs some effort", "search.effort");
        const factor =
          Math.log(pod) - Math.log(this.quantity(this.keysOf(method).falseAlert, method.falseAlertRate));
        if (c === 0) slot.alertLog0 += factor;
        else slot.alertLog1 += factor;
      } else {
        const at = slot.index * 2 * CLASS_COUNT + c * CLASS_COUNT + k;
        this.coverage[at] = this.coverage[at]! + coverage;
      }
    }
    if (alert) slot.alerts++;
    if (search.outcome === "subjects_found") slot.subjectsFound += search.subjectsFound ?? 1;
    if (search.void !== undefined && method.sweepRate.void !== undefined) {
      const coverage = this.coverageOf(search.effort, method, "void", slot, index);
      if (search.void === "found") {
        const pod = -Math.expm1(-coverage);
        if (!(pod > 0)) fail(index, "a void found needs some effort", "search.effort");
        slot.existenceAlertLog +=
          Math.log(pod) - Math.log(this.quantity(this.keysOf(method).falseAlert, method.falseAlertRate));
      } else {
        const at = slot.index * CLASS_COUNT + k;
        this.voidCoverage[at] = this.voidCoverage[at]! + coverage;
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
      case "segment.changed":
      case "segment.reachability.changed":
      case "hypothesis.resolved":
        entry.segmentId = event.segmentId;
        break;
      case "evidence.recorded":
        entry.evidenceId = event.evidence.id;
        if (event.evidence.target.segmentId !== undefined) entry.segmentId = event.evidence.target.segmentId;
        if (event.evidence.target.levelId !== undefined) entry.levelId = event.evidence.target.levelId;
        if (event.evidence.target.siteId !== undefined) entry.siteId = event.evidence.target.siteId;
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
      case "search.completed":
        entry.segmentId = event.search.segmentId;
        entry.methodId = event.search.methodId;
        entry.outcome = event.search.outcome;
        entry.pod = this.singleSearchPod(event.search);
        break;
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
      if (method.sweepRate[subjectClass] === undefined) continue;
      pod[subjectClass] = -Math.expm1(-this.coverageOf(search.effort, method, subjectClass, slot, -1));
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
    const before = this.sumBefore0 + this.sumBefore1;
    const after = this.sumAfter0 + this.sumAfter1;
    return {
      responsive: this.sumBefore0 > 0 ? 1 - this.sumAfter0 / this.sumBefore0 : 0,
      unresponsive: this.sumBefore1 > 0 ? 1 - this.sumAfter1 / this.sumBefore1 : 0,
      combined: before > 0 ? 1 - after / before : 0,
    };
  }

  /** Planner weights per slot: Mattson consensus (cached; it changes only with estimates, segments, ROW share). */
  private plannerWeights(rowShare: number): number[] {
    if (this.consensus && this.consensus.rowShare === rowShare) return this.consensus.weights;
    const ids = this.slots.map((slot) => slot.segment.id);
    const vectors = [...this.estimates.values()].map((estimate) => {
      if (ROW_SEGMENT_ID in estimate.weights) return estimate.weights;
      // A planner who left ROW out gets the model's ROW share; the rest of the vector is scaled to fit.
      let total = 0;
      for (const id in estimate.weights) total += estimate.weights[id]!;
      const scaled: Record<string, number> = { [ROW_SEGMENT_ID]: total > 0 ? rowShare : 1 };
      if (total > 0)
        for (const id in estimate.weights) scaled[id] = (estimate.weights[id]! / total) * (1 - rowShare);
      return scaled;
    });
    const weights = mattsonConsensus(ids, vectors);
    this.baseWarnings = [];
    this.slots.forEach((slot, i) => {
      if (slot.segment.kind !== "row" && weights[i] === 0 && !vectors.some((v) => slot.segment.id in v)) {
        this.baseWarnings.push(
          `segment ${slot.segment.id} has no planner estimate and starts with probability 0`,
        );
      }
    });
    this.consensus = { rowShare, weights };
    return weights;
  }

  /** Base weights (Mattson consensus or segment weights, hypotheses scaled by pExists, rest to ROW). */
  private computeBase(): void {
    const rowShare = this.quantity("parameter:rowShare", this.parameters.rowShare);
    this.pResponsive = this.quantity("parameter:pResponsive", this.parameters.pResponsive);
    let weightOf: (slot: Slot) => number;
    if (this.estimates.size > 0) {
      const weights = this.plannerWeights(rowShare);
      weightOf = (slot) => weights[slot.index]!;
    } else {
      this.baseWarnings = [];
      let total = 0;
      for (const slot of this.slots) if (slot.segment.kind !== "row") total += slot.segment.weight;
      weightOf = (slot) => {
        if (slot.segment.kind === "row") return total > 0 ? rowShare : 1;
        return total > 0 ? (slot.segment.weight / total) * (1 - rowShare) : 0;
      };
    }
    let toRow = 0;
    for (const slot of this.slots) {
      const w = weightOf(slot);
      if (slot.segment.kind === "hypothesis") {
        const prior = hypothesisPrior(Math.min(1, w), slot.segment.pExists!);
        slot.base = prior.poa;
        slot.pi0 = prior.pExistsIfNotThere;
        toRow += prior.toRow;
      } else {
        slot.base = w;
      }
    }
    this.slots[0]!.base += toRow;
  }

  private recomputeEverything(): void {
    // Every quantity in use registers again below (with its current value, after method or mapping changes).
    this.used.clear();
    this.dependents.clear();
    this.globalQuantities.clear();
    this.tracking = true;
    this.computeBase();
    for (const slot of this.slots) this.reapplySearches(slot);
    this.recomputeEvidence(false);
    this.sumBefore0 = 0;
    this.sumBefore1 = 0;
    this.sumAfter0 = 0;
    this.sumAfter1 = 0;
    for (const slot of this.slots) {
      slot.before0 = 0;
      slot.before1 = 0;
      slot.after0 = 0;
      slot.after1 = 0;
      this.refreshSlot(slot);
    }
    this.tracking = false;
    this.globalDirty = false;
  }

  /** Clears a segment's search effects and applies its searches again (with the current scenario). */
  private reapplySearches(slot: Slot): void {
    const person = slot.index * 2 * CLASS_COUNT;
    this.coverage.fill(0, person, person + 2 * CLASS_COUNT);
    this.voidCoverage.fill(0, slot.index * CLASS_COUNT, (slot.index + 1) * CLASS_COUNT);
    slot.alertLog0 = 0;
    slot.alertLog1 = 0;
    slot.existenceAlertLog = 0;
    slot.alerts = 0;
    slot.subjectsFound = 0;
    this.context = slot;
    for (const search of slot.searches)
      this.applySearchToSlot(slot, search, this.methods.get(search.methodId)!, -1);
    this.context = null;
  }

  /** Turns the evidence table into per-segment factors, counting each echo group once. */
  private recomputeEvidence(refresh: boolean): void {
    if (!this.echoes) this.echoes = groupEchoes([...this.evidence.values()]);
    const { representativeOf } = this.echoes;
    const countedBySlot = new Map<Slot, EvidenceRecord[]>();
    const add = (slot: Slot, record: EvidenceRecord) => {
      const list = countedBySlot.get(slot);
      if (list) list.push(record);
      else countedBySlot.set(slot, [record]);
    };
    for (const representative of representativeOf.values()) {
      // The representative as it stands now (its status or grade may have changed since it was grouped).
      const record = this.evidence.get(representative.id)!;
      if (record.target.segmentId !== undefined) add(this.slotById.get(record.target.segmentId)!, record);
      // A claim about a level or a site acts on every segment there, including segments added after it.
      else for (const slot of this.slots) if (inScope(slot, record.target)) add(slot, record);
    }
    const previous = this.countedBySlot;
    const touched = new Set([...this.evidenceSlots, ...countedBySlot.keys()]);
    this.countedBySlot = countedBySlot;
    this.evidenceSlots = new Set(countedBySlot.keys());
    for (const slot of touched) {
      // Records are replaced, never edited, so an unchanged list of the same objects has the same factors.
      if (refresh && sameRecords(previous.get(slot), countedBySlot.get(slot))) continue;
      if (this.evaluateEvidence(slot) && refresh) this.refreshSlot(slot);
    }
    this.evidenceDirty = false;
  }

  /** A segment's evidence factors from the records counted for it; returns whether they changed. */
  private evaluateEvidence(slot: Slot): boolean {
    let person0 = 0;
    let person1 = 0;
    let existence = 0;
    const records = this.countedBySlot.get(slot);
    if (records) {
      this.context = slot;
      for (const record of records) {
        const likelihood = this.likelihoodOf(record);
        if (!likelihood) continue;
        const sign = record.assertion === "present" ? 1 : -1;
        const logL0 = Math.log(likelihood.l0);
        if (record.target.about === "existence") {
          existence += sign * (Math.log(likelihood.l1.responsive) - logL0);
        } else {
          person0 += sign * (Math.log(likelihood.l1.responsive) - logL0);
          person1 += sign * (Math.log(likelihood.l1.unresponsive) - logL0);
        }
      }
      this.context = null;
    }
    const r = clampLog(person0);
    const u = clampLog(person1);
    const e = clampLog(existence);
    if (slot.evidenceLog0 === r && slot.evidenceLog1 === u && slot.existenceEvidenceLog === e) return false;
    if (Math.abs(r) === MAX_LOG_FACTOR || Math.abs(u) === MAX_LOG_FACTOR || Math.abs(e) === MAX_LOG_FACTOR) {
      this.warnings.push(
        `evidence on ${slot.segment.id} is so strong that its factor was clamped at e^±${MAX_LOG_FACTOR}`,
      );
    }
    slot.evidenceLog0 = r;
    slot.evidenceLog1 = u;
    slot.existenceEvidenceLog = e;
    return true;
  }

  /** Every evidence record with its group and, for the counted ones, the likelihoods used now. */
  private evidenceResults(): EvidenceResult[] {
    if (!this.echoes) this.echoes = groupEchoes([...this.evidence.values()]);
    const { keyOf, representativeOf } = this.echoes;
    return [...this.evidence.values()].map((record) => {
      const key = keyOf.get(record.id)!;
      const counted = representativeOf.get(key)!;
      const result: EvidenceResult = { record, groupKey: key, counted: false, countedAs: counted.id };
      if (counted.id !== record.id) {
        result.note = "echo";
        return result;
      }
      const likelihood = this.likelihoodOf(record, false);
      if (!likelihood) {
        result.note = "refuted";
        return result;
      }
      result.counted = true;
      result.likelihood = likelihood;
      return result;
    });
  }

  /** Likelihoods of a record now; `track` records the quantities read as dependencies (off for reporting). */
  private likelihoodOf(record: EvidenceRecord, track = true): EvidenceResult["likelihood"] | undefined {
    if (record.status === "refuted") return undefined;
    const tracking = this.tracking;
    if (!track) this.tracking = false;
    try {
      if (record.likelihood) {
        const explicit: ExplicitLikelihood = record.likelihood;
        const l1 = this.quantity(`evidence:${record.id}:l1`, explicit.l1);
        const l1Unresponsive = explicit.l1Unresponsive
          ? this.quantity(`evidence:${record.id}:l1Unresponsive`, explicit.l1Unresponsive)
          : l1;
        return {
          l1: { responsive: l1, unresponsive: l1Unresponsive },
          l0: this.quantity(`evidence:${record.id}:l0`, explicit.l0),
          from: "explicit",
        };
      }
      const grade = effectiveGrade(record.grade, record.status, this.mapping);
      if (!grade) return undefined;
      const key = gradeKey(grade);
      const cell = this.mapping.cells[key];
      const ids = MAPPING_QUANTITY_IDS[key];
      const l1 = this.quantity(ids.l1, cell.l1);
      const l0 = this.quantity(ids.l0, cell.l0);
      return { l1: { responsive: l1, unresponsive: l1 }, l0, from: "mapping", grade: key };
    } finally {
      this.tracking = tracking;
    }
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
    const at = slot.index * CLASS_COUNT;
    for (let k = 0; k < CLASS_COUNT; k++) {
      const coverage = this.voidCoverage[at + k]!;
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
    const at = slot.index * 2 * CLASS_COUNT + c * CLASS_COUNT;
    for (let k = 0; k < CLASS_COUNT; k++) {
      const coverage = this.coverage[at + k]!;
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
    const common = slot.base * existenceFactor;
    const before0 = this.pResponsive * common * Math.exp(clampLog(slot.evidenceLog0 + slot.alertLog0));
    const before1 = (1 - this.pResponsive) * common * Math.exp(clampLog(slot.evidenceLog1 + slot.alertLog1));
    const after0 = before0 * this.classNonDetection(slot, 0);
    const after1 = before1 * this.classNonDetection(slot, 1);
    this.sumBefore0 += before0 - slot.before0;
    this.sumBefore1 += before1 - slot.before1;
    this.sumAfter0 += after0 - slot.after0;
    this.sumAfter1 += after1 - slot.after1;
    slot.before0 = before0;
    slot.before1 = before1;
    slot.after0 = after0;
    slot.after1 = after1;
  }

  /** Exact sums (the running sums carry rounding from many small updates). */
  private exactSums(): { before0: number; before1: number; after0: number; after1: number } {
    let before0 = 0;
    let before1 = 0;
    let after0 = 0;
    let after1 = 0;
    for (const slot of this.slots) {
      before0 += slot.before0;
      before1 += slot.before1;
      after0 += slot.after0;
      after1 += slot.after1;
    }
    if (!(after0 + after1 > 0) || !(before0 + before1 > 0)) {
      throw new AtharError(
        "validation_failed",
        "the log leaves no probability anywhere; ROW must keep a share above 0",
      );
    }
    return { before0, before1, after0, after1 };
  }

  /** The headline figures of the current evaluation, without building the per-segment results. */
  headline(): HeadlineFigures {
    const { before0, before1, after0, after1 } = this.exactSums();
    const totalAfter = after0 + after1;
    const figures: HeadlineFigures = {
      posResponsive: before0 > 0 ? 1 - after0 / before0 : 0,
      posUnresponsive: before1 > 0 ? 1 - after1 / before1 : 0,
      posCombined: 1 - totalAfter / (before0 + before1),
      remainingSearchedSpaces: 0,
      remainingUnsearchedSpaces: 0,
      remainingHypotheses: 0,
      remainingRow: 0,
    };
    for (const slot of this.slots) {
      figures[remainingCategory(slot.segment.kind, slot.searches.length)] +=
        (slot.after0 + slot.after1) / totalAfter;
    }
    return figures;
  }

  state(): SearchState {
    const { before0, before1, after0, after1 } = this.exactSums();
    const totalBefore = before0 + before1;
    const totalAfter = after0 + after1;
    const share = (value: number, total: number): number => (total > 0 ? value / total : 0);
    const segments = this.slots.map((slot): SegmentResult => {
      const before = slot.before0 + slot.before1;
      const capsReached: MethodClassId[] = [];
      for (let k = 0; k < CLASS_COUNT; k++) {
        const cap = this.methodClasses[METHOD_CLASS_IDS[k]!].cap;
        const person = slot.index * 2 * CLASS_COUNT;
        const reached =
          Math.exp(-this.coverage[person + k]!) < 1 - cap ||
          Math.exp(-this.coverage[person + CLASS_COUNT + k]!) < 1 - cap ||
          Math.exp(-this.voidCoverage[slot.index * CLASS_COUNT + k]!) < 1 - cap;
        if (reached) capsReached.push(METHOD_CLASS_IDS[k]!);
      }
      const result: SegmentResult = {
        segment: slot.segment,
        poa: share(slot.after0 + slot.after1, totalAfter),
        poaByClass: { responsive: share(slot.after0, after0), unresponsive: share(slot.after1, after1) },
        poaBeforeSearch: share(before, totalBefore),
        poaBeforeSearchByClass: {
          responsive: share(slot.before0, before0),
          unresponsive: share(slot.before1, before1),
        },
        pod: {
          responsive: 1 - this.classNonDetection(slot, 0),
          unresponsive: 1 - this.classNonDetection(slot, 1),
        },
        podCombined: before > 0 ? 1 - (slot.after0 + slot.after1) / before : 0,
        searches: slot.searches.length,
        alerts: slot.alerts,
        subjectsFound: slot.subjectsFound,
        methodsUsed: [...new Set(slot.searches.map((s) => s.methodId))],
        capsReached,
      };
      if (slot.segment.kind === "hypothesis") {
        let miss = 1;
        for (let k = 0; k < CLASS_COUNT; k++) {
          const coverage = this.voidCoverage[slot.index * CLASS_COUNT + k]!;
          if (coverage > 0) miss *= this.nonDetection(coverage, k);
        }
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
      classPosterior: { responsive: after0 / totalAfter, unresponsive: after1 / totalAfter },
      pos: {
        responsive: before0 > 0 ? 1 - after0 / before0 : 0,
        unresponsive: before1 > 0 ? 1 - after1 / before1 : 0,
        combined: 1 - totalAfter / totalBefore,
      },
      evidence: this.evidenceResults(),
      methods: [...this.methods.values()],
      methodClasses: { ...this.methodClasses },
      mapping: this.mapping,
      parameters: { ...this.parameters },
      plannerEstimates: this.estimates.size,
      timeline: this.timeline,
      posSeries: this.series,
      uncertainQuantities: new Map(this.used),
      warnings: [...new Set([...this.baseWarnings, ...this.warnings])],
      eventCount: this.eventCount,
    };
  }
}
