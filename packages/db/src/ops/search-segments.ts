/**
 * Where operations meet the search log. The segments of the search model for a site's spaces carry the
 * space's id as their segment id, so an assignment names a cell by its space id and the heat map finds the
 * POA of a space under the same id. See docs/decisions/ops-search-log-segments.md for weights and ROW.
 *
 * Reading what the log knows is done with the events' types (segment.added, segment.reachability.changed,
 * method.changed): cheap at any log length, unlike folding the whole log, which is left to the reads that
 * need probabilities (recommendations, the heat map).
 */
import { AtharError } from "@athar/core";
import { signedArea } from "@athar/plans";
import {
  DEFAULT_METHODS,
  type DetectionMethod,
  foldSearchLog,
  type SearchLogEvent,
  type SegmentAddedEvent,
  type SegmentInput,
} from "@athar/search";
import type { Kysely } from "kysely";
import { appendSearchEvents } from "../repositories/search-log";
import type { Database } from "../schema";
import type { WriteContext } from "../store";
import { computeReachability, type Reachability } from "./reachability";

/** Prior probability that a space the site model marks `suspected` exists (illustrative; see the decision). */
export const SUSPECTED_SPACE_P_EXISTS = 0.5;

export interface KnownSegment {
  input: SegmentInput;
  reachable: boolean;
  /** The segment.added event, for validating new events against a small log. */
  added: SegmentAddedEvent;
}

export interface LogKnowledge {
  /** Every segment of the log when `complete`; else only those asked for. */
  segments: Map<string, KnownSegment>;
  complete: boolean;
  methods: Map<string, DetectionMethod>;
  methodEvents: SearchLogEvent[];
}

/**
 * Parsed events by their stored text. Stored events never change, and the same text always parses to the
 * same event, so this cache can never be stale; it only spares re-parsing a site's segments on every
 * report. Bounded: cleared when it grows past CACHE_LIMIT entries. Nobody may mutate what it returns.
 */
const parsed = new Map<string, SearchLogEvent>();
const CACHE_LIMIT = 200_000;

function parseStored(text: string): SearchLogEvent {
  let event = parsed.get(text);
  if (!event) {
    if (parsed.size >= CACHE_LIMIT) parsed.clear();
    event = JSON.parse(text) as SearchLogEvent;
    parsed.set(text, event);
  }
  return event;
}

/**
 * What the site's log knows about segments, reachability and methods. With `only`, just those segments (and
 * every reachability and method change): read through the event ids operations give space segments, so a
 * report does not re-read a whole site; when one of them was added under another id, the whole log is read.
 */
export async function readLogKnowledge(
  db: Kysely<Database>,
  siteId: string,
  only?: readonly string[],
): Promise<LogKnowledge> {
  let rows: { seq: number; payload_json: string }[] | null = null;
  if (only && only.length > 0 && only.length <= 500) {
    const added = await db
      .selectFrom("search_events")
      .select(["seq", "payload_json"])
      .where("site_id", "=", siteId)
      .where("event_id", "in", only.map(segmentAddedEventId))
      .execute();
    if (added.length === new Set(only).size) {
      const changes = await db
        .selectFrom("search_events")
        .select(["seq", "payload_json"])
        .where("site_id", "=", siteId)
        .where("type", "in", ["segment.reachability.changed", "method.changed"])
        .execute();
      rows = [...added, ...changes].sort((a, b) => a.seq - b.seq);
    }
  }
  const complete = rows === null;
  rows ??= await db
    .selectFrom("search_events")
    .select(["seq", "payload_json"])
    .where("site_id", "=", siteId)
    .where("type", "in", ["segment.added", "segment.reachability.changed", "method.changed"])
    .orderBy("seq")
    .execute();
  const segments = new Map<string, KnownSegment>();
  const methods = new Map<string, DetectionMethod>(DEFAULT_METHODS.map((m) => [m.id, m]));
  const methodEvents: SearchLogEvent[] = [];
  for (const row of rows) {
    const event = parseStored(row.payload_json);
    if (event.type === "segment.added") {
      segments.set(event.segment.id, {
        input: event.segment,
        reachable: event.segment.reachable ?? true,
        added: event,
      });
    } else if (event.type === "segment.reachability.changed") {
      const known = segments.get(event.segmentId);
      if (known) known.reachable = event.reachable;
    } else if (event.type === "method.changed") {
      methods.set(event.method.id, event.method);
      methodEvents.push(event);
    }
  }
  return { segments, methods, methodEvents, complete };
}

export interface SiteSpace {
  id: string;
  name: string;
  kind: string;
  status: string;
  levelId: string;
  levelName: string;
  levelOrdinal: number;
  levelStatus: string;
  buildingId: string;
  areaM2: number;
}

export interface SiteOpening {
  id: string;
  name: string;
  kind: string;
  spaceAId: string;
  spaceBId: string | null;
  state: string;
  lock: string;
  material: string;
}

export interface SiteModel {
  spaces: Map<string, SiteSpace>;
  openings: SiteOpening[];
  reach: Reachability;
}

export async function readSiteModel(db: Kysely<Database>, siteId: string): Promise<SiteModel> {
  const spaceRows = await db
    .selectFrom("spaces")
    .innerJoin("levels", "levels.id", "spaces.level_id")
    .innerJoin("buildings", "buildings.id", "levels.building_id")
    .select([
      "spaces.id as id",
      "spaces.name as name",
      "spaces.kind as kind",
      "spaces.status as status",
      "spaces.polygon_json as polygon_json",
      "levels.id as level_id",
      "levels.name as level_name",
      "levels.ordinal as level_ordinal",
      "levels.status as level_status",
      "buildings.id as building_id",
    ])
    .where("buildings.site_id", "=", siteId)
    .execute();
  const spaces = new Map<string, SiteSpace>();
  for (const row of spaceRows) {
    spaces.set(row.id, {
      id: row.id,
      name: row.name,
      kind: row.kind,
      status: row.status,
      levelId: row.level_id,
      levelName: row.level_name,
      levelOrdinal: row.level_ordinal,
      levelStatus: row.level_status,
      buildingId: row.building_id,
      areaM2: Math.abs(signedArea(JSON.parse(row.polygon_json) as [number, number][])),
    });
  }
  const openingRows =
    spaces.size === 0
      ? []
      : await db
          .selectFrom("openings")
          .innerJoin("spaces", "spaces.id", "openings.space_a_id")
          .innerJoin("levels", "levels.id", "spaces.level_id")
          .innerJoin("buildings", "buildings.id", "levels.building_id")
          .select([
            "openings.id as id",
            "openings.name as name",
            "openings.kind as kind",
            "openings.space_a_id as space_a_id",
            "openings.space_b_id as space_b_id",
            "openings.state as state",
            "openings.lock_kind as lock_kind",
            "openings.material as material",
          ])
          .where("buildings.site_id", "=", siteId)
          .execute();
  const openings: SiteOpening[] = openingRows.map((row) => ({
    id: row.id,
    name: row.name,
    kind: row.kind,
    spaceAId: row.space_a_id,
    spaceBId: row.space_b_id,
    state: row.state,
    lock: row.lock_kind,
    material: row.material,
  }));
  const reach = computeReachability([...spaces.values()], openings);
  return { spaces, openings, reach };
}

/**
 * The segment a space becomes. Every space weighs 1 (no evidence: every space equally likely; planners'
 * estimates replace these weights). A space on a suspected level or marked suspected is a hypothesis that
 * exists with probability SUSPECTED_SPACE_P_EXISTS. Ruled-out spaces get no segment.
 */
export function segmentForSpace(siteId: string, space: SiteSpace, reachable: boolean): SegmentInput | null {
  if (space.status === "ruled_out" || space.levelStatus === "ruled_out") return null;
  const suspected = space.status === "suspected" || space.levelStatus === "suspected";
  const label = `${space.levelName} · ${space.name || space.kind}`.slice(0, 200);
  const segment: SegmentInput = {
    id: space.id,
    kind: suspected ? "hypothesis" : "space",
    label,
    siteId,
    levelId: space.levelId,
    reachable,
    weight: 1,
  };
  if (space.areaM2 > 0) segment.areaM2 = space.areaM2;
  if (suspected) segment.pExists = SUSPECTED_SPACE_P_EXISTS;
  return segment;
}

export const segmentAddedEventId = (spaceId: string): string => `ops-segment:${spaceId}`;

/**
 * Adds to the site's search log a segment for every space of the site model it does not know yet (or only
 * for `onlySpaceIds`). Returns the log knowledge afterwards.
 */
export async function syncSpaceSegments(
  w: WriteContext,
  siteId: string,
  options: { onlySpaceIds?: readonly string[]; model?: SiteModel; knowledge?: LogKnowledge } = {},
): Promise<LogKnowledge> {
  let knowledge = options.knowledge ?? (await readLogKnowledge(w.trx, siteId, options.onlySpaceIds));
  // Nothing to add: spare the read of the whole site model (this runs on every report).
  if (options.onlySpaceIds?.every((id) => knowledge.segments.has(id))) return knowledge;
  if (!knowledge.complete) knowledge = await readLogKnowledge(w.trx, siteId);
  const model = options.model ?? (await readSiteModel(w.trx, siteId));
  const wanted = options.onlySpaceIds
    ? options.onlySpaceIds.filter((id) => model.spaces.has(id))
    : [...model.spaces.keys()];
  const events: SegmentAddedEvent[] = [];
  const at = w.now.toISOString();
  for (const spaceId of wanted) {
    if (knowledge.segments.has(spaceId)) continue;
    const space = model.spaces.get(spaceId) as SiteSpace;
    const segment = segmentForSpace(siteId, space, model.reach.reachable.has(spaceId));
    if (!segment) continue;
    events.push({ id: segmentAddedEventId(spaceId), at, type: "segment.added", segment });
  }
  if (events.length > 0) {
    await appendSearchEvents(w, siteId, events);
    for (const event of events) {
      knowledge.segments.set(event.segment.id, {
        input: event.segment,
        reachable: event.segment.reachable ?? true,
        added: event,
      });
    }
  }
  return knowledge;
}

/**
 * Checks new events the way the fold will: folds a small log made of the segments they touch, the site's
 * method changes and the new events. An event the fold would refuse never reaches the log, where it would
 * make every later fold of the site fail.
 */
export function assertFoldable(knowledge: LogKnowledge, events: readonly SearchLogEvent[]): void {
  const touched = new Set<string>();
  for (const event of events) {
    if (event.type === "search.completed") touched.add(event.search.segmentId);
    if (event.type === "segment.reachability.changed") touched.add(event.segmentId);
  }
  const log: SearchLogEvent[] = [];
  for (const id of touched) {
    const known = knowledge.segments.get(id);
    if (!known) throw new AtharError("dangling_reference", `segment ${id} is not in the site's search log`);
    log.push(known.added);
  }
  log.push(...knowledge.methodEvents, ...events);
  foldSearchLog(log, { history: false });
}
