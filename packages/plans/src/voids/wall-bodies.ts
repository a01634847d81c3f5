/**
 * Drawn walls (wall-body units) much thicker than other walls of the same material: a thick wall may hold a
 * cavity. Typical thickness is the median of the material's walls when there are at least three, else of all
 * drawn walls on the site (a lone concrete wall is compared with the rest).
 */
import type { PlanWall } from "../model/plan-document";
import type { VoidAnalysisOptions } from "./options";

export interface ThickWallBody {
  wall: PlanWall;
  thicknessM: number;
  typicalM: number;
}

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function findThickWallBodies(
  walls: readonly PlanWall[],
  options: VoidAnalysisOptions,
): ThickWallBody[] {
  const measured = walls.filter((w): w is PlanWall & { thicknessM: number } => w.thicknessM !== null);
  const overall = median(measured.map((w) => w.thicknessM));
  if (overall === null) return [];
  const byMaterial = new Map<string, number[]>();
  for (const w of measured) {
    const list = byMaterial.get(w.material) ?? [];
    list.push(w.thicknessM);
    byMaterial.set(w.material, list);
  }
  const found: ThickWallBody[] = [];
  for (const wall of measured) {
    const same = byMaterial.get(wall.material) ?? [];
    const typical = same.length >= 3 ? median(same)! : overall;
    const limit = Math.max(options.thickWallFactor * typical, typical + options.thickWallMarginM);
    if (wall.thicknessM > limit) found.push({ wall, thicknessM: wall.thicknessM, typicalM: typical });
  }
  return found;
}
