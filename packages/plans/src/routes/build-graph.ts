/**
 * Builds the route graph of a site (IndoorGML's view: spaces are nodes, shared boundaries are edges).
 * - openings: walk through, or pass the barrier as its state and lock allow (open, unlocked, key, badge,
 *   code) or force it (a breach);
 * - walls between spaces that face each other across a wall at least a breach wide: breach (a wall body
 *   drawn there gives material and thickness, else the gap's width and the default material);
 * - exterior walls of levels at or above ground: breach from outside;
 * - slabs between spaces of consecutive levels that overlap enough to cut a hole: breach and climb;
 * - stairs and shafts stacked on consecutive levels, and IMDF relationships between units: climb.
 */
import type { Point } from "@athar/core";
import { overlapArea } from "../geometry/overlap";
import {
  boundingBox,
  centroid,
  distanceToPolygon,
  pointInPolygon,
  polygonArea,
  signedArea,
} from "../geometry/polygon";
import { GridIndex } from "../geometry/spatial-index";
import { distanceToRegion } from "../imdf/local-geometry";
import { frameFromLine, frameFromNearestEdge, probePoint } from "../model/opening-sides";
import type { PlanDocument, PlanLevel, PlanOpening, PlanSpace, PlanWall } from "../model/plan-document";
import { levelRegion } from "../voids/level-raster";
import {
  addTimes,
  type BreachTool,
  breachTime,
  type CostTable,
  DEFAULT_COST_TABLE,
  type PassageMode,
  scaleTime,
  type TeamCapability,
  type TimeRange,
} from "./costs";
import { OUTSIDE_NODE, RouteGraph } from "./graph";

export interface RouteOptions {
  tool: BreachTool;
  capability: TeamCapability;
  /** The team holds keys to mechanical locks (a captured key ring, a master key). */
  keys: boolean;
  /** The team can badge or release electronic locks from a control point (needs power). */
  badges: boolean;
  /** Keypad codes are known. */
  codes: boolean;
  /** Whether electronic locks have power. */
  power: "on" | "off";
  /** Electronic locks release when power fails (fail-safe); else they stay shut (fail-secure, assumed). */
  electronicFailsSafe: boolean;
  breachWalls: boolean;
  breachSlabs: boolean;
  /** Material assumed for walls and slabs nothing says anything about. */
  defaultWallMaterial: string;
  defaultWallThicknessM: number;
  slabMaterial: string;
  slabThicknessM: number;
  /** Spaces this far apart or less (m) may share a wall. */
  maxWallThicknessM: number;
  /** Shortest stretch of shared wall (m) to breach through: the doctrine's triangle about 90 cm a side. */
  minBreachLengthM: number;
  /** Least overlap (m²) between spaces on consecutive levels to cut a hole and climb through. */
  minSlabOverlapM2: number;
  /** Narrowest opening (m) a person in kit passes; vents below it are not ways in. */
  minPassableWidthM: number;
}

export const DEFAULT_ROUTE_OPTIONS: RouteOptions = {
  tool: "power",
  capability: "medium",
  keys: false,
  badges: false,
  codes: false,
  power: "off",
  electronicFailsSafe: false,
  breachWalls: true,
  breachSlabs: true,
  defaultWallMaterial: "unknown",
  defaultWallThicknessM: 0.2,
  slabMaterial: "reinforced_concrete",
  slabThicknessM: 0.2,
  maxWallThicknessM: 1.2,
  minBreachLengthM: 0.9,
  minSlabOverlapM2: 1.0,
  minPassableWidthM: 0.5,
};

const dist = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
const STACKED_OVERLAP = 0.3;

export interface RouteContext {
  document: PlanDocument;
  options: RouteOptions;
  costs: CostTable;
  graph: RouteGraph;
  spaceById: Map<string, PlanSpace>;
  levelById: Map<string, PlanLevel>;
  centres: Map<string, Point>;
  walk(metres: number): TimeRange;
  wallBodyAt(levelId: string, point: Point): PlanWall | null;
}

/** The ways through an opening without breaking it, given its state, its lock and what the team has. */
export function passageModes(opening: PlanOpening, options: RouteOptions): PassageMode[] {
  const { state, lock } = opening.barrier;
  if (state === "open" || state === "breached") return ["open"];
  if (state === "sealed") return [];
  if (state === "closed") return ["unlocked"];
  switch (lock) {
    case "mechanical":
      return options.keys ? ["key"] : [];
    case "electronic":
      if (options.power === "on" && options.badges) return ["badge"];
      if (options.power === "off" && options.electronicFailsSafe) return ["unlocked"];
      return [];
    case "keypad":
      return options.codes && options.power === "on" ? ["code"] : [];
    default:
      return [];
  }
}

/** Where an opening leads when it names only one space: outside the level, or nowhere known (null). */
function farSide(opening: PlanOpening, spaceA: PlanSpace, context: RouteContext): string | null {
  const level = context.levelById.get(spaceA.levelId);
  if (!level) return null;
  const frame = opening.line
    ? frameFromLine(opening.line)
    : frameFromNearestEdge(opening.position, spaceA.polygon);
  if (!frame) return null;
  const region = levelRegion(level, context.document);
  if (region.length === 0) return OUTSIDE_NODE;
  const left = distanceToPolygon(probePoint(frame, 1, 0.3), spaceA.polygon);
  const right = distanceToPolygon(probePoint(frame, -1, 0.3), spaceA.polygon);
  const sign = left >= right ? 1 : -1;
  for (const step of [0.3, 0.6, 1.0, 1.5]) {
    if (distanceToRegion(probePoint(frame, sign, step), region) > 0) return OUTSIDE_NODE;
  }
  return null;
}

function addOpening(opening: PlanOpening, context: RouteContext): void {
  const { options, costs, graph, spaceById, centres } = context;
  const a = spaceById.get(opening.spaceAId);
  if (!a) return;
  if (opening.widthM < options.minPassableWidthM) return;
  const b = opening.spaceBId ? spaceById.get(opening.spaceBId) : undefined;
  const other = b ? b.id : opening.spaceBId === null ? farSide(opening, a, context) : null;
  if (!other) return;
  const walkM =
    dist(centres.get(a.id)!, opening.position) + (b ? dist(opening.position, centres.get(b.id)!) : 0);
  const walk = context.walk(walkM);
  const name = opening.name || opening.id;
  for (const mode of passageModes(opening, options)) {
    graph.connect(a.id, other, {
      kind: "opening",
      featureId: opening.id,
      mode,
      breaches: 0,
      time: addTimes(walk, costs.passage[mode].minutes),
      detail: `${opening.kind} ${name}: ${mode}`,
    });
  }
  if (opening.barrier.state === "open" || opening.barrier.state === "breached") return;
  const forced = breachTime(
    costs,
    "door",
    opening.barrier.material,
    opening.barrier.thicknessM,
    options.tool,
    options.capability,
  );
  if (forced) {
    graph.connect(a.id, other, {
      kind: "opening",
      featureId: opening.id,
      mode: "forced",
      breaches: 1,
      time: addTimes(walk, forced.time),
      detail: `force ${opening.barrier.material} ${opening.kind} ${name} (${opening.barrier.lock} lock, ${opening.barrier.state})`,
    });
  }
}

interface SharedWall {
  lengthM: number;
  thicknessM: number;
  point: Point;
}

/**
 * The best stretch of wall two spaces share: pairs of edges facing each other (nearly parallel, at most
 * `maxGap` apart) and overlapping along their length; the longest overlap wins.
 */
export function sharedWall(a: readonly Point[], b: readonly Point[], maxGap: number): SharedWall | null {
  let best: SharedWall | null = null;
  for (let i = 0, j = a.length - 1; i < a.length; j = i++) {
    const p0 = a[j]!;
    const p1 = a[i]!;
    const ex = p1[0] - p0[0];
    const ey = p1[1] - p0[1];
    const len = Math.hypot(ex, ey);
    if (len === 0) continue;
    const ux = ex / len;
    const uy = ey / len;
    for (let k = 0, l = b.length - 1; k < b.length; l = k++) {
      const q0 = b[l]!;
      const q1 = b[k]!;
      const fx = q1[0] - q0[0];
      const fy = q1[1] - q0[1];
      const flen = Math.hypot(fx, fy);
      if (flen === 0) continue;
      // Nearly parallel (within about 10°).
      if (Math.abs(ux * fy - uy * fx) / flen > 0.17) continue;
      const gap = Math.abs((q0[0] - p0[0]) * -uy + (q0[1] - p0[1]) * ux);
      if (gap > maxGap) continue;
      const s0 = (q0[0] - p0[0]) * ux + (q0[1] - p0[1]) * uy;
      const s1 = (q1[0] - p0[0]) * ux + (q1[1] - p0[1]) * uy;
      const from = Math.max(0, Math.min(s0, s1));
      const to = Math.min(len, Math.max(s0, s1));
      const overlap = to - from;
      if (overlap <= 0 || (best && overlap <= best.lengthM)) continue;
      const mid = (from + to) / 2;
      const side = (q0[0] - p0[0]) * -uy + (q0[1] - p0[1]) * ux >= 0 ? 1 : -1;
      best = {
        lengthM: overlap,
        thicknessM: gap,
        point: [p0[0] + ux * mid - (uy * side * gap) / 2, p0[1] + uy * mid + (ux * side * gap) / 2],
      };
    }
  }
  return best;
}

function addWallBreach(
  from: string,
  to: string,
  fromCentre: Point,
  toCentre: Point,
  wall: SharedWall,
  levelId: string,
  context: RouteContext,
): void {
  const { options, costs, graph } = context;
  const body = context.wallBodyAt(levelId, wall.point);
  const material = body?.material ?? options.defaultWallMaterial;
  const thickness =
    body?.thicknessM ?? (wall.thicknessM >= 0.05 ? wall.thicknessM : options.defaultWallThicknessM);
  const breach = breachTime(costs, "wall", material, thickness, options.tool, options.capability);
  if (!breach) return;
  const walk = context.walk(dist(fromCentre, wall.point) + dist(wall.point, toCentre));
  graph.connect(from, to, {
    kind: "wall_breach",
    featureId: body?.id ?? null,
    mode: "breach",
    breaches: 1,
    time: addTimes(walk, breach.time),
    detail: `breach ${material} wall ${thickness.toFixed(2)} m (${options.tool} tools)`,
  });
}

function addWallBreaches(spaces: readonly PlanSpace[], context: RouteContext): void {
  const { options } = context;
  const index = new GridIndex<PlanSpace>(8);
  for (const s of spaces) index.insert(s, boundingBox(s.polygon));
  for (const a of spaces) {
    for (const b of index.query(boundingBox(a.polygon), options.maxWallThicknessM)) {
      if (b.id <= a.id) continue;
      const wall = sharedWall(a.polygon, b.polygon, options.maxWallThicknessM);
      if (!wall || wall.lengthM < options.minBreachLengthM) continue;
      addWallBreach(
        a.id,
        b.id,
        context.centres.get(a.id)!,
        context.centres.get(b.id)!,
        wall,
        a.levelId,
        context,
      );
    }
  }
}

/** Breaches from outside through the exterior wall, for levels at or above ground. */
function addExteriorBreaches(level: PlanLevel, spaces: readonly PlanSpace[], context: RouteContext): void {
  if (level.ordinal < 0) return;
  const region = levelRegion(level, context.document);
  if (region.length === 0) return;
  const { options } = context;
  for (const space of spaces) {
    const ring = space.polygon;
    const clockwise = signedArea(ring) < 0;
    let best: SharedWall | null = null;
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const p0 = ring[j]!;
      const p1 = ring[i]!;
      const len = dist(p0, p1);
      if (len < options.minBreachLengthM) continue;
      // Outward normal of a counter-clockwise ring is to the right of each edge.
      let nx = (p1[1] - p0[1]) / len;
      let ny = -(p1[0] - p0[0]) / len;
      if (clockwise) [nx, ny] = [-nx, -ny];
      const mid: Point = [(p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2];
      for (let d = 0.05; d <= options.maxWallThicknessM + 1e-9; d += 0.05) {
        const probe: Point = [mid[0] + nx * d, mid[1] + ny * d];
        if (distanceToRegion(probe, region) > 0) {
          if (!best || len > best.lengthM)
            best = { lengthM: len, thicknessM: d, point: [mid[0] + (nx * d) / 2, mid[1] + (ny * d) / 2] };
          break;
        }
      }
    }
    if (best)
      addWallBreach(
        OUTSIDE_NODE,
        space.id,
        best.point,
        context.centres.get(space.id)!,
        best,
        level.id,
        context,
      );
  }
}

function addVertical(
  lower: PlanLevel,
  upper: PlanLevel,
  byLevel: Map<string, PlanSpace[]>,
  context: RouteContext,
): void {
  const { options, costs, graph } = context;
  const upperSpaces = byLevel.get(upper.id) ?? [];
  const index = new GridIndex<PlanSpace>(8);
  for (const s of upperSpaces) index.insert(s, boundingBox(s.polygon));
  const floors = upper.ordinal - lower.ordinal;
  for (const a of byLevel.get(lower.id) ?? []) {
    const areaA = polygonArea(a.polygon);
    for (const b of index.query(boundingBox(a.polygon))) {
      const shared = overlapArea(a.polygon, b.polygon);
      const vertical = (a.kind === "stairs" || a.kind === "shaft") && a.kind === b.kind;
      if (vertical && shared >= STACKED_OVERLAP * Math.min(areaA, polygonArea(b.polygon))) {
        const per = a.kind === "stairs" ? costs.stairsPerLevel.minutes : costs.shaftPerLevel.minutes;
        graph.connect(a.id, b.id, {
          kind: a.kind === "stairs" ? "stairs" : "shaft",
          featureId: a.id,
          mode: "climb",
          breaches: 0,
          time: scaleTime(per, floors),
          detail: `${a.kind} from level ${lower.ordinal} to ${upper.ordinal}`,
        });
      }
      if (!options.breachSlabs || shared < options.minSlabOverlapM2) continue;
      const slab = breachTime(
        costs,
        "slab",
        options.slabMaterial,
        options.slabThicknessM,
        options.tool,
        options.capability,
      );
      if (!slab) continue;
      const centre = centroidOfOverlap(a.polygon, b.polygon);
      const walk = context.walk(
        dist(context.centres.get(a.id)!, centre) + dist(centre, context.centres.get(b.id)!),
      );
      graph.connect(a.id, b.id, {
        kind: "slab_breach",
        featureId: null,
        mode: "breach",
        breaches: 1,
        time: addTimes(addTimes(walk, slab.time), scaleTime(costs.shaftPerLevel.minutes, floors)),
        detail: `breach ${options.slabMaterial} slab ${options.slabThicknessM.toFixed(2)} m between levels ${lower.ordinal} and ${upper.ordinal}`,
      });
    }
  }
}

/** A point inside both polygons (the first lattice point found), else the midpoint of their centres. */
function centroidOfOverlap(a: readonly Point[], b: readonly Point[]): Point {
  const box = boundingBox([...a, ...b]);
  for (let k = 1; k < 8; k++) {
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) {
        const p: Point = [
          box.minX + ((i + 0.5) * (box.maxX - box.minX)) / k,
          box.minY + ((j + 0.5) * (box.maxY - box.minY)) / k,
        ];
        if (pointInPolygon(p, a) && pointInPolygon(p, b)) return p;
      }
    }
  }
  const ca = centroid(a);
  const cb = centroid(b);
  return [(ca[0] + cb[0]) / 2, (ca[1] + cb[1]) / 2];
}

function addRelationships(context: RouteContext): void {
  const { document, graph, costs, spaceById, levelById } = context;
  for (const r of document.relationships) {
    const chain = [r.origin, ...r.intermediary, r.destination]
      .filter((ref) => ref !== null && ref.featureType === "unit")
      .map((ref) => spaceById.get(ref!.id))
      .filter((s): s is PlanSpace => s !== undefined);
    for (let k = 0; k + 1 < chain.length; k++) {
      const a = chain[k]!;
      const b = chain[k + 1]!;
      const floors = Math.abs(
        (levelById.get(a.levelId)?.ordinal ?? 0) - (levelById.get(b.levelId)?.ordinal ?? 0),
      );
      const time =
        floors === 0
          ? context.walk(dist(context.centres.get(a.id)!, context.centres.get(b.id)!))
          : scaleTime(
              r.category === "elevator" ? costs.shaftPerLevel.minutes : costs.stairsPerLevel.minutes,
              floors,
            );
      graph.connect(
        a.id,
        b.id,
        {
          kind: "relationship",
          featureId: r.id,
          mode: "climb",
          breaches: 0,
          time,
          detail: `${r.category} relationship`,
        },
        r.direction === "directed",
      );
    }
  }
}

/** Builds the route graph. Spaces ruled out are left out; suspected ones are kept (they may be targets). */
export function buildRouteGraph(
  document: PlanDocument,
  options: Partial<RouteOptions> = {},
  costs: CostTable = DEFAULT_COST_TABLE,
): { graph: RouteGraph; context: RouteContext } {
  const merged: RouteOptions = { ...DEFAULT_ROUTE_OPTIONS, ...options };
  const spaces = document.spaces.filter((s) => s.status !== "ruled_out");
  const levels = document.levels.filter((l) => l.status !== "ruled_out");
  const levelById = new Map(levels.map((l) => [l.id, l]));
  const live = spaces.filter((s) => levelById.has(s.levelId));
  const graph = new RouteGraph();
  graph.node(OUTSIDE_NODE);
  const walls = new Map<string, GridIndex<PlanWall>>();
  for (const w of document.walls) {
    let index = walls.get(w.levelId);
    if (!index) {
      index = new GridIndex<PlanWall>(8);
      walls.set(w.levelId, index);
    }
    index.insert(w, boundingBox(w.polygon));
  }
  const context: RouteContext = {
    document,
    options: merged,
    costs,
    graph,
    spaceById: new Map(live.map((s) => [s.id, s])),
    levelById,
    centres: new Map(live.map((s) => [s.id, centroid(s.polygon)])),
    walk: (metres) => scaleTime(costs.walking.secondsPerMetre, metres / 60),
    wallBodyAt(levelId, point) {
      const box = { minX: point[0], minY: point[1], maxX: point[0], maxY: point[1] };
      return (
        walls
          .get(levelId)
          ?.query(box, 0.05)
          .find((w) => distanceToPolygon(point, w.polygon) <= 0.05) ?? null
      );
    },
  };
  for (const s of live) graph.node(s.id);
  for (const opening of document.openings) addOpening(opening, context);
  const byLevel = new Map<string, PlanSpace[]>();
  for (const s of live) {
    const list = byLevel.get(s.levelId) ?? [];
    list.push(s);
    byLevel.set(s.levelId, list);
  }
  if (merged.breachWalls) {
    for (const level of levels) {
      const onLevel = byLevel.get(level.id) ?? [];
      addWallBreaches(onLevel, context);
      addExteriorBreaches(level, onLevel, context);
    }
  }
  const byBuilding = new Map<string, PlanLevel[]>();
  for (const level of levels) {
    const list = byBuilding.get(level.buildingId) ?? [];
    list.push(level);
    byBuilding.set(level.buildingId, list);
  }
  for (const stack of byBuilding.values()) {
    stack.sort((a, b) => a.ordinal - b.ordinal);
    for (let k = 0; k + 1 < stack.length; k++) addVertical(stack[k]!, stack[k + 1]!, byLevel, context);
  }
  addRelationships(context);
  graph.pack();
  return { graph, context };
}
