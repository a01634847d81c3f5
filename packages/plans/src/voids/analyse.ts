/**
 * Hidden-space analysis of a whole site: per level, the unexplained area split into rooms and thick walls
 * (residual-regions.ts), drawn walls much thicker than their kind (wall-bodies.ts), then the pointing signals
 * (stairs going below, openings to nothing, twin mismatches) attached to the candidate at the place they point
 * to, or made candidates of their own where unexplained area is but no room was found.
 */
import type { Point } from "@athar/core";
import { labelComponents } from "../geometry/components";
import { traceOuterBoundary } from "../geometry/contour";
import { pointInPolygon, polygonArea } from "../geometry/polygon";
import { pixelOf } from "../geometry/raster";
import { RasterWorkspace } from "../geometry/workspace";
import type { PlanDocument, PlanLevel, PlanSpace, PlanWall } from "../model/plan-document";
import { buildSpaceLocator } from "../model/space-locator";
import {
  explainsArea,
  type LevelRaster,
  levelRegion,
  RESIDUAL as RESIDUAL_CELL,
  rasteriseLevel,
} from "./level-raster";
import { openingsToNothingPointers } from "./openings-to-nothing";
import { DEFAULT_VOID_OPTIONS, type VoidAnalysisOptions } from "./options";
import type { SignalPointer } from "./pointer";
import { findResidualRegions, type ResidualFindings } from "./residual-regions";
import { combineEvidence, thickWallStrength, unexplainedAreaStrength } from "./score";
import { stairsBelowPointers } from "./stairs-below";
import { twinPointers } from "./twins";
import {
  type LevelVoidStats,
  VOID_REASONS,
  type VoidAnalysis,
  type VoidCandidate,
  type VoidEvidence,
} from "./types";
import { findThickWallBodies } from "./wall-bodies";

const RESIDUAL = RESIDUAL_CELL as number;

/** Radius (m) of unexplained area gathered around a pointer that lands on no candidate. */
const POINTER_GATHER_M = 1.5;
/** Share of a pointer's outline that must be unexplained for it to become a candidate of its own. */
const POINTER_MIN_RESIDUAL = 0.5;

type Draft = Omit<VoidCandidate, "score" | "reasons">;

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

function pixelAt(raster: LevelRaster, point: Point): number {
  const [i, j] = pixelOf(raster.grid, point);
  if (i < 0 || j < 0 || i >= raster.grid.width || j >= raster.grid.height) return -1;
  return j * raster.grid.width + i;
}

/** Share of sample points of the polygon (a lattice over its box) that are unexplained. */
function residualShare(raster: LevelRaster, polygon: readonly Point[]): number {
  let inside = 0;
  let residual = 0;
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  const minX = Math.min(...xs);
  const maxX = Math.max(...xs);
  const minY = Math.min(...ys);
  const maxY = Math.max(...ys);
  const steps = 12;
  for (let a = 0; a < steps; a++) {
    for (let b = 0; b < steps; b++) {
      const p: Point = [
        minX + ((a + 0.5) * (maxX - minX)) / steps,
        minY + ((b + 0.5) * (maxY - minY)) / steps,
      ];
      if (!pointInPolygon(p, polygon)) continue;
      inside++;
      const pixel = pixelAt(raster, p);
      if (pixel >= 0 && raster.cells[pixel] === RESIDUAL) residual++;
    }
  }
  return inside === 0 ? 0 : residual / inside;
}

/** The unexplained area connected to the anchor within a small radius, as an outline. */
function gatherAround(raster: LevelRaster, anchor: Point): { polygon: Point[]; areaM2: number } | null {
  const { grid, cells } = raster;
  const start = pixelAt(raster, anchor);
  if (start < 0 || cells[start] !== RESIDUAL) return null;
  const radius = POINTER_GATHER_M / grid.res;
  const si = start % grid.width;
  const sj = (start - si) / grid.width;
  const i0 = Math.max(0, Math.floor(si - radius));
  const j0 = Math.max(0, Math.floor(sj - radius));
  const i1 = Math.min(grid.width - 1, Math.ceil(si + radius));
  const j1 = Math.min(grid.height - 1, Math.ceil(sj + radius));
  const w = i1 - i0 + 1;
  const h = j1 - j0 + 1;
  const mask = new Uint8Array(w * h);
  for (let j = 0; j < h; j++) {
    for (let i = 0; i < w; i++) {
      const di = i0 + i - si;
      const dj = j0 + j - sj;
      if (di * di + dj * dj <= radius * radius && cells[(j0 + j) * grid.width + i0 + i] === RESIDUAL)
        mask[j * w + i] = 1;
    }
  }
  const { labels } = labelComponents(mask, w, h);
  const own = labels[(sj - j0) * w + (si - i0)]!;
  let pixels = 0;
  for (let k = 0; k < labels.length; k++) if (labels[k] === own) pixels++;
  const local = {
    ...grid,
    originX: grid.originX + i0 * grid.res,
    originY: grid.originY + j0 * grid.res,
    width: w,
    height: h,
  };
  const polygon = traceOuterBoundary(
    local,
    { minI: 0, minJ: 0, maxI: w - 1, maxJ: h - 1 },
    (p) => labels[p] === own,
  );
  return polygon ? { polygon, areaM2: pixels * grid.res * grid.res } : null;
}

interface LevelState {
  raster: LevelRaster;
  findings: ResidualFindings;
  /** Opened-region label → candidate; thick-band label → candidate. */
  byOpened: Map<number, Draft>;
  byThick: Map<number, Draft>;
  fromPointers: Draft[];
}

function analyseLevel(
  level: PlanLevel,
  document: PlanDocument,
  spaces: readonly PlanSpace[],
  walls: readonly PlanWall[],
  options: VoidAnalysisOptions,
  drafts: Draft[],
  workspace: RasterWorkspace,
): { state: LevelState | null; stats: LevelVoidStats } {
  const region = levelRegion(level, document);
  const blank: LevelVoidStats = {
    levelId: level.id,
    resolutionM: options.resolutionM,
    residualAreaM2: 0,
    interiorWallM: null,
    exteriorWallM: null,
    roomWidthThresholdM: options.minHiddenWidthM,
    skipped: null,
  };
  if (region.length === 0)
    return {
      state: null,
      stats: { ...blank, skipped: "the level has no outline and its building no footprint" },
    };
  const raster = rasteriseLevel(
    region,
    spaces,
    walls,
    options.resolutionM,
    options.maxPixelsPerLevel,
    workspace,
  );
  const findings = findResidualRegions(raster, walls.length > 0, options, workspace);
  const state: LevelState = { raster, findings, byOpened: new Map(), byThick: new Map(), fromPointers: [] };
  findings.rooms.forEach((room, k) => {
    const draft: Draft = {
      id: `${level.id}:room:${k + 1}`,
      buildingId: level.buildingId,
      levelId: level.id,
      levelOrdinal: level.ordinal,
      polygon: room.polygon,
      areaM2: room.areaM2,
      inscribedRadiusM: room.inscribedRadiusM,
      evidence: [
        {
          reason: "unexplained_area",
          strength: unexplainedAreaStrength(room.areaM2, room.inscribedRadiusM),
          detail: `${room.areaM2.toFixed(1)} m² inside the level that no space or wall explains`,
          featureIds: [],
        },
      ],
    };
    drafts.push(draft);
    if (!state.byOpened.has(room.openedLabel) || room.areaM2 > state.byOpened.get(room.openedLabel)!.areaM2) {
      state.byOpened.set(room.openedLabel, draft);
    }
  });
  findings.thickWalls.forEach((wall, k) => {
    const draft: Draft = {
      id: `${level.id}:wall:${k + 1}`,
      buildingId: level.buildingId,
      levelId: level.id,
      levelOrdinal: level.ordinal,
      polygon: wall.polygon,
      areaM2: wall.areaM2,
      inscribedRadiusM: (wall.thicknessM - wall.typicalM) / 2,
      evidence: [
        {
          reason: "thick_wall",
          strength: thickWallStrength(wall.thicknessM, wall.typicalM),
          detail: `${wall.exterior ? "outside" : "inside"} wall about ${wall.thicknessM.toFixed(2)} m thick where such walls are ${wall.typicalM.toFixed(2)} m`,
          featureIds: [],
        },
      ],
    };
    drafts.push(draft);
    state.byThick.set(wall.label, draft);
  });
  return {
    state,
    stats: {
      ...blank,
      resolutionM: raster.grid.res,
      residualAreaM2: findings.residualAreaM2,
      interiorWallM: findings.interiorWallM,
      exteriorWallM: findings.exteriorWallM,
      roomWidthThresholdM: findings.roomWidthThresholdM,
    },
  };
}

function attachPointer(pointer: SignalPointer, state: LevelState, level: PlanLevel, drafts: Draft[]): void {
  const { raster, findings } = state;
  const probes = [pointer.anchor];
  for (const p of probes) {
    const pixel = pixelAt(raster, p);
    if (pixel < 0) continue;
    const opened = findings.openedLabels[pixel] ?? 0;
    const room = opened > 0 ? state.byOpened.get(opened) : undefined;
    if (room) {
      room.evidence.push(pointer.evidence);
      return;
    }
    const thick = findings.thickLabels[pixel] ?? 0;
    const wall = thick > 0 ? state.byThick.get(thick) : undefined;
    if (wall) {
      wall.evidence.push(pointer.evidence);
      return;
    }
  }
  for (const draft of state.fromPointers) {
    if (pointInPolygon(pointer.anchor, draft.polygon)) {
      draft.evidence.push(pointer.evidence);
      return;
    }
  }
  // Nothing found where the evidence points: make it a candidate if the place is unexplained.
  let polygon: Point[] | null = null;
  let areaM2 = 0;
  if (pointer.evidence.reason === "opening_to_nothing") {
    const gathered = gatherAround(raster, pointer.anchor);
    if (gathered) ({ polygon, areaM2 } = gathered);
  } else if (residualShare(raster, pointer.polygon) >= POINTER_MIN_RESIDUAL) {
    polygon = pointer.polygon;
    areaM2 = polygonArea(pointer.polygon);
  }
  if (!polygon) return;
  const draft: Draft = {
    id: `${level.id}:signal:${state.fromPointers.length + 1}`,
    buildingId: level.buildingId,
    levelId: level.id,
    levelOrdinal: level.ordinal,
    polygon,
    areaM2,
    inscribedRadiusM: 0,
    evidence: [pointer.evidence],
  };
  state.fromPointers.push(draft);
  drafts.push(draft);
}

/** Runs the analysis. Pure and deterministic: the same document and options give the same candidates. */
export function analyseVoids(
  document: PlanDocument,
  overrides: Partial<VoidAnalysisOptions> = {},
): VoidAnalysis {
  const options: VoidAnalysisOptions = { ...DEFAULT_VOID_OPTIONS, ...overrides };
  const liveSpaces = document.spaces.filter((s) => s.status !== "ruled_out");
  const locator = buildSpaceLocator(liveSpaces.filter(explainsArea));
  const pointers = [
    ...stairsBelowPointers(document),
    ...openingsToNothingPointers(document, buildSpaceLocator(liveSpaces)),
    ...twinPointers(document, locator),
  ];
  const pointersByLevel = groupBy(
    pointers.filter((p) => p.levelId !== null),
    (p) => p.levelId!,
  );
  // Ruled-out spaces still explain their area: someone looked there and closed the question.
  const spacesByLevel = groupBy(document.spaces, (s) => s.levelId);
  const wallsByLevel = groupBy(document.walls, (w) => w.levelId);
  const drafts: Draft[] = [];
  const stats: LevelVoidStats[] = [];
  // One set of raster arrays for all levels: each level is finished before the next one reuses them.
  const workspace = new RasterWorkspace();
  for (const level of document.levels) {
    if (level.status === "ruled_out") continue;
    const { state, stats: levelStats } = analyseLevel(
      level,
      document,
      spacesByLevel.get(level.id) ?? [],
      wallsByLevel.get(level.id) ?? [],
      options,
      drafts,
      workspace,
    );
    stats.push(levelStats);
    if (!state) continue;
    for (const pointer of pointersByLevel.get(level.id) ?? []) attachPointer(pointer, state, level, drafts);
  }

  const levelById = new Map(document.levels.map((l) => [l.id, l]));
  for (const thick of findThickWallBodies(document.walls, options)) {
    const level = levelById.get(thick.wall.levelId);
    if (!level || level.status === "ruled_out") continue;
    drafts.push({
      id: `${thick.wall.id}:thick`,
      buildingId: level.buildingId,
      levelId: level.id,
      levelOrdinal: level.ordinal,
      polygon: thick.wall.polygon,
      areaM2: polygonArea(thick.wall.polygon),
      inscribedRadiusM: thick.thicknessM / 2,
      evidence: [
        {
          reason: "thick_wall",
          strength: thickWallStrength(thick.thicknessM, thick.typicalM),
          detail: `${thick.wall.material} wall ${thick.thicknessM.toFixed(2)} m thick where such walls are ${thick.typicalM.toFixed(2)} m`,
          featureIds: [thick.wall.id],
        },
      ],
    });
  }

  // Below every known level: one candidate per place pointed at (pointers whose outlines overlap merge).
  const below: Draft[] = [];
  for (const pointer of pointers.filter((p) => p.levelId === null)) {
    const same = below.find(
      (d) =>
        d.buildingId === pointer.buildingId &&
        d.levelOrdinal === pointer.levelOrdinal &&
        pointInPolygon(pointer.anchor, d.polygon),
    );
    if (same) {
      same.evidence.push(pointer.evidence);
      continue;
    }
    const draft: Draft = {
      id: `${pointer.buildingId}:below:${below.length + 1}`,
      buildingId: pointer.buildingId,
      levelId: null,
      levelOrdinal: pointer.levelOrdinal,
      polygon: pointer.polygon,
      areaM2: polygonArea(pointer.polygon),
      inscribedRadiusM: 0,
      evidence: [pointer.evidence],
    };
    below.push(draft);
    drafts.push(draft);
  }

  const candidates: VoidCandidate[] = drafts.map((draft) => {
    const evidence: VoidEvidence[] = draft.evidence;
    const present = new Set(evidence.map((e) => e.reason));
    return {
      ...draft,
      score: combineEvidence(evidence),
      reasons: VOID_REASONS.filter((r) => present.has(r)),
    };
  });
  candidates.sort((a, b) => b.score - a.score || b.areaM2 - a.areaM2 || a.id.localeCompare(b.id));
  return { candidates, levels: stats };
}
