/**
 * Stairs and shafts that lead somewhere no level is drawn. A staircase joins at least two levels; one that is
 * joined to no level above (no stairs stacked over it, no relationship upward) must go down. On the lowest
 * known level that means a level below every known one; elsewhere, a place on the level below. An
 * open-to-below area on the lowest level says the same. A stair core that comes down to the lowest level is
 * weak evidence (strength 0.3): it is how stairs end, and how stairs to an unrecorded basement look.
 * Elevators are left out: a pit under the lowest stop is normal.
 */

import { overlapArea } from "../geometry/overlap";
import { centroid, polygonArea } from "../geometry/polygon";
import type { PlanDocument, PlanLevel, PlanSpace } from "../model/plan-document";
import type { SignalPointer } from "./pointer";

/** Share of the smaller outline two stair outlines must share to count as one stacked stair. */
const STACKED_OVERLAP = 0.3;
const VERTICAL_RELATIONSHIPS = new Set([
  "stairs",
  "elevator",
  "escalator",
  "traversal",
  "traversal.path",
  "ramp",
]);

/** Strength of a stair core that simply reaches the lowest known level (vs 1 for stairs leading nowhere). */
const CORE_AT_BOTTOM_STRENGTH = 0.3;

const isVertical = (s: PlanSpace): boolean => s.kind === "stairs" || s.kind === "shaft";

export function stairsBelowPointers(document: PlanDocument): SignalPointer[] {
  const levels = document.levels.filter((l) => l.status !== "ruled_out");
  const levelById = new Map(levels.map((l) => [l.id, l]));
  const byBuilding = new Map<string, PlanLevel[]>();
  for (const level of levels) {
    const list = byBuilding.get(level.buildingId) ?? [];
    list.push(level);
    byBuilding.set(level.buildingId, list);
  }
  for (const list of byBuilding.values()) list.sort((a, b) => a.ordinal - b.ordinal);
  const verticalByLevel = new Map<string, PlanSpace[]>();
  const spaceById = new Map(document.spaces.map((s) => [s.id, s]));
  for (const s of document.spaces) {
    if (!isVertical(s) || s.status === "ruled_out") continue;
    const list = verticalByLevel.get(s.levelId) ?? [];
    list.push(s);
    verticalByLevel.set(s.levelId, list);
  }
  // Ordinals each unit reaches through relationships.
  const reaches = new Map<string, number[]>();
  for (const r of document.relationships) {
    if (!VERTICAL_RELATIONSHIPS.has(r.category)) continue;
    const units = [r.origin, ...r.intermediary, r.destination]
      .filter((ref) => ref !== null && ref.featureType === "unit")
      .map((ref) => spaceById.get(ref!.id))
      .filter((s): s is PlanSpace => s !== undefined);
    for (const unit of units) {
      const list = reaches.get(unit.id) ?? [];
      for (const other of units) {
        const level = levelById.get(other.levelId);
        if (other.id !== unit.id && level) list.push(level.ordinal);
      }
      reaches.set(unit.id, list);
    }
  }
  const stackedWith = (space: PlanSpace, level: PlanLevel | undefined): boolean => {
    if (!level) return false;
    const area = polygonArea(space.polygon);
    return (verticalByLevel.get(level.id) ?? []).some(
      (other) =>
        overlapArea(space.polygon, other.polygon) >=
        STACKED_OVERLAP * Math.min(area, polygonArea(other.polygon)),
    );
  };

  const pointers: SignalPointer[] = [];
  for (const [buildingId, stack] of byBuilding) {
    stack.forEach((level, index) => {
      const above = stack[index + 1];
      const below = stack[index - 1];
      for (const space of verticalByLevel.get(level.id) ?? []) {
        if (space.kind === "shaft" && space.imdfCategory === "elevator") continue;
        const reached = reaches.get(space.id) ?? [];
        const joinedAbove = stackedWith(space, above) || reached.some((o) => o > level.ordinal);
        const joinedBelow = stackedWith(space, below) || reached.some((o) => o < level.ordinal);
        const openBelow = space.kind === "shaft";
        if (joinedBelow) continue;
        // A stair core that comes down to the lowest known level is how a staircase ends, but also what a
        // staircase to an unrecorded basement looks like from above: weak evidence, worth a look.
        const coreReachesBottom = !openBelow && joinedAbove;
        if (coreReachesBottom && below) continue;
        const what = openBelow
          ? "an open-to-below shaft"
          : coreReachesBottom
            ? "a stair core coming down from above"
            : "stairs joined to no level above";
        pointers.push({
          buildingId,
          levelId: below ? below.id : null,
          levelOrdinal: below ? below.ordinal : level.ordinal - 1,
          anchor: centroid(space.polygon),
          polygon: space.polygon,
          evidence: {
            reason: "stairs_continue_below",
            strength: coreReachesBottom ? CORE_AT_BOTTOM_STRENGTH : 1,
            detail: below
              ? `${what} on level ${level.ordinal} (${space.name || space.id}) reaches level ${below.ordinal} where nothing is drawn`
              : coreReachesBottom
                ? `${what} reaches the lowest known level ${level.ordinal} (${space.name || space.id}); it may go further down`
                : `${what} on the lowest known level ${level.ordinal} (${space.name || space.id}) must lead further down`,
            featureIds: [space.id],
          },
        });
      }
    });
  }
  return pointers;
}
