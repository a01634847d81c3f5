/** Which space of a level lies at a point: a grid index over space outlines, per level. */
import type { Point } from "@athar/core";
import { boundingBox, pointInPolygon } from "../geometry/polygon";
import { GridIndex } from "../geometry/spatial-index";
import type { PlanSpace } from "./plan-document";

/** Grid cell size in metres: a few rooms per cell. */
const CELL_M = 8;

export interface SpaceLocator {
  /** The space at the point on the level, or null. Spaces overlapping there: the first one wins. */
  spaceAt(levelId: string, point: Point): PlanSpace | null;
  /** Spaces on the level whose bounding box comes within `margin` of the box. */
  near(
    levelId: string,
    box: { minX: number; minY: number; maxX: number; maxY: number },
    margin?: number,
  ): PlanSpace[];
}

export const insideSpace = (point: Point, space: Pick<PlanSpace, "polygon" | "holes">): boolean =>
  pointInPolygon(point, space.polygon) && !space.holes.some((hole) => pointInPolygon(point, hole));

export function buildSpaceLocator(spaces: readonly PlanSpace[]): SpaceLocator {
  const byLevel = new Map<string, GridIndex<PlanSpace>>();
  for (const space of spaces) {
    let index = byLevel.get(space.levelId);
    if (!index) {
      index = new GridIndex<PlanSpace>(CELL_M);
      byLevel.set(space.levelId, index);
    }
    index.insert(space, boundingBox(space.polygon));
  }
  return {
    spaceAt(levelId, point) {
      const index = byLevel.get(levelId);
      if (!index) return null;
      return index.find(point[0], point[1], (space) => insideSpace(point, space));
    },
    near(levelId, box, margin = 0) {
      return byLevel.get(levelId)?.query(box, margin) ?? [];
    },
  };
}
