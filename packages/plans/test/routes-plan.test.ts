import { describe, expect, it } from "vitest";
import {
  addCandidateTargets,
  analyseVoids,
  answerRoutes,
  breachTime,
  buildRouteGraph,
  candidateNode,
  DEFAULT_COST_TABLE,
  fastestRoute,
  fastestRouteWithinBreaches,
  fewestBreachesRoute,
  OUTSIDE_NODE,
  parseCostTable,
} from "../src";
import { stairsDownScenario, wingScenario } from "./fixtures/void-scenarios";

const lockedSteel = { lock: "mechanical", material: "steel", state: "locked" } as const;

function cellsAndCorridor(document: ReturnType<typeof wingScenario>["document"]) {
  const byName = (name: string) => document.spaces.find((s) => s.name === name)!.id;
  return {
    corridor: byName("corridor"),
    s2: byName("cell S2"),
    s3: byName("cell S3"),
    n2: byName("cell N2"),
  };
}

describe("routes through a cell wing", () => {
  it("forces a locked door without keys and uses the key with them", () => {
    const { document } = wingScenario({ barrier: lockedSteel });
    const { corridor, s2 } = cellsAndCorridor(document);
    const noKeys = fastestRoute(buildRouteGraph(document, { tool: "hydraulic" }).graph, corridor, s2)!;
    expect(noKeys.steps.map((s) => [s.kind, s.mode])).toEqual([["opening", "forced"]]);
    expect(noKeys.total.breaches).toBe(1);
    const forceTime = breachTime(DEFAULT_COST_TABLE, "door", "steel", null, "hydraulic", "medium")!.time;
    expect(noKeys.total.time.likely).toBeGreaterThan(forceTime.likely);
    const keys = fastestRoute(buildRouteGraph(document, { keys: true }).graph, corridor, s2)!;
    expect(keys.steps.map((s) => s.mode)).toEqual(["key"]);
    expect(keys.total.breaches).toBe(0);
  });

  it("between neighbouring cells: fewest breaches goes through the wall, doors cost two", () => {
    const { document } = wingScenario({ barrier: lockedSteel });
    const { s2, s3 } = cellsAndCorridor(document);
    const { graph } = buildRouteGraph(document, { tool: "power" });
    const fewest = fewestBreachesRoute(graph, s2, s3)!;
    expect(fewest.total.breaches).toBe(1);
    expect(fewest.steps.map((s) => s.kind)).toEqual(["wall_breach"]);
    const twoDoors = fastestRouteWithinBreaches(graph, s2, s3, 2)!;
    const viaDoorsOnly = fastestRouteWithinBreaches(
      buildRouteGraph(document, { tool: "power", breachWalls: false }).graph,
      s2,
      s3,
      2,
    )!;
    expect(viaDoorsOnly.steps.map((s) => s.mode)).toEqual(["forced", "forced"]);
    expect(twoDoors.total.time.likely).toBeLessThanOrEqual(viaDoorsOnly.total.time.likely);
    expect(fastestRouteWithinBreaches(graph, s2, s3, 0)).toBeNull();
  });

  it("the route time is a range: min ≤ likely ≤ max, summed over steps", () => {
    const { document } = wingScenario({ barrier: { state: "closed" } });
    const { s2, n2 } = cellsAndCorridor(document);
    const route = fastestRoute(buildRouteGraph(document).graph, s2, n2)!;
    expect(route.steps.map((s) => s.mode)).toEqual(["unlocked", "unlocked"]);
    const { min, likely, max } = route.total.time;
    expect(min).toBeLessThanOrEqual(likely);
    expect(likely).toBeLessThanOrEqual(max);
    expect(min).toBeGreaterThan(0);
  });

  it("enters from outside through an exterior door or by breaching the outside wall", () => {
    const { document } = wingScenario({ barrier: { state: "closed" } });
    const { corridor, s2 } = cellsAndCorridor(document);
    const noDoor = fastestRoute(buildRouteGraph(document).graph, OUTSIDE_NODE, s2)!;
    expect(noDoor.steps[0]!.kind).toBe("wall_breach");
    const c = document.spaces.find((s) => s.id === corridor)!;
    const y = (c.polygon[0]![1] + c.polygon[2]![1]) / 2;
    document.openings.push({
      ...document.openings[0]!,
      id: "0000000a-0000-4000-8000-000000000000",
      spaceAId: corridor,
      spaceBId: null,
      line: [
        [0.1, y - 0.45],
        [0.1, y + 0.45],
      ],
      position: [0.1, y],
      barrier: { ...document.openings[0]!.barrier, state: "open" },
    });
    const viaDoor = fewestBreachesRoute(buildRouteGraph(document).graph, OUTSIDE_NODE, s2)!;
    expect(viaDoor.total.breaches).toBe(0);
    expect(viaDoor.steps.map((s) => s.to)).toEqual([corridor, s2]);
  });

  it("electronic locks: badge with power, forced without, released when fail-safe", () => {
    const { document } = wingScenario({
      barrier: { lock: "electronic", material: "steel", state: "locked" },
    });
    const { corridor, s2 } = cellsAndCorridor(document);
    const route = (options: Parameters<typeof buildRouteGraph>[1]) =>
      fastestRoute(buildRouteGraph(document, { breachWalls: false, ...options }).graph, corridor, s2)!
        .steps[0]!.mode;
    expect(route({ power: "on", badges: true })).toBe("badge");
    expect(route({ power: "off" })).toBe("forced");
    expect(route({ power: "off", electronicFailsSafe: true })).toBe("unlocked");
  });
});

describe("routes between levels and to hidden space", () => {
  it("takes the stairs down, or breaches the slab when that is faster", () => {
    const { document } = stairsDownScenario();
    const top = document.spaces.find(
      (s) =>
        s.kind === "room" &&
        document.levels.find((l) => l.id === s.levelId)!.ordinal === 0 &&
        s.polygon[0]![0] < 1,
    )!;
    const bottom = document.spaces.find(
      (s) =>
        s.kind === "room" &&
        document.levels.find((l) => l.id === s.levelId)!.ordinal === -1 &&
        s.polygon[0]![0] < 1,
    )!;
    const { graph } = buildRouteGraph(document);
    const fewest = fewestBreachesRoute(graph, top.id, bottom.id);
    // No doors are drawn in this scenario: the rooms are reached by breaching.
    expect(fewest).not.toBeNull();
    const direct = fastestRoute(graph, top.id, bottom.id)!;
    expect(
      direct.steps.some((s) => s.kind === "slab_breach" || s.kind === "relationship" || s.kind === "stairs"),
    ).toBe(true);
  });

  it("routes to a hidden-space candidate through the door that leads to nothing", () => {
    const { document } = wingScenario({ omit: ["S4"], doorToOmitted: ["S4"], barrier: { state: "closed" } });
    const [candidate] = analyseVoids(document).candidates;
    const { graph, context } = buildRouteGraph(document);
    addCandidateTargets(context, [candidate!]);
    const corridor = document.spaces.find((s) => s.kind === "corridor")!.id;
    const answers = answerRoutes(graph, corridor, candidateNode(candidate!.id), 0);
    expect(answers.fastest!.steps.map((s) => [s.kind, s.mode])).toEqual([["opening", "unlocked"]]);
    expect(answers.withinBreaches!.total.breaches).toBe(0);
  });

  it("routes below the lowest level down the stairs that lead there", () => {
    const { document } = stairsDownScenario();
    const [candidate] = analyseVoids(document).candidates;
    const { graph, context } = buildRouteGraph(document);
    addCandidateTargets(context, [candidate!]);
    const stairs = document.spaces.find((s) => s.name === "lower stair")!.id;
    const route = fewestBreachesRoute(graph, stairs, candidateNode(candidate!.id))!;
    expect(route.steps.map((s) => s.kind)).toEqual(["unknown_stairs"]);
  });
});

describe("cost table", () => {
  it("scales by thickness and team capability and falls back to unknown material", () => {
    const brick = breachTime(DEFAULT_COST_TABLE, "wall", "brick", 0.4, "power", "medium")!;
    const brickThin = breachTime(DEFAULT_COST_TABLE, "wall", "brick", 0.2, "power", "medium")!;
    expect(brick.time.likely).toBeCloseTo(2 * brickThin.time.likely, 9);
    const light = breachTime(DEFAULT_COST_TABLE, "wall", "brick", 0.2, "power", "light")!;
    expect(light.time.likely).toBeCloseTo(
      brickThin.time.likely * DEFAULT_COST_TABLE.capabilityFactor.light,
      9,
    );
    const mystery = breachTime(DEFAULT_COST_TABLE, "wall", "adobe", 0.2, "power", "medium")!;
    expect(mystery.row.material).toBe("unknown");
    expect(
      breachTime(DEFAULT_COST_TABLE, "slab", "reinforced_concrete", 0.2, "hand", "medium"),
    ).not.toBeNull();
    for (const row of DEFAULT_COST_TABLE.breaching) {
      expect(row.illustrative).toBe(true);
      expect(row.source.length).toBeGreaterThan(20);
    }
  });

  it("reads a table from JSON and names what is wrong", () => {
    expect(parseCostTable(JSON.parse(JSON.stringify(DEFAULT_COST_TABLE))).ok).toBe(true);
    const broken = structuredClone(DEFAULT_COST_TABLE);
    broken.breaching[0]!.minutes = { min: 5, likely: 1, max: 9 };
    const result = parseCostTable(broken);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/breaching\.0\.minutes/);
  });
});
