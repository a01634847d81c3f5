import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fastestRoute, fastestRouteWithinBreaches, fewestBreachesRoute, RouteGraph } from "../src";

interface RandomEdge {
  a: number;
  b: number;
  minutes: number;
  breach: boolean;
}

const graphArbitrary = fc.integer({ min: 2, max: 7 }).chain((nodes) =>
  fc.record({
    nodes: fc.constant(nodes),
    edges: fc.array(
      fc.record({
        a: fc.integer({ min: 0, max: nodes - 1 }),
        b: fc.integer({ min: 0, max: nodes - 1 }),
        minutes: fc.integer({ min: 0, max: 40 }).map((m) => m / 2),
        breach: fc.boolean(),
      }),
      { maxLength: 16 },
    ),
    k: fc.integer({ min: 0, max: 3 }),
  }),
);

function build(nodes: number, edges: RandomEdge[]): RouteGraph {
  const graph = new RouteGraph();
  for (let n = 0; n < nodes; n++) graph.node(`n${n}`);
  for (const e of edges) {
    if (e.a === e.b) continue;
    graph.connect(`n${e.a}`, `n${e.b}`, {
      kind: e.breach ? "wall_breach" : "opening",
      featureId: null,
      mode: e.breach ? "breach" : "open",
      breaches: e.breach ? 1 : 0,
      time: { min: e.minutes / 2, likely: e.minutes, max: e.minutes * 2 },
      detail: "",
    });
  }
  return graph;
}

/** Every simple path from node 0 to the last node, as (likely time, breaches). */
function allSimplePaths(nodes: number, edges: RandomEdge[]): { time: number; breaches: number }[] {
  const out: { time: number; breaches: number }[] = [];
  const target = nodes - 1;
  const visited = new Set<number>([0]);
  const walk = (at: number, time: number, breaches: number): void => {
    if (at === target) {
      out.push({ time, breaches });
      return;
    }
    for (const e of edges) {
      if (e.a === e.b) continue;
      for (const [from, to] of [
        [e.a, e.b],
        [e.b, e.a],
      ] as const) {
        if (from !== at || visited.has(to)) continue;
        visited.add(to);
        walk(to, time + e.minutes, breaches + (e.breach ? 1 : 0));
        visited.delete(to);
      }
    }
  };
  walk(0, 0, 0);
  return out;
}

describe("route search against brute force (all simple paths)", () => {
  it("fastest, fewest breaches and fastest within k breaches are optimal", () => {
    fc.assert(
      fc.property(graphArbitrary, ({ nodes, edges, k }) => {
        const graph = build(nodes, edges);
        const paths = allSimplePaths(nodes, edges);
        const to = `n${nodes - 1}`;
        const fastest = fastestRoute(graph, "n0", to);
        const fewest = fewestBreachesRoute(graph, "n0", to);
        const within = fastestRouteWithinBreaches(graph, "n0", to, k);
        if (paths.length === 0) {
          expect([fastest, fewest, within]).toEqual([null, null, null]);
          return;
        }
        const bestTime = Math.min(...paths.map((p) => p.time));
        expect(fastest!.total.time.likely).toBeCloseTo(bestTime, 9);
        const fewestBreaches = Math.min(...paths.map((p) => p.breaches));
        const bestTimeAtFewest = Math.min(
          ...paths.filter((p) => p.breaches === fewestBreaches).map((p) => p.time),
        );
        expect(fewest!.total.breaches).toBe(fewestBreaches);
        expect(fewest!.total.time.likely).toBeCloseTo(bestTimeAtFewest, 9);
        const feasible = paths.filter((p) => p.breaches <= k);
        if (feasible.length === 0) {
          expect(within).toBeNull();
        } else {
          expect(within!.total.breaches).toBeLessThanOrEqual(k);
          expect(within!.total.time.likely).toBeCloseTo(Math.min(...feasible.map((p) => p.time)), 9);
        }
        // Steps chain from the start to the target, and the totals are their sums.
        for (const route of [fastest!, fewest!, ...(within ? [within] : [])]) {
          expect(route.steps[0]?.from ?? "n0").toBe("n0");
          route.steps.forEach((step, i) => {
            if (i > 0) expect(step.from).toBe(route.steps[i - 1]!.to);
          });
          if (nodes > 1)
            expect(route.steps[route.steps.length - 1]?.to ?? "n0").toBe(to === "n0" ? "n0" : to);
          const sum = route.steps.reduce((s, step) => s + step.time.max, 0);
          expect(route.total.time.max).toBeCloseTo(sum, 9);
        }
      }),
      { numRuns: 400 },
    );
  });

  it("rejects unknown places and negative breach limits", () => {
    const graph = build(2, [{ a: 0, b: 1, minutes: 1, breach: false }]);
    expect(() => fastestRoute(graph, "n0", "nowhere")).toThrow(/nowhere/);
    expect(() => fastestRouteWithinBreaches(graph, "n0", "n1", -1)).toThrow(RangeError);
  });
});
