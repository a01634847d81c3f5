/**
 * Wings that should be twins and are not. Facilities repeat themselves: identical wings around a hub,
 * identical floors stacked. Where the twin of a known space falls on unexplained area, the wing (or floor)
 * differs from its twins there, which is where a hidden room is likeliest.
 *
 * Same level: a rigid motion (rotation + translation) that maps many spaces onto spaces of the same kind and
 * size is a twin relation. Candidate motions come from pairs of distinctive spaces (a signature of kind, area
 * and perimeter shared by 2–8 spaces: one corridor or stair per wing), the rotation from their edge
 * directions (four choices, rooms being rectangles more often than not), then each motion is checked against
 * every space of the level. Stacked floors: the identity between consecutive levels of a building. Mirror
 * images are not searched.
 */
import type { Point } from "@athar/core";
import { centroid, polygonArea } from "../geometry/polygon";
import { distanceToRegion } from "../imdf/local-geometry";
import type { PlanDocument, PlanLevel, PlanSpace } from "../model/plan-document";
import type { SpaceLocator } from "../model/space-locator";
import { explainsArea, levelRegion } from "./level-raster";
import type { SignalPointer } from "./pointer";

const MAX_GROUP = 8;
const MAX_MOTIONS_CHECKED = 16;
/** A twin relation must match at least this many spaces and this share of the level's spaces. */
const MIN_MATCHED = 4;
const MIN_SUPPORT = 0.2;
/** Stacked floors must share this much of their layout to be twins. */
const MIN_FLOOR_SUPPORT = 0.6;
/** Spaces matching within this distance (m) show that the neighbourhood of a gap is twinned. */
const NEIGHBOURHOOD_M = 8;
const AREA_TOLERANCE = 0.1;
/** Spaces checked before a motion is looked at in full. */
const SAMPLE = 64;

interface Motion {
  cos: number;
  sin: number;
  tx: number;
  ty: number;
  label: string;
}

const apply = (m: Motion, [x, y]: Point): Point => [
  m.cos * x - m.sin * y + m.tx,
  m.sin * x + m.cos * y + m.ty,
];

function perimeter(ring: readonly Point[]): number {
  let total = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    total += Math.hypot(ring[i]![0] - ring[j]![0], ring[i]![1] - ring[j]![1]);
  }
  return total;
}

function longestEdgeAngle(ring: readonly Point[]): number {
  let best = 0;
  let angle = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const dx = ring[i]![0] - ring[j]![0];
    const dy = ring[i]![1] - ring[j]![1];
    const length = Math.hypot(dx, dy);
    if (length > best) {
      best = length;
      angle = Math.atan2(dy, dx);
    }
  }
  return angle;
}

interface SpaceFacts {
  space: PlanSpace;
  centre: Point;
  area: number;
}

function matches(facts: SpaceFacts, other: PlanSpace | null): boolean {
  if (!other || other.kind !== facts.space.kind) return false;
  return Math.abs(polygonArea(other.polygon) - facts.area) <= AREA_TOLERANCE * facts.area;
}

function candidateMotions(facts: readonly SpaceFacts[]): Motion[] {
  const groups = new Map<string, SpaceFacts[]>();
  for (const f of facts) {
    const key = `${f.space.kind}|${Math.round(f.area / 0.5)}|${Math.round(perimeter(f.space.polygon) / 0.5)}`;
    const list = groups.get(key) ?? [];
    list.push(f);
    groups.set(key, list);
  }
  const votes = new Map<string, { motion: Motion; votes: number }>();
  for (const group of groups.values()) {
    if (group.length < 2 || group.length > MAX_GROUP) continue;
    for (const a of group) {
      for (const b of group) {
        if (a === b) continue;
        const base = longestEdgeAngle(b.space.polygon) - longestEdgeAngle(a.space.polygon);
        for (let k = 0; k < 4; k++) {
          const phi = base + (k * Math.PI) / 2;
          const degrees = ((Math.round((phi * 180) / Math.PI) % 360) + 360) % 360;
          const rad = (degrees * Math.PI) / 180;
          const cos = Math.cos(rad);
          const sin = Math.sin(rad);
          const tx = b.centre[0] - (cos * a.centre[0] - sin * a.centre[1]);
          const ty = b.centre[1] - (sin * a.centre[0] + cos * a.centre[1]);
          if (degrees === 0 && Math.hypot(tx, ty) < 0.5) continue;
          const key = `${degrees}|${Math.round(tx / 0.25)}|${Math.round(ty / 0.25)}`;
          const entry = votes.get(key);
          if (entry) entry.votes++;
          else votes.set(key, { motion: { cos, sin, tx, ty, label: `rotation ${degrees}°` }, votes: 1 });
        }
      }
    }
  }
  return [...votes.values()]
    .sort((x, y) => y.votes - x.votes)
    .slice(0, MAX_MOTIONS_CHECKED)
    .map((v) => v.motion);
}

function mismatches(
  source: readonly SpaceFacts[],
  target: PlanLevel,
  motion: Motion,
  minSupport: number,
  document: PlanDocument,
  locator: SpaceLocator,
  describe: string,
): SignalPointer[] {
  // Most candidate motions are wrong: a spread sample of the spaces rejects them before the full check.
  const stride = Math.max(1, Math.floor(source.length / SAMPLE));
  let sampled = 0;
  let hits = 0;
  for (let k = 0; k < source.length; k += stride) {
    sampled++;
    if (matches(source[k]!, locator.spaceAt(target.id, apply(motion, source[k]!.centre)))) hits++;
  }
  if (hits < (minSupport / 2) * sampled) return [];
  const matched = new Set<PlanSpace>();
  for (const f of source) {
    if (matches(f, locator.spaceAt(target.id, apply(motion, f.centre)))) matched.add(f.space);
  }
  const support = matched.size / Math.max(1, source.length);
  if (matched.size < MIN_MATCHED || support < minSupport) return [];
  const region = levelRegion(target, document);
  const pointers: SignalPointer[] = [];
  for (const f of source) {
    if (matched.has(f.space)) continue;
    const anchor = apply(motion, f.centre);
    if (region.length === 0 || distanceToRegion(anchor, region) > 0) continue;
    if (locator.spaceAt(target.id, anchor)) continue;
    const box = {
      minX: f.centre[0] - NEIGHBOURHOOD_M,
      minY: f.centre[1] - NEIGHBOURHOOD_M,
      maxX: f.centre[0] + NEIGHBOURHOOD_M,
      maxY: f.centre[1] + NEIGHBOURHOOD_M,
    };
    const twinnedNearby = locator.near(f.space.levelId, box).filter((s) => matched.has(s)).length;
    if (twinnedNearby < 2) continue;
    pointers.push({
      buildingId: target.buildingId,
      levelId: target.id,
      levelOrdinal: target.ordinal,
      anchor,
      polygon: f.space.polygon.map((p) => apply(motion, p)),
      evidence: {
        reason: "twin_wing_mismatch",
        strength: support,
        detail: `${describe}: ${f.space.kind} ${f.space.name || f.space.id} has no twin here (${matched.size} of ${source.length} spaces match)`,
        featureIds: [f.space.id],
      },
    });
  }
  return pointers;
}

export function twinPointers(document: PlanDocument, locator: SpaceLocator): SignalPointer[] {
  const levels = document.levels.filter((l) => l.status !== "ruled_out");
  const factsByLevel = new Map<string, SpaceFacts[]>();
  for (const space of document.spaces) {
    if (!explainsArea(space) || space.status === "ruled_out") continue;
    const list = factsByLevel.get(space.levelId) ?? [];
    list.push({ space, centre: centroid(space.polygon), area: polygonArea(space.polygon) });
    factsByLevel.set(space.levelId, list);
  }
  const pointers: SignalPointer[] = [];
  for (const level of levels) {
    const facts = factsByLevel.get(level.id) ?? [];
    for (const motion of candidateMotions(facts)) {
      pointers.push(
        ...mismatches(facts, level, motion, MIN_SUPPORT, document, locator, `twin wing (${motion.label})`),
      );
    }
  }
  const identity: Motion = { cos: 1, sin: 0, tx: 0, ty: 0, label: "stacked floor" };
  const byBuilding = new Map<string, PlanLevel[]>();
  for (const level of levels) {
    const list = byBuilding.get(level.buildingId) ?? [];
    list.push(level);
    byBuilding.set(level.buildingId, list);
  }
  for (const stack of byBuilding.values()) {
    stack.sort((a, b) => a.ordinal - b.ordinal);
    for (let k = 0; k + 1 < stack.length; k++) {
      const lower = stack[k]!;
      const upper = stack[k + 1]!;
      const lowerFacts = factsByLevel.get(lower.id) ?? [];
      const upperFacts = factsByLevel.get(upper.id) ?? [];
      pointers.push(
        ...mismatches(
          upperFacts,
          lower,
          identity,
          MIN_FLOOR_SUPPORT,
          document,
          locator,
          `floor ${upper.ordinal} above`,
        ),
        ...mismatches(
          lowerFacts,
          upper,
          identity,
          MIN_FLOOR_SUPPORT,
          document,
          locator,
          `floor ${lower.ordinal} below`,
        ),
      );
    }
  }
  return pointers;
}
