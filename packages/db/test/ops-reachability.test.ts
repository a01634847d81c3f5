/**
 * Reachability from the site model: checked on a worked example and, on random floors, against a brute-force
 * closure and the promise that opening a blocked space's listed barriers lets teams in.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeReachability, isBarrier, type ReachOpening, type ReachSpace } from "../src/ops/reachability";

const STATES = ["open", "closed", "locked", "sealed", "breached"] as const;
const KINDS = ["cell", "corridor", "room", "stairs", "yard", "shaft"] as const;

/** The fixed point written the slow way: repeat "a space next to a reached one through a passable opening" until stable. */
function bruteForce(spaces: readonly ReachSpace[], openings: readonly ReachOpening[]): Set<string> {
  const ids = new Set(spaces.map((s) => s.id));
  const touching = (id: string) => openings.filter((o) => o.spaceAId === id || o.spaceBId === id);
  const reached = new Set<string>();
  for (const s of spaces) {
    const mine = touching(s.id);
    if (s.kind === "stairs" || s.kind === "yard" || mine.length === 0) reached.add(s.id);
    if (
      mine.some(
        (o) =>
          !isBarrier(o) &&
          (o.spaceBId === null || !ids.has(o.spaceAId === s.id ? (o.spaceBId ?? "") : o.spaceAId)),
      )
    )
      reached.add(s.id);
  }
  let changed = true;
  while (changed) {
    changed = false;
    for (const o of openings) {
      if (isBarrier(o) || o.spaceBId === null) continue;
      const a = reached.has(o.spaceAId);
      const b = reached.has(o.spaceBId);
      if (a !== b) {
        reached.add(o.spaceAId);
        reached.add(o.spaceBId);
        changed = true;
      }
    }
  }
  // Groups joined by passable openings that no barrier closes off are reachable too.
  const parent = new Map(spaces.map((s) => [s.id, s.id]));
  const find = (id: string): string => (parent.get(id) === id ? id : find(parent.get(id) as string));
  for (const o of openings)
    if (!isBarrier(o) && o.spaceBId !== null) parent.set(find(o.spaceAId), find(o.spaceBId));
  for (const s of spaces) {
    const root = find(s.id);
    const group = spaces.filter((t) => find(t.id) === root).map((t) => t.id);
    if (group.some((id) => reached.has(id))) continue;
    const closedOff = openings.some(
      (o) =>
        isBarrier(o) && group.includes(o.spaceAId) !== (o.spaceBId !== null && group.includes(o.spaceBId)),
    );
    if (!closedOff) for (const id of group) reached.add(id);
  }
  return reached;
}

const floor = fc
  .integer({ min: 1, max: 9 })
  .chain((n) =>
    fc.record({
      kinds: fc.array(fc.constantFrom(...KINDS), { minLength: n, maxLength: n }),
      openings: fc.array(
        fc.record({
          a: fc.integer({ min: 0, max: n - 1 }),
          b: fc.option(fc.integer({ min: 0, max: n - 1 }), { nil: null }),
          state: fc.constantFrom(...STATES),
        }),
        { maxLength: 14 },
      ),
    }),
  )
  .map(({ kinds, openings }) => {
    const spaces: ReachSpace[] = kinds.map((kind, i) => ({ id: `s${i}`, kind }));
    const list: ReachOpening[] = openings
      .filter((o) => o.b !== o.a)
      .map((o, i) => ({
        id: `o${i}`,
        spaceAId: `s${o.a}`,
        spaceBId: o.b === null ? null : `s${o.b}`,
        state: o.state,
      }));
    return { spaces, openings: list };
  });

describe("reachability from the site model", () => {
  it("lets teams in through the stairs and open doors, not through locked or sealed ones", () => {
    const spaces: ReachSpace[] = [
      { id: "stairs", kind: "stairs" },
      { id: "corridor", kind: "corridor" },
      { id: "cell1", kind: "cell" },
      { id: "cell2", kind: "cell" },
      { id: "inner", kind: "cell" },
      { id: "vault", kind: "room" },
    ];
    const openings: ReachOpening[] = [
      { id: "d0", spaceAId: "stairs", spaceBId: "corridor", state: "closed" },
      { id: "d1", spaceAId: "corridor", spaceBId: "cell1", state: "open" },
      { id: "d2", spaceAId: "corridor", spaceBId: "cell2", state: "locked" },
      { id: "d3", spaceAId: "cell2", spaceBId: "inner", state: "open" },
      { id: "d4", spaceAId: "inner", spaceBId: "vault", state: "sealed" },
    ];
    const result = computeReachability(spaces, openings);
    expect([...result.reachable].sort()).toEqual(["cell1", "corridor", "stairs"]);
    expect(result.blocked.get("cell2")).toEqual({ openingIds: ["d2"], singleBreach: true });
    expect(result.blocked.get("inner")).toEqual({ openingIds: ["d2"], singleBreach: true });
    // The vault is behind two barriers: the first breach does not reach it.
    expect(result.blocked.get("vault")).toEqual({ openingIds: ["d4"], singleBreach: false });
  });

  it("agrees with a brute-force closure on random floors", () => {
    fc.assert(
      fc.property(floor, ({ spaces, openings }) => {
        const result = computeReachability(spaces, openings);
        expect([...result.reachable].sort()).toEqual([...bruteForce(spaces, openings)].sort());
        for (const s of spaces) expect(result.reachable.has(s.id) !== result.blocked.has(s.id)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it("opens a blocked space when its listed barriers are breached (one breach when it says so)", () => {
    fc.assert(
      fc.property(floor, ({ spaces, openings }) => {
        const result = computeReachability(spaces, openings);
        for (const [spaceId, block] of result.blocked) {
          expect(block.openingIds.length).toBeGreaterThan(0);
          if (!block.singleBreach) continue;
          for (const openingId of block.openingIds) {
            const breached = openings.map((o) => (o.id === openingId ? { ...o, state: "breached" } : o));
            expect(computeReachability(spaces, breached).reachable.has(spaceId)).toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it("never loses a reachable space when a barrier is opened", () => {
    fc.assert(
      fc.property(floor, fc.nat(), ({ spaces, openings }, pick) => {
        if (openings.length === 0) return;
        const target = openings[pick % openings.length] as ReachOpening;
        const before = computeReachability(spaces, openings).reachable;
        const after = computeReachability(
          spaces,
          openings.map((o) => (o === target ? { ...o, state: "open" } : o)),
        ).reachable;
        for (const id of before) expect(after.has(id)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
