/**
 * Openings that lead to no known space: a door, hatch or vent in an inside wall whose far side is neither a
 * space nor the outside. Walks away from the doorway on the side away from its space; the first thing met
 * decides (the outside: an entrance; a space: the data only missed the link; neither within reach: nothing
 * known is there).
 */
import { OPENING_REACH_M, type Point } from "@athar/core";
import { distanceToPolygon } from "../geometry/polygon";
import { distanceToRegion } from "../imdf/local-geometry";
import { frameFromLine, frameFromNearestEdge, probePoint } from "../model/opening-sides";
import type { PlanDocument } from "../model/plan-document";
import { insideSpace, type SpaceLocator } from "../model/space-locator";
import { levelRegion } from "./level-raster";
import { type SignalPointer, squareAround } from "./pointer";

/** Steps (m) beyond the doorway, up to the reach a door may have into a wall plus half a metre of room. */
const FAR_SIDE_STEPS_M = [0.15, 0.3, 0.5, 0.75, OPENING_REACH_M, OPENING_REACH_M + 0.5];

export function openingsToNothingPointers(document: PlanDocument, locator: SpaceLocator): SignalPointer[] {
  const spaceById = new Map(document.spaces.map((s) => [s.id, s]));
  const levelById = new Map(document.levels.map((l) => [l.id, l]));
  const pointers: SignalPointer[] = [];
  for (const opening of document.openings) {
    if (opening.spaceBId !== null && spaceById.has(opening.spaceBId)) continue;
    const spaceA = spaceById.get(opening.spaceAId);
    const level = levelById.get(opening.levelId) ?? (spaceA ? levelById.get(spaceA.levelId) : undefined);
    if (!spaceA || !level || level.status === "ruled_out") continue;
    const frame = opening.line
      ? frameFromLine(opening.line)
      : frameFromNearestEdge(opening.position, spaceA.polygon);
    if (!frame) continue;
    const region = levelRegion(level, document);
    if (region.length === 0) continue;
    // The far side is the one whose probe lies farther from space A.
    const left = distanceToPolygon(probePoint(frame, 1, 0.3), spaceA.polygon);
    const right = distanceToPolygon(probePoint(frame, -1, 0.3), spaceA.polygon);
    const sign = left >= right ? 1 : -1;
    let verdict: "outside" | "space" | "nothing" = "nothing";
    let anchor: Point = probePoint(frame, sign, OPENING_REACH_M);
    for (const step of FAR_SIDE_STEPS_M) {
      const p = probePoint(frame, sign, step);
      if (distanceToRegion(p, region) > 0) {
        verdict = "outside";
        break;
      }
      const there = locator.spaceAt(level.id, p);
      if (there && there.id !== spaceA.id && !insideSpace(p, spaceA)) {
        verdict = "space";
        break;
      }
      anchor = p;
    }
    if (verdict !== "nothing") continue;
    pointers.push({
      buildingId: level.buildingId,
      levelId: level.id,
      levelOrdinal: level.ordinal,
      anchor,
      polygon: squareAround(anchor, 0.5),
      evidence: {
        reason: "opening_to_nothing",
        strength: opening.kind === "vent" ? 0.6 : 1,
        detail: `${opening.kind} ${opening.name || opening.id} from ${spaceA.name || spaceA.id} leads to no known space`,
        featureIds: [opening.id, spaceA.id],
      },
    });
  }
  return pointers;
}
