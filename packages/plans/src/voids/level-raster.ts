/**
 * A level drawn on a raster: each pixel is outside the level, a known space, a drawn wall body, or
 * unexplained (inside the outline and explained by nothing). Hidden-space analysis works on this picture.
 */
import { boundingBox } from "../geometry/polygon";
import { gridAround, paintRings, type RasterGrid } from "../geometry/raster";
import { RasterWorkspace } from "../geometry/workspace";
import type { PlanDocument, PlanLevel, PlanSpace, PlanWall, PolygonWithHoles } from "../model/plan-document";

export const OUTSIDE = 0;
export const RESIDUAL = 1;
export const SPACE = 2;
export const WALL = 3;

export interface LevelRaster {
  grid: RasterGrid;
  /** One of OUTSIDE, RESIDUAL, SPACE, WALL per pixel, row-major from the south-west corner. */
  cells: Uint8Array;
}

/**
 * The area a level covers: its own outline, else its building's footprint (subterranean footprints for levels
 * below ground, ground or any other above), else nothing.
 */
export function levelRegion(level: PlanLevel, document: PlanDocument): PolygonWithHoles[] {
  if (level.outline.length > 0) return level.outline;
  const own = document.footprints.filter((f) => f.buildingIds.includes(level.buildingId));
  const preferred = own.filter((f) =>
    level.ordinal < 0 ? f.category === "subterranean" : f.category === "ground",
  );
  const chosen = preferred.length > 0 ? preferred : own;
  if (chosen.length > 0) return chosen.flatMap((f) => f.parts);
  const building = document.buildings.find((b) => b.id === level.buildingId);
  return building?.footprint ? [{ outer: building.footprint, holes: [] }] : [];
}

/**
 * Whether a space explains the area it covers. A suspected space is a hypothesis, not knowledge, so its area
 * stays unexplained (and keeps showing up as a candidate, where it can be linked to the hypothesis). A
 * ruled-out one explains it: someone looked and closed the question.
 */
export const explainsArea = (space: PlanSpace): boolean => space.status !== "suspected";

export function rasteriseLevel(
  region: readonly PolygonWithHoles[],
  spaces: readonly PlanSpace[],
  walls: readonly PlanWall[],
  resolutionM: number,
  maxPixels: number,
  workspace: RasterWorkspace = new RasterWorkspace(),
): LevelRaster {
  const box = boundingBox(region.flatMap((p) => p.outer));
  const area = (box.maxX - box.minX) * (box.maxY - box.minY);
  const res = Math.max(resolutionM, Math.sqrt(area / maxPixels));
  const grid = gridAround(box, res, 3);
  const cells = workspace.u8("cells", grid.width * grid.height);
  for (const part of region) paintRings(grid, [part.outer, ...part.holes], cells, RESIDUAL);
  for (const space of spaces) {
    if (explainsArea(space)) paintRings(grid, [space.polygon, ...space.holes], cells, SPACE, RESIDUAL);
  }
  for (const wall of walls) paintRings(grid, [wall.polygon, ...wall.holes], cells, WALL, RESIDUAL);
  return { grid, cells };
}
