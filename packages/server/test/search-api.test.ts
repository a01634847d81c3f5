/**
 * The search API on both databases: the heat-map state before and after the spaces join the log, graded
 * claims (by point and by segment) moving exactly the odds the likelihood table says, echoes counted once,
 * corrections and refutation with reasons, hypotheses (prior, correction, resolution), planners' estimates,
 * the editable likelihood table, the log export verified by the engine and by `athar search report
 * --verify`, the coverage report in Arabic and English (HTML, JSON, PDF or 503), and who may do what.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { verifySearchExport } from "@athar/search";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";
import { runCli } from "../../cli/test/run-cli";
import { rect } from "./ops-fixture";

interface Fixture {
  siteId: string;
  ground: string;
  basement: string;
  corridor: string;
  cells: string[];
  basementCells: string[];
  suspected: string;
}

const odds = (p: number) => p / (1 - p);

describeEachDatabase("search API", (database, kind) => {
  let server: TestServer;
  let coordinator: { id: string; cookie: string };
  let analyst: { id: string; cookie: string };
  let viewer: { cookie: string };
  let field: { cookie: string };
  let outsider: { cookie: string };
  let site: Fixture;

  const get = (url: string, cookie = coordinator.cookie) => server.request({ method: "GET", url, cookie });
  const send = (method: "POST" | "PUT", url: string, payload: object, cookie = coordinator.cookie) =>
    server.request({ method, url, cookie, payload });
  const base = () => `/api/sites/${site.siteId}/search`;
  const state = async (subjectClass = "combined") => {
    const response = await get(`${base()}/state?subjectClass=${subjectClass}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as {
      logHash: string;
      lastSeq: number;
      unsyncedSpaces: number;
      maxPoa: number;
      row: { poa: number };
      headline: Record<string, number>;
      segments: {
        segmentId: string;
        kind: string;
        levelId: string | null;
        poa: number;
        poaBeforeSearch: number;
        pExists: number | null;
        evidenceCounted: number;
        evidenceTotal: number;
      }[];
    };
  };
  const poaOf = async (segmentId: string) => {
    const found = (await state()).segments.find((s) => s.segmentId === segmentId);
    if (!found) throw new Error(`no segment ${segmentId}`);
    return found.poa;
  };

  async function buildSite(): Promise<Fixture> {
    const post = async (url: string, payload: object) => {
      const response = await send("POST", url, payload);
      expect(response.statusCode, `${url}: ${response.body}`).toBe(201);
      return response.json().id as string;
    };
    const siteId = await post("/api/sites", { name: `Search site ${kind}`, description: "synthetic" });
    const buildingId = await post("/api/buildings", { siteId, name: "Block" });
    const ground = await post("/api/levels", { buildingId, name: "Ground", ordinal: 0 });
    const basement = await post("/api/levels", { buildingId, name: "Basement", ordinal: -1 });
    const corridor = await post("/api/spaces", {
      levelId: ground,
      name: "Corridor",
      kind: "corridor",
      polygon: rect(0, 4.2, 12.4, 2),
    });
    const cells: string[] = [];
    for (let i = 0; i < 3; i++)
      cells.push(
        await post("/api/spaces", {
          levelId: ground,
          name: `G-${i + 1}`,
          kind: "cell",
          polygon: rect(i * 4.2, 0, 4, 4),
        }),
      );
    const basementCells: string[] = [];
    for (let i = 0; i < 3; i++)
      basementCells.push(
        await post("/api/spaces", {
          levelId: basement,
          name: `B-${i + 1}`,
          kind: "cell",
          polygon: rect(i * 4.2, 0, 4, 4),
        }),
      );
    const suspected = await post("/api/spaces", {
      levelId: basement,
      name: "Sealed room",
      kind: "unknown",
      status: "suspected",
      polygon: rect(0, 5, 8, 4),
    });
    await post("/api/spaces", {
      levelId: basement,
      name: "Filled shaft",
      kind: "shaft",
      status: "ruled_out",
      polygon: rect(9, 5, 2, 2),
    });
    return { siteId, ground, basement, corridor, cells, basementCells, suspected };
  }

  beforeAll(async () => {
    server = await startTestServer(database().config, { env: { ATHAR_LOGIN_PER_IP_PER_MINUTE: "1000" } });
    coordinator = await server.userWith(["coordinator"]);
    site = await buildSite();
    const members = { siteIds: [site.siteId] };
    analyst = await server.userWith(["analyst"], members);
    viewer = await server.userWith(["viewer"], members);
    field = await server.userWith(["team_lead", "field"], members);
    outsider = await server.userWith(["coordinator"]);
  });
  afterAll(async () => server?.close());

  it("shows an empty log until the spaces join it, then spreads the probability evenly", async () => {
    const before = await state();
    expect(before.segments).toEqual([]);
    expect(before.unsyncedSpaces).toBe(8); // the ruled-out shaft gets no segment
    expect(before.row.poa).toBe(1);
    expect((await send("POST", `${base()}/sync`, {}, viewer.cookie)).statusCode).toBe(403);
    const synced = await send("POST", `${base()}/sync`, {});
    expect(synced.statusCode, synced.body).toBe(200);
    expect(synced.json().added).toBe(8);
    const after = await state();
    expect(after.unsyncedSpaces).toBe(0);
    expect(after.segments).toHaveLength(8);
    expect(after.logHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    // Seven known spaces of weight 1 share 0.9 (ROW keeps 0.1); the suspected room exists with 0.5.
    const spaces = after.segments.filter((s) => s.kind === "space");
    expect(spaces).toHaveLength(7);
    for (const s of spaces) expect(s.poa).toBeCloseTo(0.9 / 8, 12);
    const suspected = after.segments.find((s) => s.segmentId === site.suspected)!;
    expect(suspected.kind).toBe("hypothesis");
    expect(suspected.poa).toBeCloseTo((0.9 / 8) * 0.5, 12);
    expect(after.row.poa).toBeCloseTo(0.1 + (0.9 / 8) * 0.5, 12);
    expect(after.maxPoa).toBeCloseTo(0.9 / 8, 12);
    // Nothing more to add.
    expect((await send("POST", `${base()}/sync`, {})).json().added).toBe(0);
  });

  let b2: string;
  it("records a graded claim at a point of the plan: the cell's odds move by the table's ratio (B2: 6.25)", async () => {
    const target = site.basementCells[1]!;
    const before = await poaOf(target);
    const response = await send("POST", `${base()}/evidence`, {
      kind: "testimony",
      where: { levelId: site.basement, x: 6.2, y: 2 },
      observedAt: "2024-12-08T22:00:00Z",
      reportedBy: "witness-17",
      reportedThrough: ["lawyer-3"],
      grade: { reliability: "B", credibility: 2 },
      summary: "People heard in a basement cell",
    });
    expect(response.statusCode, response.body).toBe(201);
    const { evidence } = response.json();
    b2 = evidence.id;
    expect(evidence).toMatchObject({
      number: 1,
      kind: "testimony",
      target: { segmentId: target, about: "subjects" },
      point: { x: 6.2, y: 2, levelId: site.basement },
      grade: { reliability: "B", credibility: 2 },
      status: "unverified",
      counted: true,
      note: null,
      recordedBy: coordinator.id,
    });
    expect(evidence.used.oddsFactor).toBeCloseTo(6.25, 12);
    expect(evidence.used.grade).toBe("B2");
    const after = await poaOf(target);
    // Likelihood update: odds × 6.25 against everything else.
    expect(odds(after) / odds(before)).toBeCloseTo(6.25, 9);
    const other = await poaOf(site.basementCells[0]!);
    expect(other).toBeLessThan(before);
  });

  it("counts an echo once and flags records from the same source as possible echoes", async () => {
    const target = site.basementCells[1]!;
    const before = await poaOf(target);
    const echo = await send("POST", `${base()}/evidence`, {
      kind: "social_media",
      where: { segmentId: target },
      reportedBy: "witness-17",
      reportedThrough: ["lawyer-3", "channel-9"],
      echoOf: b2,
      grade: { reliability: "F", credibility: 3 },
    });
    expect(echo.statusCode, echo.body).toBe(201);
    expect(echo.json().evidence).toMatchObject({ counted: false, note: "echo", countedAs: b2, number: 2 });
    expect(await poaOf(target)).toBeCloseTo(before, 12);

    // Same source, not linked: counted, but flagged.
    const repeat = await send("POST", `${base()}/evidence`, {
      kind: "testimony",
      where: { segmentId: target },
      reportedBy: "witness-17",
      grade: { reliability: "C", credibility: 3 },
    });
    expect(repeat.statusCode, repeat.body).toBe(201);
    const view = repeat.json().evidence;
    expect(view.counted).toBe(true);
    expect(view.possibleEchoOf).toEqual([b2]);
    // Linking it makes it count once.
    const linked = await send("PUT", `${base()}/evidence/${view.id}`, {
      changes: { echoOf: b2 },
      reason: "same witness, interviewed twice",
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().evidence).toMatchObject({ counted: false, note: "echo", possibleEchoOf: [] });
    expect(await poaOf(target)).toBeCloseTo(before, 12);
  });

  it("refutes and restores a claim with reasons; the history keeps both", async () => {
    const target = site.basementCells[1]!;
    const counted = await poaOf(target);
    const refuted = await send("PUT", `${base()}/evidence/${b2}`, {
      changes: { status: "refuted" },
      reason: "the witness was held in another wing that night",
    });
    expect(refuted.statusCode, refuted.body).toBe(200);
    expect(refuted.json().evidence).toMatchObject({
      status: "refuted",
      statusReason: "the witness was held in another wing that night",
      counted: false,
      note: "refuted",
    });
    expect(await poaOf(target)).toBeCloseTo(0.9 / 8, 12);
    const restored = await send("PUT", `${base()}/evidence/${b2}`, {
      changes: { status: "corroborated", statusReason: "a second, independent witness" },
      reason: "review of 9 December",
    });
    expect(restored.statusCode, restored.body).toBe(200);
    const view = restored.json().evidence;
    // Corroborated reads B2 at credibility ≤ 2: still B2.
    expect(view.used.oddsFactor).toBeCloseTo(6.25, 12);
    expect(view.history.map((h: { type: string }) => h.type)).toEqual([
      "evidence.recorded",
      "evidence.changed",
      "evidence.changed",
    ]);
    expect(view.history[1].reason).toBe("the witness was held in another wing that night");
    expect(await poaOf(target)).toBeCloseTo(counted, 12);
    // A status other than unverified needs a reason when recorded.
    const noReason = await send("POST", `${base()}/evidence`, {
      kind: "document",
      where: { segmentId: target },
      reportedBy: "archive-1",
      grade: { reliability: "A", credibility: 1 },
      status: "confirmed",
    });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].path).toBe("statusReason");
  });

  it("refuses claims that point nowhere, at unknown things or at the existence of a known space", async () => {
    const claim = { kind: "testimony", reportedBy: "s-1", grade: { reliability: "C", credibility: 3 } };
    const outside = await send("POST", `${base()}/evidence`, {
      ...claim,
      where: { levelId: site.basement, x: 100, y: 100 },
    });
    expect(outside.statusCode).toBe(400);
    expect(outside.json().error.code).toBe("validation_failed");
    const unknown = await send("POST", `${base()}/evidence`, { ...claim, where: { segmentId: "nowhere" } });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.details[0].path).toBe("where.segmentId");
    const existence = await send("POST", `${base()}/evidence`, {
      ...claim,
      where: { segmentId: site.cells[0]! },
      about: "existence",
    });
    expect(existence.statusCode).toBe(400);
    const echo = await send("POST", `${base()}/evidence`, {
      ...claim,
      where: { segmentId: site.cells[0]! },
      echoOf: "no-such-claim",
    });
    expect(echo.statusCode).toBe(422);
    const otherLevel = await send("POST", `${base()}/evidence`, {
      ...claim,
      where: { levelId: "00000000-0000-4000-8000-000000000000", x: 1, y: 1 },
    });
    expect(otherLevel.statusCode).toBe(404);
    const missing = await send("PUT", `${base()}/evidence/no-such-claim`, {
      changes: { status: "refuted" },
      reason: "x",
    });
    expect(missing.statusCode).toBe(404);
    const badGrade = await send("POST", `${base()}/evidence`, {
      ...claim,
      where: { segmentId: site.cells[0]! },
      grade: { reliability: "G", credibility: 7 },
    });
    expect(badGrade.statusCode).toBe(400);
  });

  it("weighs claims about a whole level or the whole site against everything else", async () => {
    const levelSum = async (levelId: string) =>
      (await state()).segments.filter((s) => s.levelId === levelId).reduce((sum, s) => sum + s.poa, 0);
    const rowStart = (await state()).row.poa;
    const before = await levelSum(site.basement);
    const byLevel = await send("POST", `${base()}/evidence`, {
      kind: "testimony",
      where: { levelId: site.basement },
      reportedBy: "witness-40",
      grade: { reliability: "C", credibility: 3 },
      summary: "People are held underground",
    });
    expect(byLevel.statusCode, byLevel.body).toBe(201);
    const level = byLevel.json().evidence;
    expect(level.target).toEqual({
      segmentId: null,
      levelId: site.basement,
      siteId: null,
      about: "subjects",
    });
    expect(level.segment.kind).toBe("level");
    expect(level.used.oddsFactor).toBeCloseTo(1.6 * 1.5, 12);
    expect(odds(await levelSum(site.basement)) / odds(before)).toBeCloseTo(2.4, 9);

    const rowBefore = (await state()).row.poa;
    const bySite = await send("POST", `${base()}/evidence`, {
      kind: "official_statement",
      where: { site: true },
      reportedBy: "registry-1",
      grade: { reliability: "A", credibility: 2 },
    });
    expect(bySite.statusCode, bySite.body).toBe(201);
    expect(bySite.json().evidence.target.siteId).toBe(site.siteId);
    const rowAfter = (await state()).row.poa;
    expect(odds(1 - rowAfter) / odds(1 - rowBefore)).toBeCloseTo(10, 9);
    // A level-wide claim cannot be about whether a space exists.
    const existence = await send("POST", `${base()}/evidence`, {
      kind: "testimony",
      where: { levelId: site.basement },
      about: "existence",
      reportedBy: "s",
      grade: { reliability: "C", credibility: 3 },
    });
    expect(existence.statusCode).toBe(400);
    // Take both back, so that the figures below read as before.
    for (const id of [level.id, bySite.json().evidence.id]) {
      const refuted = await send("PUT", `${base()}/evidence/${id}`, {
        changes: { status: "refuted" },
        reason: "test: taken back",
      });
      expect(refuted.statusCode, refuted.body).toBe(200);
    }
    expect((await state()).row.poa).toBeCloseTo(rowStart, 12);
    expect(await levelSum(site.basement)).toBeCloseTo(before, 12);
  });

  it("lets readers read and only coordinators and analysts write; other sites' members see nothing", async () => {
    const list = await get(`${base()}/evidence`, viewer.cookie);
    expect(list.statusCode).toBe(200);
    expect(list.json().evidence.length).toBe(5);
    expect((await get(`${base()}/state`, field.cookie)).statusCode).toBe(200);
    const claim = {
      kind: "visual",
      where: { segmentId: site.cells[0]! },
      reportedBy: "team-2",
      grade: { reliability: "B", credibility: 3 },
    };
    expect((await send("POST", `${base()}/evidence`, claim, viewer.cookie)).statusCode).toBe(403);
    expect((await send("POST", `${base()}/evidence`, claim, field.cookie)).statusCode).toBe(403);
    const byAnalyst = await send("POST", `${base()}/evidence`, claim, analyst.cookie);
    expect(byAnalyst.statusCode, byAnalyst.body).toBe(201);
    expect((await get(`${base()}/state`, outsider.cookie)).statusCode).toBe(404);
    expect((await send("POST", `${base()}/evidence`, claim, outsider.cookie)).statusCode).toBe(404);
    const one = await get(`${base()}/evidence/${b2}`, viewer.cookie);
    expect(one.statusCode).toBe(200);
    expect(one.json().evidence.id).toBe(b2);
  });

  it("manages hypotheses: the suspected space, a new one with its prior, a corrected prior, a resolution", async () => {
    const list = await get(`${base()}/hypotheses`);
    expect(list.statusCode, list.body).toBe(200);
    const drawn = list.json().hypotheses.find((h: { segmentId: string }) => h.segmentId === site.suspected);
    expect(drawn).toMatchObject({ isSpace: true, pExistsPrior: 0.5, levelId: site.basement, resolved: null });

    const created = await send("POST", `${base()}/hypotheses`, {
      label: "Third basement under wing A",
      levelId: null,
      pExists: 0.3,
      areaM2: 120,
      reason: "two former detainees describe stairs going further down",
    });
    expect(created.statusCode, created.body).toBe(201);
    const hypothesis = created.json().hypothesis;
    expect(hypothesis).toMatchObject({ isSpace: false, pExistsPrior: 0.3, reachable: false, areaM2: 120 });
    expect(hypothesis.segmentId).toMatch(/^hypothesis:/);
    // Claims about other cells lower it a little: the person is more likely elsewhere.
    expect(hypothesis.pExists).toBeCloseTo(0.3, 1);
    const id = encodeURIComponent(hypothesis.segmentId);

    const corrected = await send("PUT", `${base()}/hypotheses/${id}`, {
      pExists: 0.6,
      reason: "a building plan from 1987 shows a third basement",
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const now = corrected.json().hypothesis;
    expect(now.pExistsPrior).toBe(0.6);
    expect(now.history.map((h: { type: string; reason: string | null }) => [h.type, h.reason])).toEqual([
      ["segment.added", null],
      ["segment.changed", "a building plan from 1987 shows a third basement"],
    ]);
    const stateNow = await state();
    const segment = stateNow.segments.find((s) => s.segmentId === hypothesis.segmentId)!;
    expect(segment.pExists).toBeCloseTo(now.pExists, 12);

    expect(
      (await send("PUT", `${base()}/hypotheses/${site.cells[0]!}`, { pExists: 0.2, reason: "x" })).statusCode,
    ).toBe(404);
    const resolved = await send("POST", `${base()}/hypotheses/${id}/resolution`, {
      exists: false,
      reason: "core drilling found solid rock",
    });
    expect(resolved.statusCode, resolved.body).toBe(200);
    expect(resolved.json().hypothesis).toMatchObject({ resolved: false, pExists: 0, poa: 0 });
    const contradiction = await send("POST", `${base()}/hypotheses/${id}/resolution`, {
      exists: true,
      reason: "x",
    });
    expect(contradiction.statusCode).toBe(409);
    expect(
      (await send("POST", `${base()}/hypotheses`, { label: "x", pExists: 0.5 }, viewer.cookie)).statusCode,
    ).toBe(403);
  });

  it("shows and edits the likelihood table; every probability follows the new cell", async () => {
    const table = await get(`${base()}/mapping`, viewer.cookie);
    expect(table.statusCode, table.body).toBe(200);
    const cells = table.json().cells as { grade: string; ratio: number; isDefault: boolean }[];
    expect(cells).toHaveLength(36);
    expect(cells.find((c) => c.grade === "B2")).toMatchObject({ isDefault: true });
    expect(cells.find((c) => c.grade === "B2")!.ratio).toBeCloseTo(6.25, 12);
    expect(cells.find((c) => c.grade === "F6")!.ratio).toBeCloseTo(1, 12);

    const target = site.basementCells[1]!;
    const before = await poaOf(target);
    const value = (v: number) => ({
      min: v,
      likely: v,
      max: v,
      source: "review board, 10 Dec",
      illustrative: false,
    });
    const changed = await send("PUT", `${base()}/mapping`, {
      cells: { B2: { l1: value(0.6), l0: value(0.2) } },
      source: "review board, 10 Dec",
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const b2cell = changed.json().cells.find((c: { grade: string }) => c.grade === "B2");
    expect(b2cell.isDefault).toBe(false);
    expect(b2cell.ratio).toBeCloseTo(3, 12);
    expect(changed.json().history).toHaveLength(1);
    expect(changed.json().history[0].changed).toEqual(["B2"]);
    // The one counted B2 claim now multiplies the odds by 3 instead of 6.25.
    const after = await poaOf(target);
    expect(after).toBeLessThan(before);
    const evidence = (await get(`${base()}/evidence/${b2}`)).json().evidence;
    expect(evidence.used.oddsFactor).toBeCloseTo(3, 12);

    const bad = await send("PUT", `${base()}/mapping`, {
      cells: { B2: { l1: value(0.6), l0: value(0) } },
      source: "x",
    });
    expect(bad.statusCode).toBe(400);
    expect((await send("PUT", `${base()}/mapping`, { source: "x" })).statusCode).toBe(400);
    expect(
      (await send("PUT", `${base()}/mapping`, { cells: {}, source: "x" }, field.cookie)).statusCode,
    ).toBe(403);
  });

  it("records planners' estimates; the prior becomes their Mattson consensus", async () => {
    // G-3 has no claim about it: its prior is the planners' consensus alone.
    const weights: Record<string, number> = { [site.cells[2]!]: 3 };
    for (const id of [...site.cells.slice(0, 2), site.corridor, ...site.basementCells, site.suspected])
      weights[id] = 1;
    const first = await send("POST", `${base()}/estimates`, { weights, plannerId: "planner-a" });
    expect(first.statusCode, first.body).toBe(201);
    const second = await send("POST", `${base()}/estimates`, {
      weights: { ...weights, [site.cells[2]!]: 1 },
    });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().estimates.map((e: { plannerId: string }) => e.plannerId)).toEqual([
      "planner-a",
      coordinator.id,
    ]);
    const s = await state();
    const g3 = s.segments.find((x) => x.segmentId === site.cells[2]!)!;
    const corridor = s.segments.find((x) => x.segmentId === site.corridor)!;
    // Planner A gives G-3 three times the corridor's weight (3/10 vs 1/10 of its vector), the coordinator the
    // same (1/8 each): the consensus is the mean of the normalised vectors.
    expect(g3.poaBeforeSearch / corridor.poaBeforeSearch).toBeCloseTo((3 / 10 + 1 / 8) / (1 / 10 + 1 / 8), 9);
    const unknown = await send("POST", `${base()}/estimates`, { weights: { nowhere: 1 } });
    expect(unknown.statusCode).toBe(422);
  });

  it("exports the log so that the engine and `athar search report --verify` recompute the same hash", async () => {
    const s = await state();
    const response = await get(`${base()}/log?download=1`, viewer.cookie);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers["content-disposition"]).toMatch(/attachment/);
    const exported = response.json();
    expect(exported.logHash).toBe(s.logHash);
    expect(exported.log).toHaveLength(s.lastSeq);
    const verified = verifySearchExport(exported);
    expect(verified.ok).toBe(true);
    expect(exported.figures.posCombined).toBeCloseTo(s.headline.posCombined!, 12);
    if (kind !== "sqlite") return; // the command does not depend on the database: once is enough
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-search-export-"));
    try {
      const file = path.join(dir, "export.json");
      fs.writeFileSync(file, response.body);
      const ok = await runCli(["search", "report", "--verify", "--in", file]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, hashMatches: true, claimedHash: s.logHash });
      // A changed figure is caught.
      fs.writeFileSync(
        file,
        JSON.stringify({ ...exported, figures: { ...exported.figures, posCombined: 0.5 } }),
      );
      expect((await runCli(["search", "report", "--verify", "--in", file])).code).toBe(1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("produces the coverage report in Arabic and English, as JSON, HTML and PDF, with the log hash", async () => {
    const s = await state();
    const json = await get(`${base()}/report?format=json`, viewer.cookie);
    expect(json.statusCode, json.body.slice(0, 300)).toBe(200);
    const report = json.json();
    expect(report.format).toBe("athar.coverage-report/1");
    expect(report.logHash).toBe(s.logHash);
    expect(report.headline.posCombined).toBeCloseTo(s.headline.posCombined!, 12);

    const ar = await get(`${base()}/report?lang=ar`, viewer.cookie);
    expect(ar.statusCode).toBe(200);
    expect(ar.headers["content-type"]).toMatch(/text\/html/);
    expect(ar.headers["x-athar-log-hash"]).toBe(s.logHash);
    expect(ar.body).toMatch(/^<!doctype html><html lang="ar" dir="rtl">/);
    expect(ar.body).toContain("تقرير تغطية البحث");
    expect(ar.body).toContain(`data-log-hash="${s.logHash}"`);
    // Self-contained: no script, no external resource.
    expect(ar.body).not.toMatch(/<script|<link|src="http/);
    // A plan per level coloured by remaining probability, and every space of the log in a table.
    for (const level of [site.ground, site.basement])
      expect(ar.body).toContain(`<section class="level" data-level-id="${level}">`);
    for (const id of [...site.cells, ...site.basementCells])
      expect(ar.body).toContain(`data-segment-id="${id}"`);

    const en = await get(`${base()}/report?lang=en`, viewer.cookie);
    expect(en.body).toMatch(/<html lang="en" dir="ltr">/);
    expect(en.body).toContain("Search coverage report");
    expect(en.body).toContain(s.logHash);
    // Never a coverage above 100 %.
    for (const match of en.body.matchAll(/(\d+(?:\.\d+)?)%/g))
      expect(Number(match[1])).toBeLessThanOrEqual(100);

    if (kind === "sqlite") {
      const pdf = await get(`${base()}/report?lang=ar&format=pdf`, viewer.cookie);
      expect(pdf.statusCode, pdf.body.slice(0, 300)).toBe(200);
      expect(pdf.headers["content-type"]).toBe("application/pdf");
      expect(pdf.rawPayload.subarray(0, 5).toString("latin1")).toBe("%PDF-");
    }
  });

  it("answers 503 for a PDF when no browser is configured, and keeps the HTML", async () => {
    const noPdf = await startTestServer(database().config, {
      env: { ATHAR_PDF_CHROMIUM: "/nonexistent/chromium", ATHAR_LOGIN_PER_IP_PER_MINUTE: "1000" },
    });
    try {
      const { cookie } = await noPdf.userWith(["admin"]);
      const pdf = await noPdf.request({ method: "GET", url: `${base()}/report?format=pdf`, cookie });
      expect(pdf.statusCode).toBe(503);
      expect(pdf.json().error.code).toBe("service_unavailable");
      const html = await noPdf.request({ method: "GET", url: `${base()}/report?format=html`, cookie });
      expect(html.statusCode).toBe(200);
    } finally {
      await noPdf.close();
    }
  });
});
