/**
 * Recommendations on both databases: only reachable, unassigned segments are proposed, to teams whose
 * capabilities detect the subject class; the plan meets the optimality conditions of the engine's
 * allocation; the evidence behind a segment is named; a better cell behind a locked door is reported with
 * its door and its breach task.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SYSTEM_ACTOR, searchLog } from "@athar/db";
import { DEFAULT_METHODS } from "@athar/search";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";
import { buildOpsFixture, type OpsFixture } from "./ops-fixture";

describeEachDatabase("recommendations", (database) => {
  let server: TestServer;
  let filesDir: string;
  let coordinator: { cookie: string };
  let site: OpsFixture;
  const teamIds = new Map<string, string>();

  const get = async (query = "") => {
    const response = await server.request({
      method: "GET",
      url: `/api/sites/${site.siteId}/recommendations${query}`,
      cookie: coordinator.cookie,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-ops-files-"));
    server = await startTestServer(database().config, { env: { ATHAR_FILES_DIR: filesDir } });
    coordinator = await server.userWith(["coordinator"]);
    site = await buildOpsFixture(server, coordinator.cookie);
    for (const [callSign, capabilities] of [
      ["K9-01", ["canine"]],
      ["USAR-02", ["usar_medium"]],
      ["GPR-03", ["gpr"]],
    ] as const) {
      const team = await server.request({
        method: "POST",
        url: `/api/sites/${site.siteId}/teams`,
        cookie: coordinator.cookie,
        payload: { callSign, capabilities },
      });
      expect(team.statusCode, team.body).toBe(201);
      teamIds.set(callSign, team.json().id);
    }
    // A draft puts the site's spaces into the search log; then graded testimony about cells 1 and 2.
    const draft = await server.request({
      method: "POST",
      url: `/api/sites/${site.siteId}/assignments`,
      cookie: coordinator.cookie,
      payload: { methodId: "visual", segmentIds: [site.stairs], plannedMinutes: 5 },
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const testimony = (id: string, segmentId: string, summary: string) => ({
      id: `ev-${id}`,
      at: "2026-03-01T08:00:00Z",
      type: "evidence.recorded",
      evidence: {
        id,
        kind: "testimony",
        target: { segmentId, about: "subjects" },
        reportedBy: `informant-${id}`,
        reportedThrough: [],
        grade: { reliability: "B", credibility: 2 },
        status: "corroborated",
        assertion: "present",
        summary,
      },
    });
    await server.store.write(SYSTEM_ACTOR, (w) =>
      searchLog.appendSearchEvents(w, site.siteId, [
        testimony("E1", site.cells[0], "two men seen taken into cell 1"),
        testimony("E2", site.cells[1], "knocking heard behind cell 2"),
        testimony("E3", site.cells[1], "a former guard names cell 2"),
      ]),
    );
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it("proposes only reachable segments, to teams whose methods detect the subject class", async () => {
    const result = await get();
    const reachable = new Set([site.stairs, site.corridor, site.cells[0]]);
    const k9 = result.teams.find((t: { callSign: string }) => t.callSign === "K9-01");
    const usar = result.teams.find((t: { callSign: string }) => t.callSign === "USAR-02");
    const gpr = result.teams.find((t: { callSign: string }) => t.callSign === "GPR-03");
    expect(k9.methodId).toBe("canine");
    // Of the medium team's methods, call-out sweeps fastest for responsive people.
    const best = DEFAULT_METHODS.filter((m) =>
      ["visual", "call-out", "knock", "search-camera", "breach-inspect"].includes(m.id),
    ).sort((a, b) => (b.sweepRate.responsive?.likely ?? 0) - (a.sweepRate.responsive?.likely ?? 0))[0];
    expect(usar.methodId).toBe(best?.id);
    expect(gpr.methodId).toBeNull();
    expect(gpr.note).toContain("no method");
    for (const team of [k9, usar]) {
      expect(team.recommendations.length).toBeGreaterThan(0);
      for (const r of team.recommendations) expect(reachable.has(r.segmentId)).toBe(true);
      const minutes = team.recommendations.reduce(
        (sum: number, r: { minutes: number }) => sum + r.minutes,
        0,
      );
      expect(minutes).toBeLessThanOrEqual(2 * 60 + team.recommendations.length);
    }
    // Cell 1 carries the testimony: it comes first for the dog team, and says why.
    expect(k9.recommendations[0].segmentId).toBe(site.cells[0]);
    expect(k9.recommendations[0].why.evidence.map((e: { id: string }) => e.id)).toEqual(["E1"]);
    expect(k9.recommendations[0].why.evidence[0].likelihoodRatio).toBeGreaterThan(1);
    expect(k9.recommendations[0].why.text).toContain("testimony B2");
    expect(result.pos).toBeGreaterThan(0);
    expect(result.pos).toBeLessThan(1);
  });

  it("meets the allocation's optimality condition: equal marginal POS per hour wherever a team searches", async () => {
    // A short horizon on this small floor keeps every segment short of saturation, where the condition is sharp.
    const result = await get("?perTeam=20&horizonHours=0.05");
    type Rec = { segmentId: string; hours: number; expectedGain: number };
    type Team = { callSign: string; methodId: string | null; recommendations: Rec[] };
    const teams = (result.teams as Team[]).filter((t) => t.recommendations.length > 0);
    const rateOf = (methodId: string, segmentId: string) => {
      const areas: Record<string, number> = { [site.stairs]: 6, [site.corridor]: 24.8, [site.cells[0]]: 16 };
      return DEFAULT_METHODS.find((m) => m.id === methodId)!.sweepRate.responsive!.likely / areas[segmentId]!;
    };
    // Coverage of each segment by all teams together.
    const coverage = new Map<string, number>();
    for (const t of teams)
      for (const r of t.recommendations)
        coverage.set(
          r.segmentId,
          (coverage.get(r.segmentId) ?? 0) + rateOf(t.methodId!, r.segmentId) * r.hours,
        );
    let checked = 0;
    for (const t of teams) {
      // gain_r = p·(e^(−(C − c_r)) − e^(−C)) gives p; at the optimum p·w_r·e^(−C) = λ_r in every segment r searches.
      const lambdas = t.recommendations.map((r) => {
        const total = coverage.get(r.segmentId)!;
        const mine = rateOf(t.methodId!, r.segmentId) * r.hours;
        const p = r.expectedGain / (Math.exp(-(total - mine)) - Math.exp(-total));
        return p * rateOf(t.methodId!, r.segmentId) * Math.exp(-total);
      });
      for (const lambda of lambdas) expect(lambda / lambdas[0]!).toBeCloseTo(1, 6);
      checked += lambdas.length - 1;
    }
    expect(checked).toBeGreaterThanOrEqual(2);
  });

  it("reports the better cell behind a locked door with the door and a breach task to open", async () => {
    let result = await get();
    const cell2 = result.blocked.find((b: { segmentId: string }) => b.segmentId === site.cells[1]);
    expect(cell2).toBeDefined();
    expect(cell2.blockedBy.map((b: { openingId: string }) => b.openingId)).toEqual([site.doors.cell2]);
    expect(cell2.blockedBy[0].state).toBe("locked");
    expect(cell2.betterFor).toContain("K9-01");
    expect(cell2.canClear).toContain("USAR-02");
    expect(cell2.breachTasks).toEqual([]);
    expect(cell2.suggestion).toContain("open a breach task");

    const task = await server.request({
      method: "POST",
      url: `/api/sites/${site.siteId}/breach-tasks`,
      cookie: coordinator.cookie,
      payload: { openingId: site.doors.cell2, segmentId: site.cells[1], description: "steel door, keypad" },
    });
    expect(task.statusCode, task.body).toBe(201);
    result = await get();
    expect(
      result.blocked.find((b: { segmentId: string }) => b.segmentId === site.cells[1]).breachTasks,
    ).toEqual([{ id: task.json().id, status: "open" }]);
  });

  it("leaves segments under way to their assignment and weighs survival when the time without water is known", async () => {
    const assigned = await server.request({
      method: "POST",
      url: `/api/sites/${site.siteId}/assignments`,
      cookie: coordinator.cookie,
      payload: {
        teamId: teamIds.get("USAR-02"),
        methodId: "visual",
        segmentIds: [site.corridor],
        plannedMinutes: 30,
        assign: true,
      },
    });
    expect(assigned.statusCode, assigned.body).toBe(201);
    const result = await get("?hoursWithoutWater=80");
    expect(result.busySegments).toContain(site.corridor);
    for (const team of result.teams)
      for (const r of team.recommendations) expect(r.segmentId).not.toBe(site.corridor);
    expect(result.posAlive).toBeGreaterThan(0);
    expect(result.posAlive).toBeLessThan(result.pos);
  });
});
