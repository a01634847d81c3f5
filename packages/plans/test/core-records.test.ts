import { describe, expect, it } from "vitest";
import { analyseVoids, coreRecordsFromPlan, exportImdf, importImdf, planFromCoreRecords } from "../src";
import { wingScenario } from "./fixtures/void-scenarios";

describe("stored site model ↔ PlanDocument", () => {
  it("a site stored as core records exports to IMDF and imports back with the same records", () => {
    const { document } = wingScenario({ omit: ["S4"] });
    const records = coreRecordsFromPlan(document);
    // A stored building keeps one footprint; give it one so the analysis has an outline to work in.
    records.buildings[0]!.footprint = document.levels[0]!.outline[0]!.outer;
    const fromStore = planFromCoreRecords(records);
    expect(fromStore.levels[0]!.outline).toEqual([]);
    const result = importImdf(exportImdf(fromStore, { created: "2025-01-01T00:00:00Z" }));
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join("\n"));
    const back = coreRecordsFromPlan(result.document);
    expect(back.spaces.map((s) => [s.id, s.kind, s.status, s.levelId])).toEqual(
      records.spaces.map((s) => [s.id, s.kind, s.status, s.levelId]),
    );
    expect(back.openings.map((o) => [o.id, o.spaceAId, o.spaceBId, o.barrier])).toEqual(
      records.openings.map((o) => [o.id, o.spaceAId, o.spaceBId, o.barrier]),
    );
    // Without a level outline the analysis falls back to the building's footprint and still finds the cell.
    expect(analyseVoids(fromStore).candidates.length).toBe(1);
  });
});
