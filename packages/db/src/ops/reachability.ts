/**
 * Which spaces a team can walk into today, from the site model alone, and which barriers stand in the way of
 * the others. See docs/decisions/ops-reachability.md.
 *
 * A barrier is an opening whose state is `locked` or `sealed`; every other opening (open, closed, breached)
 * can be passed. Teams enter through:
 * - stairs and yards (vertical access and open ground: the site model draws no openings between levels),
 * - any space with a passable opening to the outside (an opening with one side only),
 * - any space with no opening drawn at all, and any group of spaces joined by passable openings with no
 *   barrier on its edge (nothing says it is closed off; we do not invent walls the plan does not draw).
 * From there they walk through passable openings. A space not reached this way is unreachable, and its
 * blockers are the barriers on the edge of its group of mutually connected unreached spaces: first those
 * that lead straight to a reached space (one breach opens the group), else every barrier on the edge
 * (the group lies behind more than one barrier).
 */

export interface ReachSpace {
  id: string;
  kind: string;
}

export interface ReachOpening {
  id: string;
  spaceAId: string;
  spaceBId: string | null;
  state: string;
}

export interface Reachability {
  reachable: Set<string>;
  /** For every unreachable space: the barriers to clear, and whether one breach is enough. */
  blocked: Map<string, { openingIds: string[]; singleBreach: boolean }>;
}

const BARRIER_STATES = new Set(["locked", "sealed"]);
const ENTRY_KINDS = new Set(["stairs", "yard"]);

export const isBarrier = (opening: Pick<ReachOpening, "state">): boolean => BARRIER_STATES.has(opening.state);

export function computeReachability(
  spaces: readonly ReachSpace[],
  openings: readonly ReachOpening[],
): Reachability {
  const known = new Set(spaces.map((s) => s.id));
  const bySpace = new Map<string, ReachOpening[]>();
  for (const opening of openings) {
    for (const side of [opening.spaceAId, opening.spaceBId]) {
      if (side === null || !known.has(side)) continue;
      const list = bySpace.get(side) ?? [];
      list.push(opening);
      bySpace.set(side, list);
    }
  }
  const other = (opening: ReachOpening, from: string): string | null =>
    opening.spaceAId === from ? opening.spaceBId : opening.spaceAId;

  const reachable = new Set<string>();
  const queue: string[] = [];
  for (const space of spaces) {
    const list = bySpace.get(space.id) ?? [];
    const entry =
      ENTRY_KINDS.has(space.kind) ||
      list.length === 0 ||
      list.some((o) => !isBarrier(o) && (o.spaceBId === null || !known.has(other(o, space.id) ?? "")));
    if (entry) {
      reachable.add(space.id);
      queue.push(space.id);
    }
  }
  while (queue.length > 0) {
    const id = queue.pop() as string;
    for (const opening of bySpace.get(id) ?? []) {
      if (isBarrier(opening)) continue;
      const next = other(opening, id);
      if (next === null || reachable.has(next) || !known.has(next)) continue;
      reachable.add(next);
      queue.push(next);
    }
  }

  // Groups of unreached spaces joined by passable openings.
  const groups: string[][] = [];
  const grouped = new Set<string>();
  for (const space of spaces) {
    if (reachable.has(space.id) || grouped.has(space.id)) continue;
    const group: string[] = [space.id];
    grouped.add(space.id);
    for (let i = 0; i < group.length; i++) {
      const id = group[i] as string;
      for (const opening of bySpace.get(id) ?? []) {
        if (isBarrier(opening)) continue;
        const next = other(opening, id);
        if (next === null || grouped.has(next) || reachable.has(next) || !known.has(next)) continue;
        grouped.add(next);
        group.push(next);
      }
    }
    groups.push(group);
  }
  const edgeBarriers = (group: readonly string[]): ReachOpening[] => {
    const members = new Set(group);
    const edge = new Map<string, ReachOpening>();
    for (const id of group) {
      for (const opening of bySpace.get(id) ?? []) {
        const next = other(opening, id);
        if (isBarrier(opening) && !(next !== null && members.has(next))) edge.set(opening.id, opening);
      }
    }
    return [...edge.values()];
  };
  // A group no barrier closes off is open to teams (its way in is simply not drawn).
  const closed = groups.filter((group) => {
    if (edgeBarriers(group).length > 0) return true;
    for (const id of group) reachable.add(id);
    return false;
  });

  const blocked = new Map<string, { openingIds: string[]; singleBreach: boolean }>();
  for (const group of closed) {
    const members = new Set(group);
    const edge = edgeBarriers(group);
    const toReached = edge.filter((opening) => {
      const sides = [opening.spaceAId, opening.spaceBId].filter(
        (side) => side === null || !members.has(side),
      );
      return sides.some((side) => side === null || !known.has(side) || reachable.has(side));
    });
    const single = toReached.length > 0;
    const openingIds = (single ? toReached : edge).map((o) => o.id).sort();
    for (const id of group) blocked.set(id, { openingIds, singleBreach: single });
  }
  return { reachable, blocked };
}
