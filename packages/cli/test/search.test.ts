import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { allocateEffort, buildCoverageReport, exportSearchLog, searchLogHash } from "@athar/search";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogBuilder, podEffort } from "../../search/test/log-builder";
import { runCli } from "./run-cli";

let dir = "";
const problem = {
  segments: [
    { id: "A", poa: 0.5 },
    { id: "B", poa: 0.3 },
    { id: "C", poa: 0.1 },
    { id: "ROW", poa: 0.1 },
  ],
  resources: [
    { id: "k9", hours: 4, rate: { A: 0.125, B: 0.25 } },
    { id: "visual", hours: 2, rate: { A: 0.5, C: 0.4 } },
  ],
};
const log = new LogBuilder()
  .segment("A", { siteId: "site-1", levelId: "B1", areaM2: 30 })
  .segment("B", { siteId: "site-1", levelId: "B1", areaM2: 40 })
  .hypothesis("H", 0.3, { siteId: "site-1", levelId: "B2", areaM2: 300 })
  .estimate("planner-1", { A: 0.5, B: 0.3, H: 0.1, ROW: 0.1 })
  .search("A", "visual", podEffort(0.6))
  .search("B", "knock", { hours: 0.25 })
  .search("H", "gpr", { hours: 1 }, "nothing_found", { void: "not_found" }).events;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "athar-search-"));
  await writeFile(join(dir, "problem.json"), JSON.stringify(problem, null, 2));
  await writeFile(join(dir, "log.json"), JSON.stringify(log, null, 2));
  await writeFile(join(dir, "export.json"), JSON.stringify(exportSearchLog(log), null, 2));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent("athar search allocate", () => {
  it("prints hours for every resource and segment, the plan's POS and the posterior", async () => {
    const result = await runCli(["search", "allocate", "--in", join(dir, "problem.json")]);
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout);
    expect(Object.keys(output)).toEqual(["allocation", "pos", "posterior"]);
    expect(Object.keys(output.allocation.k9)).toEqual(["A", "B", "C", "ROW"]);
    const engine = allocateEffort({
      weights: [0.5, 0.3, 0.1, 0.1],
      rates: [
        [0.125, 0.25, 0, 0],
        [0.5, 0, 0.4, 0],
      ],
      budgets: [4, 2],
    });
    expect(output.pos).toBeCloseTo(engine.pos, 9);
    expect(output.allocation.k9.B).toBeCloseTo(engine.hours[0]![1]!, 6);
    expect(output.allocation.visual.A).toBeCloseTo(engine.hours[1]![0]!, 6);
    const sum = Object.values(output.posterior as Record<string, number>).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 12);
  });

  it("reads standard input with --in -", async () => {
    const result = await runCli(["search", "allocate", "--in", "-"], { stdin: JSON.stringify(problem) });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).allocation.k9.B).toBeGreaterThan(0);
  });

  it.each([
    [
      "negative hours",
      { ...problem, resources: [{ id: "k9", hours: -1, rate: { A: 1 } }] },
      /resources\.0\.hours: hours must be ≥ 0/,
    ],
    [
      "an unknown segment id",
      { ...problem, resources: [{ id: "k9", hours: 1, rate: { Q: 1 } }] },
      /resources\.0\.rate\.Q: unknown segment id Q/,
    ],
    ["no segments", { segments: [], resources: [] }, /segments: at least one segment is needed/],
  ])("exits 2 with a message naming the line and field for %s", async (_name, bad, message) => {
    const result = await runCli(["search", "allocate", "--in", "-"], { stdin: JSON.stringify(bad, null, 2) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).toMatch(/\(stdin\):\d+:/);
    expect(result.stdout).toBe("");
  });

  it("exits 2 on malformed JSON and on a missing file", async () => {
    const malformed = await runCli(["search", "allocate", "--in", "-"], {
      stdin: '{"segments": [\n{"id": "A" "poa": 1}]}',
    });
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/\(stdin\):2: malformed JSON/);
    const missing = await runCli(["search", "allocate", "--in", join(dir, "nope.json")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*nope\.json: no such file/);
  });
});

describe.concurrent("athar search report", () => {
  it("prints the coverage report of a log, carrying its hash", async () => {
    const result = await runCli(["search", "report", "--in", join(dir, "log.json")]);
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.logHash).toBe(searchLogHash(log));
    expect(report.headline).toEqual(JSON.parse(JSON.stringify(buildCoverageReport(log).headline)));
    expect(report.sites[0].levels.map((l: { levelId: string }) => l.levelId)).toEqual(["B1", "B2"]);
  });

  it("verifies an honest export (exit 0) and refuses a changed one (exit 1)", async () => {
    const honest = await runCli(["search", "report", "--verify", "--in", join(dir, "export.json")]);
    expect(honest.code).toBe(0);
    expect(JSON.parse(honest.stdout).ok).toBe(true);

    const exported = exportSearchLog(log);
    const inflated = {
      ...exported,
      figures: { ...exported.figures, posCombined: exported.figures.posCombined + 0.05 },
    };
    const claim = await runCli(["search", "report", "--verify", "--in", "-"], {
      stdin: JSON.stringify(inflated),
    });
    expect(claim.code).toBe(1);
    expect(JSON.parse(claim.stdout).hashMatches).toBe(true);
    expect(claim.stderr).toMatch(/figures differ: posCombined/);

    const edited = JSON.parse(JSON.stringify(exported));
    edited.log[4].search.effort.coverage = 3;
    const tampered = await runCli(["search", "report", "--verify", "--in", "-"], {
      stdin: JSON.stringify(edited),
    });
    expect(tampered.code).toBe(1);
    expect(JSON.parse(tampered.stdout).hashMatches).toBe(false);
    expect(tampered.stderr).toMatch(/the log hash differs/);
  });

  it("prints an export with --export that then verifies", async () => {
    const exported = await runCli(["search", "report", "--export", "--in", join(dir, "log.json")]);
    expect(exported.code).toBe(0);
    const verified = await runCli(["search", "report", "--verify", "--in", "-"], { stdin: exported.stdout });
    expect(verified.code).toBe(0);
  });

  it("exits 2 on an invalid log, naming the event", async () => {
    const bad = JSON.parse(JSON.stringify(log));
    bad[4].search.segmentId = "Z";
    const result = await runCli(["search", "report", "--in", "-"], { stdin: JSON.stringify(bad, null, 2) });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/events\.4\.search\.segmentId: unknown segment Z/);
  });
});
