/**
 * Turning requests into search-log events: where a claim is (a segment, or a point on a level's plan resolved
 * to the space that contains it), the evidence record and its corrections. References are checked here so
 * that a mistake answers with the field at fault (404, 422) rather than with the fold's event index.
 */
import { AtharError, newId } from "@athar/core";
import { type searchLog, sites, type WriteContext } from "@athar/db";
import { pointInPolygon, polygonArea } from "@athar/plans";
import type {
  EvidenceChanges,
  EvidenceRecord,
  EvidenceTarget,
  SearchLogEvent,
  SegmentInput,
} from "@athar/search";
import type { EvidenceInput, EvidenceUpdate } from "./schemas";

type Log = readonly searchLog.StoredSearchEvent[];
type Where = EvidenceInput["where"];

/** Segments of the log as they stand (after corrections), by id. */
export function segmentsOf(log: Log): Map<string, SegmentInput> {
  const segments = new Map<string, SegmentInput>();
  for (const { event } of log) {
    if (event.type === "segment.added") segments.set(event.segment.id, event.segment);
    else if (event.type === "segment.changed") {
      const current = segments.get(event.segmentId);
      if (current) segments.set(event.segmentId, { ...current, ...event.changes });
    }
  }
  return segments;
}

/** Evidence records of the log as they stand, by id. */
export function evidenceOf(log: Log): Map<string, EvidenceRecord> {
  const records = new Map<string, EvidenceRecord>();
  for (const { event } of log) {
    if (event.type === "evidence.recorded") records.set(event.evidence.id, event.evidence);
  }
  return records;
}

/** Common fields of a new event: a fresh id, the write's time and its author. */
export function eventBase(w: WriteContext): { id: string; at: string; actor?: string } {
  return {
    id: `search:${newId()}`,
    at: w.now.toISOString(),
    ...(w.actor.id ? { actor: w.actor.id } : {}),
  };
}

/**
 * What a claim is about. A point is resolved to the space of that level containing it (the smallest one if
 * several overlap), which must have a segment in the log; a level or the site are taken whole.
 */
export async function resolveWhere(
  w: WriteContext,
  siteId: string,
  where: Where,
  segments: ReadonlyMap<string, SegmentInput>,
  path = "where",
): Promise<{ target: Omit<EvidenceTarget, "about">; point?: { x: number; y: number; levelId: string } }> {
  if ("segmentId" in where) {
    if (!segments.has(where.segmentId)) {
      throw new AtharError(
        "dangling_reference",
        `segment ${where.segmentId} is not in the site's search log`,
        [{ path: `${path}.segmentId`, message: "unknown segment" }],
      );
    }
    return { target: { segmentId: where.segmentId } };
  }
  if ("site" in where) return { target: { siteId } };
  const levelSite = await sites.siteIdOfLevel(w.trx, where.levelId).catch(() => null);
  if (levelSite !== siteId) {
    throw new AtharError("not_found", "level not found on this site", [
      { path: `${path}.levelId`, message: "unknown level" },
    ]);
  }
  if (!("x" in where)) {
    if (![...segments.values()].some((s) => s.levelId === where.levelId))
      throw new AtharError("validation_failed", "no space of this level is in the search log", [
        { path: `${path}.levelId`, message: "no segment on this level" },
      ]);
    return { target: { levelId: where.levelId } };
  }
  const plan = await sites.getLevelPlan(w.trx, where.levelId);
  const point: [number, number] = [where.x, where.y];
  const containing = plan.spaces
    .filter((space) => pointInPolygon(point, space.polygon))
    .sort((a, b) => Math.abs(polygonArea(a.polygon)) - Math.abs(polygonArea(b.polygon)));
  const space = containing.find((s) => segments.has(s.id));
  if (!space) {
    throw new AtharError(
      "validation_failed",
      containing.length > 0
        ? "the space at this point is ruled out: it has no segment in the search log"
        : "the point lies in no space of this level",
      [{ path, message: "no space with a segment here" }],
    );
  }
  return { target: { segmentId: space.id }, point: { x: where.x, y: where.y, levelId: where.levelId } };
}

function checkTarget(
  target: EvidenceTarget,
  segments: ReadonlyMap<string, SegmentInput>,
  path: string,
): void {
  const segment = target.segmentId !== undefined ? segments.get(target.segmentId) : undefined;
  if (target.about === "existence" && segment?.kind !== "hypothesis") {
    throw new AtharError(
      "validation_failed",
      "only a hypothesis (a suspected space) has an existence to weigh; this claim is about a known space, a level or the site",
      [{ path, message: "existence claims need a hypothesis" }],
    );
  }
}

function checkEcho(
  echoOf: string | null | undefined,
  evidence: ReadonlyMap<string, EvidenceRecord>,
  path: string,
): void {
  if (echoOf && !evidence.has(echoOf)) {
    throw new AtharError("dangling_reference", `evidence ${echoOf} is not in the site's search log`, [
      { path, message: "unknown evidence" },
    ]);
  }
}

function checkReason(status: string | undefined, reason: string | null | undefined, path: string): void {
  if (status !== undefined && status !== "unverified" && !reason?.trim()) {
    throw new AtharError(
      "validation_failed",
      "a verification status other than unverified needs its reason",
      [{ path, message: "reason required" }],
    );
  }
}

/** The evidence.recorded event for a new claim. */
export async function evidenceRecordedEvent(
  w: WriteContext,
  siteId: string,
  input: EvidenceInput,
  log: Log,
): Promise<{ event: SearchLogEvent; evidenceId: string }> {
  checkReason(input.status, input.statusReason, "statusReason");
  const segments = segmentsOf(log);
  const evidence = evidenceOf(log);
  const where = await resolveWhere(w, siteId, input.where, segments);
  const target: EvidenceTarget = { ...where.target, about: input.about };
  checkTarget(target, segments, "about");
  checkEcho(input.echoOf, evidence, "echoOf");
  const id = newId();
  const record: EvidenceRecord = {
    id,
    kind: input.kind,
    target,
    reportedBy: input.reportedBy,
    reportedThrough: input.reportedThrough,
    grade: input.grade,
    status: input.status,
    assertion: input.assertion,
  };
  if (where.point) record.point = where.point;
  if (input.observedAt) record.observedAt = input.observedAt;
  if (input.echoOf) record.echoOf = input.echoOf;
  if (input.originRef) record.originRef = input.originRef;
  if (input.statusReason?.trim()) record.statusReason = input.statusReason.trim();
  if (input.summary?.trim()) record.summary = input.summary.trim();
  if (input.likelihood) record.likelihood = input.likelihood;
  return { event: { ...eventBase(w), type: "evidence.recorded", evidence: record }, evidenceId: id };
}

/** The evidence.changed event for a correction or a new verification status. */
export async function evidenceChangedEvent(
  w: WriteContext,
  siteId: string,
  evidenceId: string,
  update: EvidenceUpdate,
  log: Log,
): Promise<SearchLogEvent> {
  const evidence = evidenceOf(log);
  const segments = segmentsOf(log);
  // The record as it stands now (after earlier corrections) for the checks below.
  let current = evidence.get(evidenceId);
  if (!current) throw new AtharError("not_found", "evidence not found");
  for (const { event } of log) {
    if (event.type === "evidence.changed" && event.evidenceId === evidenceId) {
      const next = { ...current } as Record<string, unknown>;
      for (const [key, value] of Object.entries(event.changes)) {
        if (value === null) delete next[key];
        else next[key] = value;
      }
      current = next as unknown as EvidenceRecord;
    } else if (event.type === "evidence.refuted" && event.evidenceId === evidenceId) {
      current = { ...current, status: "refuted", statusReason: event.reason };
    }
  }
  const input = update.changes;
  const changes: EvidenceChanges = {};
  if (input.kind !== undefined) changes.kind = input.kind;
  if (input.where !== undefined || input.about !== undefined) {
    const about = input.about ?? current.target.about;
    if (input.where !== undefined) {
      const where = await resolveWhere(w, siteId, input.where, segments, "changes.where");
      changes.target = { ...where.target, about };
      changes.point = where.point ?? null;
    } else {
      const { about: _, ...place } = current.target;
      changes.target = { ...place, about };
    }
    checkTarget(changes.target, segments, input.about !== undefined ? "changes.about" : "changes.where");
  }
  if (input.observedAt !== undefined) changes.observedAt = input.observedAt;
  if (input.reportedBy !== undefined) changes.reportedBy = input.reportedBy;
  if (input.reportedThrough !== undefined) changes.reportedThrough = input.reportedThrough;
  if (input.echoOf !== undefined) {
    if (input.echoOf === evidenceId)
      throw new AtharError("validation_failed", "a record cannot echo itself", [
        { path: "changes.echoOf", message: "itself" },
      ]);
    checkEcho(input.echoOf, evidence, "changes.echoOf");
    changes.echoOf = input.echoOf;
  }
  if (input.originRef !== undefined) changes.originRef = input.originRef;
  if (input.grade !== undefined) changes.grade = input.grade;
  if (input.assertion !== undefined) changes.assertion = input.assertion;
  if (input.summary !== undefined) changes.summary = input.summary?.trim() || null;
  if (input.likelihood !== undefined) changes.likelihood = input.likelihood;
  if (input.status !== undefined) {
    changes.status = input.status;
    // A new status carries its reason: the one given, or the reason of the change.
    const reason = input.statusReason?.trim() || update.reason;
    changes.statusReason = input.status === "unverified" && !input.statusReason ? null : reason;
  } else if (input.statusReason !== undefined) {
    changes.statusReason = input.statusReason?.trim() || null;
  }
  return {
    ...eventBase(w),
    type: "evidence.changed",
    evidenceId,
    changes,
    reason: update.reason,
  };
}
