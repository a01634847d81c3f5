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

export async function readPlan(context: AppContext, siteId: string): Promise<siteImport.SitePlan> {
  return siteImport.readSitePlan(context.store.db, siteId);
}

export const analyse = (worker: PlanWorker, plan: siteImport.SitePlan): Promise<VoidAnalysis> =>
  worker.analyse(plan.version, () => plan.document);

/**
 * The suspected space drawn on a candidate, if any: on the candidate's level (or, below every known level,
 * on a suspected level of that ordinal in the same building), one of the two containing the other's centroid.
 */
export function suspectedSpaceOn(candidate: VoidCandidate, document: PlanDocument): PlanSpace | null {
  const levels = new Map(document.levels.map((l) => [l.id, l]));
  const centre = centroid(candidate.polygon);
  for (const space of document.spaces) {
    if (space.status !== "suspected") continue;
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

export interface Place {
  id: string;
  kind: "outside" | "space" | "candidate";
  label: string;
  levelId: string | null;
  levelOrdinal: number | null;
  point: Point | null;
}

/** Names and positions of the places routes start from, pass through and lead to. */
export class PlaceBook {
  private readonly spaces: Map<string, PlanSpace>;
  private readonly levels: Map<string, { name: string; ordinal: number }>;
  private readonly candidates: Map<string, VoidCandidate>;

  constructor(
    private readonly document: PlanDocument,
    candidates: readonly VoidCandidate[],
  ) {
    this.spaces = new Map(document.spaces.map((s) => [s.id, s]));
    this.levels = new Map(document.levels.map((l) => [l.id, { name: l.name, ordinal: l.ordinal }]));
    this.candidates = new Map(candidates.map((c) => [candidateNode(c.id), c]));
  }

  space(id: string): PlanSpace | undefined {
    return this.spaces.get(id);
  }

  candidate(nodeId: string): VoidCandidate | undefined {
    return this.candidates.get(nodeId);
  }

  place(id: string): Place | null {
    if (id === OUTSIDE_NODE)
      return { id, kind: "outside", label: "outside", levelId: null, levelOrdinal: null, point: null };
    const space = this.spaces.get(id);
    if (space) {
      const level = this.levels.get(space.levelId);
      const name = space.name || space.kind;
      return {
        id,
        kind: "space",
        label: level ? `${name} (${level.name})` : name,
        levelId: space.levelId,
        levelOrdinal: level?.ordinal ?? null,
        point: centroid(space.polygon),
      };
    }
    const candidate = this.candidates.get(id);
    if (candidate) {
      const level = candidate.levelId ? this.levels.get(candidate.levelId) : undefined;
      return {
        id,
        kind: "candidate",
        label: `hidden-space candidate, ${candidate.areaM2.toFixed(0)} m² (${level?.name ?? `level ${candidate.levelOrdinal}`})`,
        levelId: candidate.levelId,
        levelOrdinal: candidate.levelOrdinal,
        point: centroid(candidate.polygon),
      };
    }
    return null;
  }

  private outlineOf(id: string): { ring: Point[]; levelId: string | null } | null {
    const space = this.spaces.get(id);
    if (space) return { ring: space.polygon, levelId: space.levelId };
    const candidate = this.candidates.get(id);
    return candidate ? { ring: candidate.polygon, levelId: candidate.levelId } : null;
  }

  /** Where a step crosses, for drawing: the opening, the middle of the wall between, the stairs. */
  via(step: Route["steps"][number]): { point: Point | null; levelId: string | null } {
    if (step.kind === "opening" && step.featureId) {
      const opening = this.document.openings.find((o) => o.id === step.featureId);
      if (opening) return { point: opening.position, levelId: opening.levelId || null };
    }
    const a = this.outlineOf(step.from);
    const b = this.outlineOf(step.to);
    if (step.kind === "wall_breach" && a && b)
      return { point: nearestBetween(a.ring, b.ring), levelId: a.levelId };
    if (step.kind === "wall_breach" && (a ?? b)) {
      // A wall to the outside: the point of the outline nearest to the level's outside is not known; use
      // the middle of the outline's longest edge facing away from the centre.
      const only = (a ?? b)!;
      return { point: outerPoint(only.ring), levelId: only.levelId };
    }
    const over = a ?? b;
    return over ? { point: centroid(over.ring), levelId: over.levelId } : { point: null, levelId: null };
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

function outerPoint(ring: readonly Point[]): Point {
  let best: Point = ring[0] ?? [0, 0];
  let bestLength = -1;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    const length = Math.hypot(b[0] - a[0], b[1] - a[1]);
    if (length > bestLength) {
      bestLength = length;
      best = [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];
    }
  }
  return best;
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
