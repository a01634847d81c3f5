/**
 * The plan engine as the site-analysis routes use it: one worker thread per app (import, export, hidden-space
 * analysis and route searches run there, off the event loop), the site's plan read from storage with its
 * version, and the helpers that turn engine answers into what the API shows (places with labels and points,
 * candidates linked to the suspected spaces drawn on them).
 */
import type { Point } from "@athar/core";
import { siteImport } from "@athar/db";
import {
  candidateNode,
  centroid,
  DEFAULT_ROUTE_OPTIONS,
  OUTSIDE_NODE,
  type PlanDocument,
  type PlanSpace,
  pointInPolygon,
  type Route,
  type RouteOptions,
  type VoidAnalysis,
  type VoidCandidate,
} from "@athar/plans";
import { PlanWorker } from "@athar/plans/node";
import type { FastifyInstance } from "fastify";
import type { AppContext } from "../context";

const workers = new WeakMap<AppContext, PlanWorker>();

/** The app's plan worker (one per app, shared by the site-analysis route modules; closed with the app). */
export function planWorkerOf(context: AppContext, app: FastifyInstance): PlanWorker {
  let worker = workers.get(context);
  if (!worker) {
    worker = new PlanWorker();
    workers.set(context, worker);
  }
  const current = worker;
  app.addHook("onClose", async () => {
    if (workers.get(context) === current) workers.delete(context);
    await current.close();
  });
  return current;
}

/** Audit entity types whose writes change a site's plan (every write is audited: see db/src/store.ts). */
const PLAN_ENTITY_TYPES = ["site", "building", "level", "space", "opening"];
const CACHED_PLANS = 8;

/**
 * Sites' plans as last read, each with the audit sequence number read just before it. Every write appends an
 * audit entry, so a plan is still current when no entry since that number concerns a site-model record; the
 * check is two small queries, where reading a 10,000-space plan takes most of a second. Conservative: any
 * site-model write anywhere re-reads. Per process; another instance keeps its own.
 */
class SitePlanCache {
  private readonly plans = new Map<string, { plan: siteImport.SitePlan; seq: number }>();

  async get(db: AppContext["store"]["db"], siteId: string): Promise<siteImport.SitePlan> {
    const head = await db
      .selectFrom("audit_head")
      .select("seq")
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    const cached = this.plans.get(siteId);
    if (cached) {
      const changed =
        cached.seq === head.seq
          ? undefined
          : await db
              .selectFrom("audit_log")
              .select("seq")
              .where("seq", ">", cached.seq)
              .where("seq", "<=", head.seq)
              .where("entity_type", "in", PLAN_ENTITY_TYPES)
              .limit(1)
              .executeTakeFirst();
      if (!changed) {
        cached.seq = Math.max(cached.seq, head.seq);
        this.plans.delete(siteId);
        this.plans.set(siteId, cached);
        return cached.plan;
      }
    }
    const plan = await siteImport.readSitePlan(db, siteId);
    this.plans.delete(siteId);
    this.plans.set(siteId, { plan, seq: head.seq });
    while (this.plans.size > CACHED_PLANS) {
      const oldest = this.plans.keys().next().value;
      if (oldest === undefined) break;
      this.plans.delete(oldest);
    }
    return plan;
  }
}

const planCaches = new WeakMap<AppContext, SitePlanCache>();

/** The site's plan (shared between requests: never mutate it). */
export async function readPlan(context: AppContext, siteId: string): Promise<siteImport.SitePlan> {
  let cache = planCaches.get(context);
  if (!cache) {
    cache = new SitePlanCache();
    planCaches.set(context, cache);
  }
  return cache.get(context.store.db, siteId);
}

export const analyse = (worker: PlanWorker, plan: siteImport.SitePlan): Promise<VoidAnalysis> =>
  worker.analyse(plan.version, () => plan.document);

/**
 * The suspected space drawn on a candidate, if any: on the candidate's level (or, below every known level,
 * on a suspected level of that ordinal in the same building), one of the two containing the other's centroid.
 */
export function suspectedSpaceOn(candidate: VoidCandidate, document: PlanDocument): PlanSpace | null {
  const { spaces, levels } = suspectedOf(document);
  const centre = centroid(candidate.polygon);
  for (const space of spaces) {
    const level = levels.get(space.levelId);
    if (!level) continue;
    const sameLevel =
      candidate.levelId === null
        ? level.buildingId === candidate.buildingId && level.ordinal === candidate.levelOrdinal
        : space.levelId === candidate.levelId;
    if (!sameLevel) continue;
    if (pointInPolygon(centre, space.polygon) || pointInPolygon(centroid(space.polygon), candidate.polygon))
      return space;
  }
  return null;
}

/** The suspected spaces of a plan and its levels, found once per plan (plans are cached and never change). */
const suspectedByPlan = new WeakMap<
  PlanDocument,
  { spaces: PlanSpace[]; levels: Map<string, PlanDocument["levels"][number]> }
>();
function suspectedOf(document: PlanDocument) {
  let found = suspectedByPlan.get(document);
  if (!found) {
    found = {
      spaces: document.spaces.filter((s) => s.status === "suspected"),
      levels: new Map(document.levels.map((l) => [l.id, l])),
    };
    suspectedByPlan.set(document, found);
  }
  return found;
}

export interface Place {
  id: string;
  kind: "outside" | "space" | "candidate";
  /** In English, for logs and texts the server writes (assignment notes); clients build their own. */
  label: string;
  /** A space's name and kind, a candidate's area. */
  name: string | null;
  spaceKind: string | null;
  areaM2: number | null;
  levelId: string | null;
  levelName: string | null;
  levelOrdinal: number | null;
  point: Point | null;
}

/** Names and positions of the places routes start from, pass through and lead to. */
export class PlaceBook {
  private readonly spaces: Map<string, PlanSpace>;
  private readonly levels: Map<string, { name: string; ordinal: number }>;
  private readonly candidates: Map<string, VoidCandidate>;
  private readonly openings: Map<string, PlanDocument["openings"][number]>;
  private readonly levelRecords: Map<string, PlanDocument["levels"][number]>;
  private readonly footprints: Map<string, Point[]>;
  private readonly levelCentres = new Map<string, Point>();

  constructor(document: PlanDocument, candidates: readonly VoidCandidate[]) {
    this.spaces = new Map(document.spaces.map((s) => [s.id, s]));
    this.levels = new Map(document.levels.map((l) => [l.id, { name: l.name, ordinal: l.ordinal }]));
    this.candidates = new Map(candidates.map((c) => [candidateNode(c.id), c]));
    this.openings = new Map(document.openings.map((o) => [o.id, o]));
    this.levelRecords = new Map(document.levels.map((l) => [l.id, l]));
    this.footprints = new Map(
      document.buildings.filter((b) => b.footprint !== null).map((b) => [b.id, b.footprint as Point[]]),
    );
    const sums = new Map<string, { x: number; y: number; n: number }>();
    for (const space of document.spaces) {
      const [x, y] = centroid(space.polygon);
      const sum = sums.get(space.levelId) ?? { x: 0, y: 0, n: 0 };
      sums.set(space.levelId, { x: sum.x + x, y: sum.y + y, n: sum.n + 1 });
    }
    for (const [id, sum] of sums) this.levelCentres.set(id, [sum.x / sum.n, sum.y / sum.n]);
  }

  space(id: string): PlanSpace | undefined {
    return this.spaces.get(id);
  }

  candidate(nodeId: string): VoidCandidate | undefined {
    return this.candidates.get(nodeId);
  }

  place(id: string): Place | null {
    const none = { name: null, spaceKind: null, areaM2: null, levelName: null };
    if (id === OUTSIDE_NODE)
      return {
        ...none,
        id,
        kind: "outside",
        label: "outside",
        levelId: null,
        levelOrdinal: null,
        point: null,
      };
    const space = this.spaces.get(id);
    if (space) {
      const level = this.levels.get(space.levelId);
      const name = space.name || space.kind;
      return {
        ...none,
        id,
        kind: "space",
        label: level ? `${name} (${level.name})` : name,
        name: space.name,
        spaceKind: space.kind,
        levelName: level?.name ?? null,
        levelId: space.levelId,
        levelOrdinal: level?.ordinal ?? null,
        point: centroid(space.polygon),
      };
    }
    const candidate = this.candidates.get(id);
    if (candidate) {
      const level = candidate.levelId ? this.levels.get(candidate.levelId) : undefined;
      return {
        ...none,
        id,
        kind: "candidate",
        areaM2: candidate.areaM2,
        levelName: level?.name ?? null,
        label: `hidden-space candidate, ${candidate.areaM2.toFixed(0)} m² (${level?.name ?? `level ${candidate.levelOrdinal}`})`,
        levelId: candidate.levelId,
        levelOrdinal: candidate.levelOrdinal,
        point: centroid(candidate.polygon),
      };
    }
    return null;
  }

  /**
   * Where a wall to the outside is breached, for drawing: the middle of the space's edge nearest the level's
   * outline (or its building's footprint); with neither, the edge farthest from the middle of the level.
   */
  private exteriorPoint(ring: readonly Point[], levelId: string | null): Point {
    const level = levelId ? this.levelRecords.get(levelId) : undefined;
    const outer = level?.outline.map((part) => part.outer) ?? [];
    const footprint = level ? this.footprints.get(level.buildingId) : undefined;
    if (outer.length === 0 && footprint) outer.push(footprint);
    const middles = ring.map((a, k) => {
      const b = ring[(k + 1) % ring.length]!;
      return [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2] as Point;
    });
    const centre = this.levelCentres.get(levelId ?? "") ?? centroid(ring);
    const distance = (a: Point, b: Point) => Math.hypot(a[0] - b[0], a[1] - b[1]);
    // Higher is better: near the outline, or far from the level's middle.
    const score = (p: Point) =>
      outer.length > 0
        ? -Math.min(...outer.map((o) => distance(nearestOnRing(p, o), p)))
        : distance(p, centre);
    let best = middles[0] ?? centroid(ring);
    for (const p of middles) if (score(p) > score(best)) best = p;
    return best;
  }

  private outlineOf(id: string): { ring: Point[]; levelId: string | null } | null {
    const space = this.spaces.get(id);
    if (space) return { ring: space.polygon, levelId: space.levelId };
    const candidate = this.candidates.get(id);
    return candidate ? { ring: candidate.polygon, levelId: candidate.levelId } : null;
  }

  /** What a step goes through (an opening's kind and name, the stairs' name) and where, for drawing. */
  via(step: Route["steps"][number]): {
    point: Point | null;
    levelId: string | null;
    featureKind: string | null;
    featureName: string | null;
  } {
    if (step.kind === "opening" && step.featureId) {
      const opening = this.openings.get(step.featureId);
      if (opening) {
        return {
          point: opening.position,
          levelId: opening.levelId || null,
          featureKind: opening.kind,
          featureName: opening.name,
        };
      }
    }
    const feature = step.featureId ? this.spaces.get(step.featureId) : undefined;
    const described = { featureKind: feature?.kind ?? null, featureName: feature ? feature.name : null };
    const a = this.outlineOf(step.from);
    const b = this.outlineOf(step.to);
    if (step.kind === "wall_breach" && a && b)
      return { point: nearestBetween(a.ring, b.ring), levelId: a.levelId, ...described };
    const only = a ?? b;
    if (step.kind === "wall_breach" && only) {
      return { point: this.exteriorPoint(only.ring, only.levelId), levelId: only.levelId, ...described };
    }
    return only
      ? { point: centroid(only.ring), levelId: only.levelId, ...described }
      : { point: null, levelId: null, ...described };
  }
}

function nearestOnRing(p: Point, ring: readonly Point[]): Point {
  let best: Point = ring[0] ?? p;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    const dx = b[0] - a[0];
    const dy = b[1] - a[1];
    const len2 = dx * dx + dy * dy;
    const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len2));
    const q: Point = [a[0] + t * dx, a[1] + t * dy];
    const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
    if (d < bestD) {
      bestD = d;
      best = q;
    }
  }
  return best;
}

/** The middle of the gap between two outlines: the point of B nearest A's centre, and back. */
function nearestBetween(a: readonly Point[], b: readonly Point[]): Point {
  const onB = nearestOnRing(centroid(a), b);
  const onA = nearestOnRing(onB, a);
  return [(onA[0] + onB[0]) / 2, (onA[1] + onB[1]) / 2];
}

export function routeOptionsFrom(query: {
  tool?: RouteOptions["tool"] | undefined;
  capability?: RouteOptions["capability"] | undefined;
  keys?: boolean | undefined;
  badges?: boolean | undefined;
  codes?: boolean | undefined;
  power?: "on" | "off" | undefined;
}): Partial<RouteOptions> {
  const options: Partial<RouteOptions> = {};
  if (query.tool !== undefined) options.tool = query.tool;
  if (query.capability !== undefined) options.capability = query.capability;
  if (query.keys !== undefined) options.keys = query.keys;
  if (query.badges !== undefined) options.badges = query.badges;
  if (query.codes !== undefined) options.codes = query.codes;
  if (query.power !== undefined) options.power = query.power;
  return options;
}

export const effectiveOptions = (options: Partial<RouteOptions>) => {
  const merged = { ...DEFAULT_ROUTE_OPTIONS, ...options };
  return {
    tool: merged.tool,
    capability: merged.capability,
    keys: merged.keys,
    badges: merged.badges,
    codes: merged.codes,
    power: merged.power,
  };
};
