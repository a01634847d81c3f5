/**
 * Hidden-space candidates as route targets. A candidate has no door anyone knows of, so the ways in are: a
 * breach through the wall from a space next to it, a breach through the slab from a space above or below it,
 * an opening that leads to nothing known and lands in it, and, for a level below every known one, the stairs
 * or shaft that point down to it.
 */
import type { Point } from "@athar/core";
import { overlapArea } from "../geometry/overlap";
import { boundingBox, centroid, distanceToPolygon, pointInPolygon } from "../geometry/polygon";
import { frameFromLine, frameFromNearestEdge, probePoint } from "../model/opening-sides";
import type { VoidCandidate } from "../voids/types";
import type { RouteContext } from "./build-graph";
import { passageModes, sharedWall } from "./build-graph";
import { addTimes, breachTime, scaleTime } from "./costs";
import { candidateNode } from "./graph";

const dist = (a: Point, b: Point): number => Math.hypot(a[0] - b[0], a[1] - b[1]);

/** Adds each candidate as a node `candidate:<id>` with its ways in; returns the node ids. */
export function addCandidateTargets(context: RouteContext, candidates: readonly VoidCandidate[]): string[] {
  const { document, graph, options, costs, spaceById, levelById, centres } = context;
  const added: string[] = [];
  for (const candidate of candidates) {
    const node = candidateNode(candidate.id);
    graph.node(node);
    added.push(node);
    const centre = centroid(candidate.polygon);
    const box = boundingBox(candidate.polygon);
    const near = (a: { minX: number; minY: number; maxX: number; maxY: number }, margin: number) =>
      a.maxX >= box.minX - margin &&
      a.minX <= box.maxX + margin &&
      a.maxY >= box.minY - margin &&
      a.minY <= box.maxY + margin;

    for (const space of spaceById.values()) {
      const level = levelById.get(space.levelId);
      if (!level || level.buildingId !== candidate.buildingId) continue;
      const spaceBox = boundingBox(space.polygon);
      if (
        space.levelId === candidate.levelId &&
        options.breachWalls &&
        near(spaceBox, options.maxWallThicknessM)
      ) {
        // The candidate's outline is its interior estimate, so the wall lies between the two outlines.
        const wall = sharedWall(space.polygon, candidate.polygon, options.maxWallThicknessM);
        if (wall && wall.lengthM >= options.minBreachLengthM) {
          const thickness = wall.thicknessM >= 0.05 ? wall.thicknessM : options.defaultWallThicknessM;
          const breach = breachTime(
            costs,
            "wall",
            options.defaultWallMaterial,
            thickness,
            options.tool,
            options.capability,
          );
          if (breach) {
            graph.connect(space.id, node, {
              kind: "wall_breach",
              featureId: null,
              mode: "breach",
              breaches: 1,
              time: addTimes(
                context.walk(dist(centres.get(space.id)!, wall.point) + dist(wall.point, centre)),
                breach.time,
              ),
              detail: `breach ${options.defaultWallMaterial} wall ${thickness.toFixed(2)} m into the hidden-space candidate`,
            });
          }
        }
      }
      const floors = Math.abs(level.ordinal - candidate.levelOrdinal);
      if (floors === 1 && options.breachSlabs && near(spaceBox, 0)) {
        if (overlapArea(space.polygon, candidate.polygon) < options.minSlabOverlapM2) continue;
        const slab = breachTime(
          costs,
          "slab",
          options.slabMaterial,
          options.slabThicknessM,
          options.tool,
          options.capability,
        );
        if (!slab) continue;
        graph.connect(space.id, node, {
          kind: "slab_breach",
          featureId: null,
          mode: "breach",
          breaches: 1,
          time: addTimes(
            addTimes(context.walk(dist(centres.get(space.id)!, centre)), slab.time),
            costs.shaftPerLevel.minutes,
          ),
          detail: `breach ${options.slabMaterial} slab into the hidden-space candidate on level ${candidate.levelOrdinal}`,
        });
      }
    }

    for (const opening of document.openings) {
      if (opening.spaceBId !== null && spaceById.has(opening.spaceBId)) continue;
      const a = spaceById.get(opening.spaceAId);
      if (!a || a.levelId !== candidate.levelId || opening.widthM < options.minPassableWidthM) continue;
      const frame = opening.line
        ? frameFromLine(opening.line)
        : frameFromNearestEdge(opening.position, a.polygon);
      if (!frame) continue;
      const leadsIn = [1, -1].some((sign) =>
        [0.3, 0.6, 1.0, 1.5].some((step) => pointInPolygon(probePoint(frame, sign, step), candidate.polygon)),
      );
      if (!leadsIn && distanceToPolygon(opening.position, candidate.polygon) > 0.5) continue;
      const forced = breachTime(
        costs,
        "door",
        opening.barrier.material,
        opening.barrier.thicknessM,
        options.tool,
        options.capability,
      );
      const walk = context.walk(dist(centres.get(a.id)!, opening.position) + dist(opening.position, centre));
      const open = opening.barrier.state === "open" || opening.barrier.state === "breached";
      for (const mode of passageModes(opening, options)) {
        graph.connect(a.id, node, {
          kind: "opening",
          featureId: opening.id,
          mode,
          breaches: 0,
          time: addTimes(walk, costs.passage[mode].minutes),
          detail: `${opening.kind} ${opening.name || opening.id} to no known space: ${mode}`,
        });
      }
      if (forced && !open) {
        graph.connect(a.id, node, {
          kind: "opening",
          featureId: opening.id,
          mode: "forced",
          breaches: 1,
          time: addTimes(walk, forced.time),
          detail: `force ${opening.kind} ${opening.name || opening.id} to no known space`,
        });
      }
    }

    for (const evidence of candidate.evidence) {
      if (evidence.reason !== "stairs_continue_below") continue;
      for (const id of evidence.featureIds) {
        const stairs = spaceById.get(id);
        if (!stairs) continue;
        const floors = Math.abs(
          (levelById.get(stairs.levelId)?.ordinal ?? candidate.levelOrdinal) - candidate.levelOrdinal,
        );
        graph.connect(stairs.id, node, {
          kind: "unknown_stairs",
          featureId: stairs.id,
          mode: "climb",
          breaches: 0,
          time: scaleTime(
            stairs.kind === "stairs" ? costs.stairsPerLevel.minutes : costs.shaftPerLevel.minutes,
            Math.max(1, floors),
          ),
          detail: `${stairs.kind} ${stairs.name || stairs.id} down to where no level is drawn`,
        });
      }
    }
  }
  graph.pack();
  return added;
}
