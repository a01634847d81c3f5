/**
 * Thickness of a wall body drawn as a polygon. A wall is a long thin shape; for a rectangle of length L and
 * thickness t, area A = L·t and half the perimeter P/2 = L + t, so t is the smaller root of
 * x² − (P/2)·x + A = 0. Exact for rectangles, close for bent walls of even thickness, and a square pillar
 * comes out as its side.
 */
import type { Point } from "@athar/core";
import { polygonArea } from "../geometry/polygon";

export function wallThickness(ring: readonly Point[]): number {
  const area = polygonArea(ring);
  let perimeter = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    perimeter += Math.hypot(ring[i]![0] - ring[j]![0], ring[i]![1] - ring[j]![1]);
  }
  const half = perimeter / 2;
  const discriminant = half * half - 4 * area;
  if (discriminant <= 0) return Math.sqrt(area);
  return (half - Math.sqrt(discriminant)) / 2;
}
