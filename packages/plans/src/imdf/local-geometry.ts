/**
 * GeoJSON polygons in WGS84 → open rings in local metres, with the checks the site model runs on every
 * polygon (simple, non-degenerate, holes inside their outer ring).
 */
import { MAX_LOCAL_COORDINATE_M, type Point } from "@athar/core";
import {
  describePolygonProblem,
  distanceToPolygon,
  distanceToSegment,
  findPolygonProblem,
  GEOMETRY_TOLERANCE_M,
  pointInPolygon,
} from "../geometry/polygon";
import type { LocalProjection } from "../geometry/projection";
import type { PolygonWithHoles } from "../model/plan-document";
import type { ProblemList } from "./problems";
import type { Position, RawGeometry, RawPolygon } from "./read-features";

/** Drops the closing position and consecutive repeats closer than the geometric tolerance (drawing noise). */
export function openRing(ring: readonly Point[]): Point[] {
  const open: Point[] = [];
  for (const p of ring) {
    const last = open[open.length - 1];
    if (last && Math.hypot(p[0] - last[0], p[1] - last[1]) < GEOMETRY_TOLERANCE_M) continue;
    open.push(p);
  }
  while (open.length > 1) {
    const first = open[0]!;
    const last = open[open.length - 1]!;
    if (Math.hypot(first[0] - last[0], first[1] - last[1]) >= GEOMETRY_TOLERANCE_M) break;
    open.pop();
  }
  return open;
}

export interface GeometryContext {
  projection: LocalProjection;
  problems: ProblemList;
  file: string;
  featureId: string;
}

function localRing(ring: readonly Position[], context: GeometryContext): Point[] | null {
  const points = openRing(ring.map((p) => context.projection.toLocal(p)));
  for (const [x, y] of points) {
    if (Math.abs(x) > MAX_LOCAL_COORDINATE_M || Math.abs(y) > MAX_LOCAL_COORDINATE_M) {
      context.problems.error(
        context.file,
        context.featureId,
        "too_far_from_reference",
        `a point lies more than ${MAX_LOCAL_COORDINATE_M / 1000} km from the venue's reference point`,
      );
      return null;
    }
  }
  return points;
}

function localPolygon(rings: RawPolygon, context: GeometryContext, part: string): PolygonWithHoles | null {
  const local: Point[][] = [];
  for (const ring of rings) {
    const points = localRing(ring, context);
    if (!points) return null;
    local.push(points);
  }
  let ok = true;
  local.forEach((ring, index) => {
    const problem = findPolygonProblem(ring);
    if (problem) {
      const which = index === 0 ? "outer ring" : `hole ${index}`;
      context.problems.error(
        context.file,
        context.featureId,
        "invalid_polygon",
        `${part}${which}: ${describePolygonProblem(problem)}`,
      );
      ok = false;
    }
  });
  if (!ok) return null;
  const [outer, ...holes] = local as [Point[], ...Point[][]];
  for (const [index, hole] of holes.entries()) {
    if (!hole.every((p) => pointInPolygon(p, outer))) {
      context.problems.error(
        context.file,
        context.featureId,
        "hole_outside_polygon",
        `${part}hole ${index + 1} is not inside the outer ring`,
      );
      ok = false;
    }
  }
  return ok ? { outer, holes } : null;
}

/** A Polygon or MultiPolygon in local metres, one entry per part; null (with problems logged) when invalid. */
export function localPolygons(
  geometry: RawGeometry | null,
  context: GeometryContext,
): PolygonWithHoles[] | null {
  if (!geometry) return null;
  if (geometry.type === "Polygon") {
    const polygon = localPolygon(geometry.coordinates, context, "");
    return polygon ? [polygon] : null;
  }
  if (geometry.type === "MultiPolygon") {
    const parts: PolygonWithHoles[] = [];
    let ok = true;
    geometry.coordinates.forEach((rings, index) => {
      const polygon = localPolygon(rings, context, `part ${index + 1}, `);
      if (polygon) parts.push(polygon);
      else ok = false;
    });
    return ok ? parts : null;
  }
  return null;
}

/** Distance from a point to a region with holes: 0 inside, else to the nearest boundary. */
export function distanceToRegion(point: Point, parts: readonly PolygonWithHoles[]): number {
  let best = Number.POSITIVE_INFINITY;
  for (const part of parts) {
    const outside = distanceToPolygon(point, part.outer);
    if (outside > 0) {
      best = Math.min(best, outside);
      continue;
    }
    let depthInHole = 0;
    for (const hole of part.holes) {
      if (!pointInPolygon(point, hole)) continue;
      let depth = Number.POSITIVE_INFINITY;
      for (let i = 0, j = hole.length - 1; i < hole.length; j = i++) {
        depth = Math.min(depth, distanceToSegment(point, hole[j]!, hole[i]!));
      }
      depthInHole = depth;
    }
    best = Math.min(best, depthInHole);
  }
  return best;
}
