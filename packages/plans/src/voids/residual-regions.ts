/**
 * Rooms and thick walls in a level's unexplained area, separated by width.
 *
 * Plans rarely draw walls, so what no space explains is mostly one connected web of wall-thick gaps that
 * touches every hidden room. Connectivity cannot pull rooms out of it; width can. With b(p) the distance from
 * an unexplained pixel to the nearest explained or outside one (exact Euclidean distance transform):
 * 1. typical wall thickness t: the median of 2·b along the web's ridge (pixels where b peaks), measured
 *    separately for interior walls and walls against the outside;
 * 2. room cores: b ≥ r = w_min/2 + t, where a hidden space w_min wide between walls t thick makes a gap
 *    w_min + 2t wide (morphological opening: erode by r …);
 * 3. rooms: unexplained pixels within r·√2 of a core (… dilate; √2 so that square corners come back whole),
 *    then the interior estimate b ≥ t (the hidden room's own walls peeled off), split into components,
 *    dropped below the minimum area;
 * 4. thick walls: what is left (wall web) where b exceeds half of max(k·t, t + margin) for walls of that kind.
 */
import type { Point } from "@athar/core";
import { labelListedComponents } from "../geometry/components";
import { traceOuterBoundary } from "../geometry/contour";
import { regionDistanceTransform, squaredDistanceTransform } from "../geometry/distance-transform";
import { RasterWorkspace } from "../geometry/workspace";
import { type LevelRaster, OUTSIDE as OUTSIDE_CELL, RESIDUAL as RESIDUAL_CELL } from "./level-raster";

// Module-local copies: hot loops read these millions of times, and an imported binding may be a getter
// under some module loaders (tsx compiles imports to live bindings).
const OUTSIDE = OUTSIDE_CELL as number;
const RESIDUAL = RESIDUAL_CELL as number;
const RIDGE_STRIDE = 3;

import type { VoidAnalysisOptions } from "./options";

export interface RoomRegion {
  polygon: Point[];
  areaM2: number;
  inscribedRadiusM: number;
  /** Label of the opened region (rooms with their walls) in `openedLabels`. */
  openedLabel: number;
}

export interface ThickWallRegion {
  polygon: Point[];
  areaM2: number;
  thicknessM: number;
  typicalM: number;
  exterior: boolean;
  /** Label in `thickLabels`. */
  label: number;
}

export interface ResidualFindings {
  rooms: RoomRegion[];
  thickWalls: ThickWallRegion[];
  residualAreaM2: number;
  interiorWallM: number | null;
  exteriorWallM: number | null;
  roomWidthThresholdM: number;
  /** Per pixel: opened-region label (rooms with their surrounding gaps), 0 elsewhere. */
  openedLabels: Int32Array;
  /** Per pixel: thick-wall band label, 0 elsewhere. */
  thickLabels: Int32Array;
}

/** Median by counting into centimetre bins: linear time, and wall thicknesses need no finer. */
function median(values: Float64Array): number | null {
  if (values.length === 0) return null;
  const bins = new Int32Array(1001);
  for (const v of values) bins[Math.min(1000, Math.max(0, Math.round(v * 100)))]!++;
  let seen = 0;
  for (let b = 0; b < bins.length; b++) {
    seen += bins[b]!;
    if (seen * 2 >= values.length) return b / 100;
  }
  return null;
}

/**
 * `workspace` lends the large arrays; the returned label arrays live in it and stay valid until the next call
 * with the same workspace.
 */
export function findResidualRegions(
  raster: LevelRaster,
  hasWallBodies: boolean,
  options: VoidAnalysisOptions,
  workspace: RasterWorkspace = new RasterWorkspace(),
): ResidualFindings {
  const { grid, cells } = raster;
  const { width, height, res } = grid;
  const n = width * height;
  const inResidual = workspace.u8("residual", n);
  const listing = workspace.i32("residualList", n, null);
  let residualPixels = 0;
  for (let p = 0; p < n; p++) {
    if (cells[p] === RESIDUAL) {
      inResidual[p] = 1;
      listing[residualPixels++] = p;
    }
  }
  const empty: ResidualFindings = {
    rooms: [],
    thickWalls: [],
    residualAreaM2: residualPixels * res * res,
    interiorWallM: null,
    exteriorWallM: null,
    roomWidthThresholdM: options.minHiddenWidthM,
    openedLabels: new Int32Array(0),
    thickLabels: new Int32Array(0),
  };
  if (residualPixels === 0) return empty;
  // Every later pass visits only the unexplained pixels, listed above in row-major order.
  const residual = listing.subarray(0, residualPixels);
  const { squared, nearest } = regionDistanceTransform(inResidual, residual, width, height, workspace);
  const near = nearest!;
  // b(p) in pixels: distance from the pixel centre to the region's edge (half a pixel short of the nearest
  // outside pixel centre).
  const depth = workspace.f32("depth", n);
  for (let k = 0; k < residualPixels; k++) {
    const p = residual[k]!;
    depth[p] = Math.sqrt(squared[p]!) - 0.5;
  }

  // Whether the wall at p is an outside wall: mirror the nearest edge pixel through p and look for the outside
  // there (an outside wall has a space on one side and the outside on the other).
  const againstOutside = (p: number): boolean => {
    const q = near[p]!;
    if (q < 0) return false;
    if (cells[q] === OUTSIDE) return true;
    const pi = p % width;
    const pj = (p - pi) / width;
    const mi = 2 * pi - (q % width);
    const mj = 2 * pj - Math.floor(q / width);
    for (let dj = -2; dj <= 2; dj++) {
      for (let di = -2; di <= 2; di++) {
        const i = mi + di;
        const j = mj + dj;
        if (i >= 0 && j >= 0 && i < width && j < height && cells[j * width + i] === OUTSIDE) return true;
      }
    }
    return false;
  };

  // Thickness across a ridge pixel, in pixels. An even-width wall has two ridge pixels side by side at the
  // same depth (width 2·√d); an odd-width one a single centre pixel (width 2·√d − 1). The neighbour across
  // the ridge is the one facing away from the nearest edge pixel.
  const ridgeThickness = (p: number, d: number): number => {
    const q = near[p]!;
    const dx = (p % width) - (q % width);
    const dy = Math.floor(p / width) - Math.floor(q / width);
    const across = Math.abs(dx) >= Math.abs(dy) ? p + Math.sign(dx) : p + Math.sign(dy) * width;
    return squared[across] === d ? 2 * Math.sqrt(d) : 2 * Math.sqrt(d) - 1;
  };

  // 1. Typical wall thickness from ridge pixels, capped so that rooms do not vote.
  const capPx = 1.5 / res;
  const interiorSamples = new Float64Array(residualPixels);
  const exteriorSamples = new Float64Array(residualPixels);
  let interiorCount = 0;
  let exteriorCount = 0;
  let ridgeSeen = 0;
  for (let k = 0; k < residualPixels; k++) {
    const p = residual[k]!;
    const d = squared[p]!;
    // Grid padding keeps residual pixels off the border, so the four neighbours exist.
    if (d < squared[p - 1]! || d < squared[p + 1]! || d < squared[p - width]! || d < squared[p + width]!)
      continue;
    // One ridge pixel in RIDGE_STRIDE is plenty for a median, and the classification is the costly part.
    if (ridgeSeen++ % RIDGE_STRIDE !== 0) continue;
    const thickness = ridgeThickness(p, d);
    if (thickness > capPx) continue;
    if (againstOutside(p)) exteriorSamples[exteriorCount++] = thickness * res;
    else interiorSamples[interiorCount++] = thickness * res;
  }
  const measuredInterior =
    interiorCount * RIDGE_STRIDE >= options.minWallSamples
      ? median(interiorSamples.subarray(0, interiorCount))
      : null;
  const measuredExterior =
    exteriorCount * RIDGE_STRIDE >= options.minWallSamples
      ? median(exteriorSamples.subarray(0, exteriorCount))
      : null;
  const wallT = measuredInterior ?? (hasWallBodies ? 0 : options.fallbackWallM);
  const outerWallT = measuredExterior ?? wallT;

  // 2. Room cores.
  const coreRadiusPx = (options.minHiddenWidthM / 2 + wallT) / res;
  const core = workspace.u8("core", n);
  const coreList: number[] = [];
  for (let k = 0; k < residualPixels; k++) {
    const p = residual[k]!;
    if (depth[p]! >= coreRadiusPx) {
      core[p] = 1;
      coreList.push(p);
    }
  }

  // 3. Opened regions: dilate each core component inside a window around it (cheaper than a whole-level pass).
  const opened = workspace.u8("opened", n);
  const openedList: number[] = [];
  if (coreList.length > 0) {
    const reach = coreRadiusPx * Math.SQRT2;
    const reachSquared = reach * reach;
    const margin = Math.ceil(reach) + 1;
    const cores = labelListedComponents(coreList, core, width, height, workspace.i32("coreLabels", n));
    for (const c of cores) {
      const i0 = Math.max(0, c.minI - margin);
      const j0 = Math.max(0, c.minJ - margin);
      const i1 = Math.min(width - 1, c.maxI + margin);
      const j1 = Math.min(height - 1, c.maxJ + margin);
      const ww = i1 - i0 + 1;
      const wh = j1 - j0 + 1;
      const seed = new Uint8Array(ww * wh);
      for (let j = 0; j < wh; j++) {
        for (let i = 0; i < ww; i++) seed[j * ww + i] = core[(j0 + j) * width + i0 + i]!;
      }
      const local = squaredDistanceTransform(seed, ww, wh);
      for (let j = 0; j < wh; j++) {
        for (let i = 0; i < ww; i++) {
          const p = (j0 + j) * width + i0 + i;
          if (inResidual[p] && !opened[p] && local[j * ww + i]! <= reachSquared) {
            opened[p] = 1;
            openedList.push(p);
          }
        }
      }
    }
  }
  const openedLabels = workspace.i32("openedLabels", n);
  labelListedComponents(openedList, opened, width, height, openedLabels);

  const interiorMask = workspace.u8("interior", n);
  const interiorList: number[] = [];
  const peelPx = wallT / res;
  for (const p of openedList) {
    if (depth[p]! >= peelPx) {
      interiorMask[p] = 1;
      interiorList.push(p);
    }
  }
  const interiorLabels = workspace.i32("interiorLabels", n);
  const interiorComponents = labelListedComponents(interiorList, interiorMask, width, height, interiorLabels);
  const rooms: RoomRegion[] = [];
  for (const component of interiorComponents) {
    const areaM2 = component.pixels * res * res;
    if (areaM2 < options.minAreaM2) continue;
    let maxDepth = 0;
    let openedLabel = 0;
    for (let j = component.minJ; j <= component.maxJ; j++) {
      for (let i = component.minI; i <= component.maxI; i++) {
        const p = j * width + i;
        if (interiorLabels[p] !== component.label) continue;
        if (depth[p]! > maxDepth) maxDepth = depth[p]!;
        openedLabel = openedLabels[p]!;
      }
    }
    const polygon = traceOuterBoundary(grid, component, (p) => interiorLabels[p] === component.label);
    if (!polygon) continue;
    rooms.push({ polygon, areaM2, inscribedRadiusM: Math.max(0, maxDepth * res - wallT), openedLabel });
  }

  // 4. Thick walls in what is left.
  const thickThreshold = (t: number): number =>
    Math.max(options.thickWallFactor * t, t + options.thickWallMarginM) / 2 / res;
  const interiorBand = thickThreshold(wallT);
  const exteriorBand = thickThreshold(outerWallT);
  const lowerBand = Math.min(interiorBand, exteriorBand);
  const band = workspace.u8("band", n);
  const bandExterior = workspace.u8("bandExterior", n);
  const bandList: number[] = [];
  for (let k = 0; k < residualPixels; k++) {
    const p = residual[k]!;
    if (opened[p] || depth[p]! <= lowerBand) continue;
    const outside = againstOutside(p);
    if (depth[p]! > (outside ? exteriorBand : interiorBand)) {
      band[p] = 1;
      bandExterior[p] = outside ? 1 : 0;
      bandList.push(p);
    }
  }
  const thickLabels = workspace.i32("thickLabels", n);
  const bands = labelListedComponents(bandList, band, width, height, thickLabels);
  const thickWalls: ThickWallRegion[] = [];
  for (const component of bands) {
    const extent = Math.hypot(component.maxI - component.minI + 1, component.maxJ - component.minJ + 1) * res;
    if (extent < options.minThickWallLengthM) continue;
    let maxDepth = 0;
    let deepest = -1;
    let outsideVotes = 0;
    for (let j = component.minJ; j <= component.maxJ; j++) {
      for (let i = component.minI; i <= component.maxI; i++) {
        const p = j * width + i;
        if (thickLabels[p] !== component.label) continue;
        if (depth[p]! > maxDepth) {
          maxDepth = depth[p]!;
          deepest = p;
        }
        outsideVotes += bandExterior[p]!;
      }
    }
    const polygon = traceOuterBoundary(grid, component, (p) => thickLabels[p] === component.label);
    if (!polygon) continue;
    const isExterior = outsideVotes * 2 > component.pixels;
    thickWalls.push({
      polygon,
      areaM2: component.pixels * res * res,
      thicknessM: ridgeThickness(deepest, squared[deepest]!) * res,
      typicalM: isExterior ? outerWallT : wallT,
      exterior: isExterior,
      label: component.label,
    });
  }

  return {
    rooms,
    thickWalls,
    residualAreaM2: residualPixels * res * res,
    interiorWallM: measuredInterior,
    exteriorWallM: measuredExterior,
    roomWidthThresholdM: 2 * coreRadiusPx * res,
    openedLabels,
    thickLabels,
  };
}
