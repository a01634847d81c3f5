/**
 * What the search routes answer, built from a snapshot of the log (its stored events and their fold): the
 * state of every segment for the heat map, evidence with what it does now and its history, hypotheses,
 * planners' estimates and the likelihood table. Nothing here computes a probability: the fold does.
 */
import {
  defaultLikelihoodMapping,
  type EvidenceRecord,
  type GradeKey,
  INFORMATION_CREDIBILITIES,
  type PlannerEstimateRecordedEvent,
  type SearchLogEvent,
  type SegmentResult,
  SOURCE_RELIABILITIES,
  type UncertainValue,
} from "@athar/search";
import type { z } from "zod";
import { possibleEchoes } from "./echo-candidates";
import type {
  estimateListSchema,
  evidenceSchema,
  hypothesisSchema,
  mappingSchema,
  SubjectClassChoice,
  segmentStateSchema,
  stateSchema,
} from "./schemas";
import type { SearchSnapshot } from "./snapshot";

type History = z.infer<typeof evidenceSchema>["history"];
type Names = ReadonlyMap<string, string>;

/** Every user id that recorded an event of the log (for looking up their names once). */
export const recorderIds = (snapshot: SearchSnapshot): string[] => [
  ...new Set(snapshot.stored.flatMap((s) => (s.recordedBy ? [s.recordedBy] : []))),
];

function changedFields(event: SearchLogEvent): string[] {
  switch (event.type) {
    case "evidence.changed":
    case "segment.changed":
      return Object.keys(event.changes);
    case "evidence.refuted":
      return ["status"];
    case "mapping.changed":
      return [...Object.keys(event.cells ?? {}), ...(event.statusCredibility ? ["statusCredibility"] : [])];
    case "hypothesis.resolved":
      return [event.exists ? "exists" : "does_not_exist"];
    case "segment.reachability.changed":
      return [event.reachable ? "reachable" : "unreachable"];
    default:
      return [];
  }
}

function reasonOf(event: SearchLogEvent): string | null {
  if ("reason" in event && typeof event.reason === "string") return event.reason;
  if (event.type === "mapping.changed") return event.source;
  return null;
}

function historyOf(
  snapshot: SearchSnapshot,
  names: Names,
  touches: (event: SearchLogEvent) => boolean,
): History {
  return snapshot.stored
    .filter((s) => touches(s.event))
    .map((s) => ({
      eventId: s.event.id,
      seq: s.seq,
      type: s.event.type,
      at: s.event.at,
      recordedBy: s.recordedBy,
      recordedByName: s.recordedBy ? (names.get(s.recordedBy) ?? null) : null,
      reason: reasonOf(s.event),
      changed: changedFields(s.event),
    }));
}

const segmentsById = (snapshot: SearchSnapshot): Map<string, SegmentResult> =>
  new Map(snapshot.state.segments.map((r) => [r.segment.id, r]));

// ─── state (heat map) ──────────────────────────────────────────────────────────────────────────────────

export function stateView(
  snapshot: SearchSnapshot,
  subjectClass: SubjectClassChoice,
  unsyncedSpaces: number,
): z.infer<typeof stateSchema> {
  const { state } = snapshot;
  const counted = new Map<string, number>();
  const total = new Map<string, number>();
  for (const result of state.evidence) {
    // Claims about one segment; those about a whole level or site are listed with the evidence.
    const id = result.record.target.segmentId;
    if (id === undefined) continue;
    total.set(id, (total.get(id) ?? 0) + 1);
    if (result.counted) counted.set(id, (counted.get(id) ?? 0) + 1);
  }
  let row: SegmentResult | undefined;
  const segments: z.infer<typeof segmentStateSchema>[] = [];
  let maxPoa = 0;
  for (const result of state.segments) {
    const { segment } = result;
    if (segment.kind === "row") {
      row = result;
      continue;
    }
    const poaByClass = { ...result.poaByClass, combined: result.poa };
    const podByClass = { ...result.pod, combined: result.podCombined };
    const poa = poaByClass[subjectClass];
    maxPoa = Math.max(maxPoa, poa);
    segments.push({
      segmentId: segment.id,
      kind: segment.kind,
      label: segment.label ?? null,
      levelId: segment.levelId ?? null,
      poa,
      poaBeforeSearch:
        subjectClass === "combined" ? result.poaBeforeSearch : result.poaBeforeSearchByClass[subjectClass],
      pod: podByClass[subjectClass],
      poaByClass,
      podByClass,
      pExists: result.pExists ?? null,
      pExistsPrior: result.pExistsPrior ?? null,
      resolved: result.resolved ?? null,
      reachable: segment.reachable,
      searches: result.searches,
      alerts: result.alerts,
      subjectsFound: result.subjectsFound,
      evidenceCounted: counted.get(segment.id) ?? 0,
      evidenceTotal: total.get(segment.id) ?? 0,
    });
  }
  const rowPoa = row ? (subjectClass === "combined" ? row.poa : row.poaByClass[subjectClass]) : 1;
  const rowBefore = row
    ? subjectClass === "combined"
      ? row.poaBeforeSearch
      : row.poaBeforeSearchByClass[subjectClass]
    : 1;
  const headline = {
    posResponsive: state.pos.responsive,
    posUnresponsive: state.pos.unresponsive,
    posCombined: state.pos.combined,
    remainingSearchedSpaces: 0,
    remainingUnsearchedSpaces: 0,
    remainingHypotheses: 0,
    remainingRow: row?.poa ?? 1,
  };
  for (const result of state.segments) {
    if (result.segment.kind === "hypothesis") headline.remainingHypotheses += result.poa;
    else if (result.segment.kind === "space") {
      if (result.searches > 0) headline.remainingSearchedSpaces += result.poa;
      else headline.remainingUnsearchedSpaces += result.poa;
    }
  }
  return {
    siteId: snapshot.siteId,
    subjectClass,
    lastSeq: snapshot.lastSeq,
    eventCount: snapshot.events.length,
    logHash: snapshot.logHash,
    pos: state.pos,
    classPosterior: state.classPosterior,
    headline,
    row: { poa: rowPoa, poaBeforeSearch: rowBefore },
    maxPoa,
    segments,
    unsyncedSpaces,
    warnings: state.warnings,
  };
}

// ─── evidence ──────────────────────────────────────────────────────────────────────────────────────────

export type EvidenceView = z.infer<typeof evidenceSchema>;

export function evidenceViews(snapshot: SearchSnapshot, names: Names): EvidenceView[] {
  const segments = segmentsById(snapshot);
  const recorded = new Map<string, { recordedAt: string; recordedBy: string | null }>();
  for (const s of snapshot.stored) {
    if (s.event.type === "evidence.recorded")
      recorded.set(s.event.evidence.id, { recordedAt: s.recordedAt, recordedBy: s.recordedBy });
  }
  const results = snapshot.state.evidence;
  const echoes = possibleEchoes(results);
  return results.map((result, index) => {
    const record: EvidenceRecord = result.record;
    const { target } = record;
    const segment = target.segmentId !== undefined ? segments.get(target.segmentId) : undefined;
    const meta = recorded.get(record.id);
    const used = result.likelihood
      ? {
          l1Responsive: result.likelihood.l1.responsive,
          l1Unresponsive: result.likelihood.l1.unresponsive,
          l0: result.likelihood.l0,
          from: result.likelihood.from,
          grade: result.likelihood.grade ?? null,
          oddsFactor:
            record.assertion === "present"
              ? result.likelihood.l1.responsive / result.likelihood.l0
              : result.likelihood.l0 / result.likelihood.l1.responsive,
        }
      : null;
    return {
      id: record.id,
      number: index + 1,
      kind: record.kind,
      target: {
        segmentId: target.segmentId ?? null,
        levelId: target.levelId ?? null,
        siteId: target.siteId ?? null,
        about: target.about,
      },
      segment: {
        label: segment?.segment.label ?? null,
        kind:
          segment?.segment.kind ??
          (target.levelId !== undefined ? "level" : target.siteId ? "site" : "space"),
        levelId: segment?.segment.levelId ?? target.levelId ?? null,
      },
      point: record.point
        ? { x: record.point.x, y: record.point.y, levelId: record.point.levelId ?? null }
        : null,
      observedAt: record.observedAt ?? null,
      reportedBy: record.reportedBy,
      reportedThrough: record.reportedThrough,
      echoOf: record.echoOf ?? null,
      originRef: record.originRef ?? null,
      grade: record.grade,
      status: record.status,
      statusReason: record.statusReason ?? null,
      assertion: record.assertion,
      summary: record.summary ?? null,
      likelihood: record.likelihood ?? null,
      counted: result.counted,
      note: result.note ?? null,
      countedAs: result.countedAs,
      used,
      possibleEchoOf: echoes.get(record.id) ?? [],
      recordedAt: meta?.recordedAt ?? "",
      recordedBy: meta?.recordedBy ?? null,
      recordedByName: meta?.recordedBy ? (names.get(meta.recordedBy) ?? null) : null,
      history: historyOf(
        snapshot,
        names,
        (event) =>
          (event.type === "evidence.recorded" && event.evidence.id === record.id) ||
          ((event.type === "evidence.changed" || event.type === "evidence.refuted") &&
            event.evidenceId === record.id),
      ),
    };
  });
}

// ─── hypotheses ────────────────────────────────────────────────────────────────────────────────────────

export function hypothesisViews(
  snapshot: SearchSnapshot,
  names: Names,
  spaceIds: ReadonlySet<string>,
): z.infer<typeof hypothesisSchema>[] {
  const counted = new Map<string, number>();
  for (const result of snapshot.state.evidence) {
    const id = result.record.target.segmentId;
    if (result.counted && id !== undefined) counted.set(id, (counted.get(id) ?? 0) + 1);
  }
  return snapshot.state.segments
    .filter((r) => r.segment.kind === "hypothesis")
    .map((result) => {
      const { segment } = result;
      return {
        segmentId: segment.id,
        label: segment.label ?? null,
        levelId: segment.levelId ?? null,
        isSpace: spaceIds.has(segment.id),
        areaM2: segment.areaM2 ?? null,
        weight: segment.weight,
        reachable: segment.reachable,
        pExistsPrior: result.pExistsPrior ?? segment.pExists ?? 1,
        pExists: result.pExists ?? 1,
        poa: result.poa,
        podVoid: result.podVoid ?? 0,
        resolved: result.resolved ?? null,
        searches: result.searches,
        evidenceCounted: counted.get(segment.id) ?? 0,
        history: historyOf(snapshot, names, (event) => {
          switch (event.type) {
            case "segment.added":
              return event.segment.id === segment.id;
            case "segment.changed":
            case "segment.reachability.changed":
            case "hypothesis.resolved":
              return event.segmentId === segment.id;
            default:
              return false;
          }
        }),
      };
    });
}

// ─── planners' estimates ───────────────────────────────────────────────────────────────────────────────

export function estimateViews(
  snapshot: SearchSnapshot,
  names: Names,
): z.infer<typeof estimateListSchema>["estimates"] {
  const latest = new Map<string, PlannerEstimateRecordedEvent>();
  for (const { event } of snapshot.stored)
    if (event.type === "planner.estimate.recorded") {
      latest.delete(event.plannerId);
      latest.set(event.plannerId, event);
    }
  return [...latest.values()].map((event) => ({
    plannerId: event.plannerId,
    plannerName: names.get(event.plannerId) ?? null,
    eventId: event.id,
    at: event.at,
    weights: event.weights,
  }));
}

// ─── likelihood table ──────────────────────────────────────────────────────────────────────────────────

const sameValue = (a: UncertainValue, b: UncertainValue): boolean =>
  a.min === b.min && a.likely === b.likely && a.max === b.max && a.source === b.source;

export function mappingView(
  snapshot: SearchSnapshot,
  names: Names,
): Omit<z.infer<typeof mappingSchema>, "lastSeq" | "logHash"> {
  const { mapping } = snapshot.state;
  const defaults = defaultLikelihoodMapping();
  const cells = SOURCE_RELIABILITIES.flatMap((reliability) =>
    INFORMATION_CREDIBILITIES.map((credibility) => {
      const grade = `${reliability}${credibility}` as GradeKey;
      const cell = mapping.cells[grade];
      const base = defaults.cells[grade];
      return {
        grade,
        reliability,
        credibility,
        l1: cell.l1,
        l0: cell.l0,
        ratio: cell.l1.likely / cell.l0.likely,
        // The weakest and strongest reading the ranges allow.
        ratioRange: { min: cell.l1.min / cell.l0.max, max: cell.l1.max / cell.l0.min },
        isDefault: sameValue(cell.l1, base.l1) && sameValue(cell.l0, base.l0),
      };
    }),
  );
  return {
    source: mapping.source,
    statusCredibility: mapping.statusCredibility,
    cells,
    history: historyOf(snapshot, names, (event) => event.type === "mapping.changed"),
  };
}
