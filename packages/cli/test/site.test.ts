import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  DEFAULT_COST_TABLE,
  exportImdf,
  exportImdfZip,
  localProjection,
  type PlanDocument,
  polygonArea,
} from "@athar/plans";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { wingScenario } from "../../plans/test/fixtures/void-scenarios";
import { runCli } from "./run-cli";

let dir = "";
let document: PlanDocument;
const created = "2025-01-01T00:00:00Z";

async function writeFolder(name: string, files: Map<string, Uint8Array | string>): Promise<string> {
  const folder = join(dir, name);
  await mkdir(folder, { recursive: true });
  for (const [file, text] of files) await writeFile(join(folder, file), text);
  return folder;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "athar-site-"));
  document = wingScenario({
    omit: ["S4"],
    doorToOmitted: ["S4"],
    barrier: { lock: "mechanical", material: "steel", state: "locked" },
  }).document;
  await writeFolder("valid", exportImdf(document, { created }));
  await writeFile(join(dir, "valid.zip"), exportImdfZip(document, { created }));
  const broken = exportImdf(document, { created });
  const units = JSON.parse(broken.get("unit.geojson") as string);
  units.features[0].properties.level_id = "00000000-0000-4000-8000-000000000000";
  broken.set("unit.geojson", JSON.stringify(units));
  await writeFolder("broken", broken);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const unit = (name: string) => document.spaces.find((s) => s.name === name)!.id;

describe("athar site", () => {
  it("validate: OK for a valid archive, exit 1 and every problem for an invalid one", async () => {
    const ok = await runCli(["site", "validate", "--in", join(dir, "valid.zip")]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: .*valid IMDF archive/);
    const bad = await runCli(["site", "validate", "--in", join(dir, "broken")]);
    expect(bad.code).toBe(1);
    expect(bad.stdout).toContain("INVALID");
    expect(bad.stdout).toMatch(/unit\.geojson feature [0-9a-f-]{36}: dangling_reference/);
  });

  it("voids: prints candidates with WGS84 polygons, area, score and reasons", async () => {
    const result = await runCli(["site", "voids", "--in", join(dir, "valid")]);
    expect(result.code).toBe(0);
    const { candidates } = JSON.parse(result.stdout);
    expect(candidates).toHaveLength(1);
    const [c] = candidates;
    expect(c.level_ordinal).toBe(0);
    expect(c.area_m2).toBeGreaterThan(6.9);
    expect(c.area_m2).toBeLessThan(8.1);
    expect(c.reasons).toEqual(["unexplained_area", "opening_to_nothing"]);
    expect(c.score).toBeGreaterThan(0);
    expect(c.score).toBeLessThanOrEqual(1);
    // The polygon is a closed [lon, lat] ring around the hidden cell.
    expect(c.polygon[0]).toEqual(c.polygon[c.polygon.length - 1]);
    const projection = localProjection(document.site.refLon!, document.site.refLat!);
    const local = c.polygon.slice(0, -1).map((p: [number, number]) => projection.toLocal(p));
    expect(polygonArea(local)).toBeCloseTo(c.area_m2, 0);
  });

  it("voids: refuses an invalid archive with exit 2 and the problems", async () => {
    const result = await runCli(["site", "voids", "--in", join(dir, "broken")]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("not a valid IMDF archive");
    expect(result.stderr).toContain("dangling_reference");
  });

  it("route: steps with units, openings or breaches and time ranges, under a breach limit and a cost table", async () => {
    const costs = structuredClone(DEFAULT_COST_TABLE);
    for (const row of costs.breaching)
      if (row.target === "door") row.minutes = { min: 100, likely: 200, max: 300 };
    const costsFile = join(dir, "costs.json");
    await writeFile(costsFile, JSON.stringify(costs));
    const result = await runCli([
      "site",
      "route",
      "--in",
      join(dir, "valid.zip"),
      "--from",
      unit("cell S2"),
      "--to",
      unit("cell S3"),
      "--max-breaches",
      "1",
      "--costs",
      costsFile,
    ]);
    expect(result.code).toBe(0);
    const route = JSON.parse(result.stdout);
    expect(route.found).toBe(true);
    expect(route.objective).toBe("fastest_within_breaches");
    // Doors are now dear: the way through is the wall between the cells.
    expect(route.steps.map((s: { via: { kind: string } }) => s.via.kind)).toEqual(["wall_breach"]);
    expect(route.steps[0].from).toBe(unit("cell S2"));
    expect(route.steps[0].to).toBe(unit("cell S3"));
    expect(route.totals.breaches).toBe(1);
    const t = route.totals.time_minutes;
    expect(t.min).toBeLessThanOrEqual(t.likely);
    expect(t.likely).toBeLessThanOrEqual(t.max);
    expect(route.alternatives.fastest.totals.time_minutes.likely).toBeLessThanOrEqual(t.likely);
  });

  it("route: to a hidden-space candidate through the door that leads to it", async () => {
    const voids = JSON.parse((await runCli(["site", "voids", "--in", join(dir, "valid")])).stdout);
    const result = await runCli([
      "site",
      "route",
      "--in",
      join(dir, "valid"),
      "--from",
      unit("corridor"),
      "--to",
      `candidate:${voids.candidates[0].id}`,
      "--keys",
    ]);
    expect(result.code).toBe(0);
    const route = JSON.parse(result.stdout);
    // The door is locked (mechanical) and the team holds keys.
    expect(route.steps.map((s: { via: { kind: string; mode: string } }) => [s.via.kind, s.via.mode])).toEqual(
      [["opening", "key"]],
    );
    expect(route.steps[0].to).toBe(`candidate:${voids.candidates[0].id}`);
  });

  it("route: names an unknown unit and a bad flag with exit 2", async () => {
    const unknown = await runCli([
      "site",
      "route",
      "--in",
      join(dir, "valid"),
      "--from",
      "outside",
      "--to",
      "nope",
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--to: no unit nope");
    const badK = await runCli([
      "site",
      "route",
      "--in",
      join(dir, "valid"),
      "--from",
      "outside",
      "--to",
      unit("cell S2"),
      "--max-breaches",
      "-1",
    ]);
    expect(badK.code).toBe(2);
    expect(badK.stderr).toContain("--max-breaches");
  });
});
