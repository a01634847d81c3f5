/**
 * `athar link` as a user runs it: FEBRL linked through the shipped settings file, a synthetic register
 * deduplicated with the default preset, and bad input reported with file, line and field (exit code 2).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { formatCsvRow } from "@athar/linkage";
import { generateDedupeSet, SYNTHETIC_COLUMNS, syntheticRow } from "@athar/linkage/synthetic";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

const repo = fileURLToPath(new URL("../../../", import.meta.url));
const febrl = (name: string) => fileURLToPath(new URL(`../../../test-data/febrl/${name}`, import.meta.url));
let dir = "";

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "athar-link-"));
  const set = generateDedupeSet({ seed: 12, records: 1500 });
  const rows = [
    formatCsvRow(SYNTHETIC_COLUMNS),
    ...set.records.map((record) => formatCsvRow(syntheticRow(record))),
  ];
  await writeFile(join(dir, "register.csv"), rows.join(""));
  await writeFile(
    join(dir, "truth.json"),
    JSON.stringify(Object.fromEntries(set.records.map((record) => [record.id, record.person]))),
  );
  await writeFile(join(dir, "broken.csv"), 'id,given_name,family_name\n1,Ali,Haddad\n2,"Omar,Khatib\n');
  await writeFile(join(dir, "bad-date.csv"), "id,given_name,birth_date\n1,Ali,1985\n2,Omar,1985-02-31\n");
  await writeFile(
    join(dir, "bad.json"),
    '{\n  "fields": [\n    { "name": "given", "type": "name" },\n  ]\n}\n',
  );
  await writeFile(join(dir, "invalid.json"), JSON.stringify({ fields: [], blocking: [] }));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const csvRows = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(","));

describe.concurrent("athar link", () => {
  it("links FEBRL 4a and 4b with the shipped settings: every pair ≥ 0.5, F1 ≥ 0.98", async () => {
    const out = join(dir, "links.csv");
    const result = await runCli(
      [
        "link",
        "--left",
        febrl("dataset4a.csv"),
        "--right",
        febrl("dataset4b.csv"),
        "--out",
        out,
        "--config",
        join(repo, "examples/febrl/link.json"),
      ],
      { cwd: repo },
    );
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [header, ...rows] = csvRows(await readFile(out, "utf8"));
    expect(header).toEqual(["left_id", "right_id", "probability"]);
    for (const [, , probability] of rows) expect(Number(probability)).toBeGreaterThanOrEqual(0.5);
    const truePositives = rows.filter(([left, right]) => left?.split("-")[1] === right?.split("-")[1]).length;
    const precision = truePositives / rows.length;
    const recall = truePositives / 5000;
    expect((2 * precision * recall) / (precision + recall)).toBeGreaterThanOrEqual(0.98);
    // A higher threshold keeps a subset.
    const strict = join(dir, "strict.csv");
    const again = await runCli(
      [
        "link",
        "--left",
        febrl("dataset4a.csv"),
        "--right",
        febrl("dataset4b.csv"),
        "--out",
        strict,
        "--config",
        join(repo, "examples/febrl/link.json"),
        "--threshold",
        "0.999",
      ],
      { cwd: repo },
    );
    expect(again.code).toBe(0);
    expect(csvRows(await readFile(strict, "utf8")).length).toBeLessThanOrEqual(rows.length + 1);
  });

  it("deduplicates a register with the default syrian-person preset into id,cluster_id", async () => {
    const out = join(dir, "clusters.csv");
    const result = await runCli(["link", "--dedupe", join(dir, "register.csv"), "--out", out]);
    expect(result.code).toBe(0);
    const [header, ...rows] = csvRows(await readFile(out, "utf8"));
    expect(header).toEqual(["id", "cluster_id"]);
    expect(rows).toHaveLength(1500);
    const truth = JSON.parse(await readFile(join(dir, "truth.json"), "utf8")) as Record<string, number>;
    const ids = new Set(rows.map(([id]) => id));
    expect(ids.size).toBe(1500);
    // Records put together are mostly the same person, and a cluster id is one of its members.
    let together = 0;
    let right = 0;
    for (const [id, cluster] of rows) {
      expect(ids.has(cluster)).toBe(true);
      if (id === cluster) continue;
      together++;
      if (truth[id as string] === truth[cluster as string]) right++;
    }
    expect(together).toBeGreaterThan(100);
    expect(right / together).toBeGreaterThan(0.97);
  });

  it("names the file, line and field of a bad CSV cell, and exits 2", async () => {
    const broken = await runCli(["link", "--dedupe", join(dir, "broken.csv"), "--out", join(dir, "x.csv")]);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toMatch(/broken\.csv, line 3, field "given_name": quoted field is never closed/);
    const date = await runCli(["link", "--dedupe", join(dir, "bad-date.csv"), "--out", join(dir, "x.csv")]);
    expect(date.code).toBe(2);
    expect(date.stderr).toMatch(/bad-date\.csv, line 3, field "birth_date": "1985-02-31" is not a date/);
    const missing = await runCli(["link", "--dedupe", join(dir, "nowhere.csv"), "--out", join(dir, "x.csv")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nowhere\.csv: cannot read the file \(ENOENT\)/);
  });

  it("rejects bad settings and bad options with a message, exit 2", async () => {
    const malformed = await runCli([
      "link",
      "--dedupe",
      join(dir, "register.csv"),
      "--out",
      join(dir, "x.csv"),
      "--config",
      join(dir, "bad.json"),
    ]);
    expect(malformed.code).toBe(2);
    expect(malformed.stderr).toMatch(/bad\.json, line 4: malformed JSON/);
    const invalid = await runCli([
      "link",
      "--dedupe",
      join(dir, "register.csv"),
      "--out",
      join(dir, "x.csv"),
      "--config",
      join(dir, "invalid.json"),
    ]);
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/invalid\.json: invalid linkage settings/);
    const unknown = await runCli([
      "link",
      "--dedupe",
      join(dir, "register.csv"),
      "--out",
      join(dir, "x.csv"),
      "--config",
      "no-such-preset",
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/neither a preset \(syrian-person\) nor a readable settings file/);
    const both = await runCli([
      "link",
      "--dedupe",
      "a.csv",
      "--left",
      "b.csv",
      "--right",
      "c.csv",
      "--out",
      "x.csv",
    ]);
    expect(both.code).toBe(2);
    const threshold = await runCli([
      "link",
      "--dedupe",
      join(dir, "register.csv"),
      "--out",
      join(dir, "x.csv"),
      "--threshold",
      "1.5",
    ]);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toMatch(/--threshold 1\.5/);
    const noOut = await runCli(["link", "--dedupe", join(dir, "register.csv")]);
    expect(noOut.code).toBe(2);
    expect(noOut.stderr).toMatch(/--out is required/);
  });
});
