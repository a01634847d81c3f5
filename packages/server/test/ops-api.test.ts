/**
 * The search-operations API on both databases: teams, the assignment lifecycle, idempotent reports with
 * conflicts, the engine integration (a report moves the POA as the primer's Bayes formula says), barriers
 * and breach tasks, the board and the operations log, and who may do what.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { approxEqual } from "@athar/core";
import { searchLog } from "@athar/db";
import { DEFAULT_METHODS, foldSearchLog } from "@athar/search";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";
import { buildOpsFixture, type OpsFixture } from "./ops-fixture";

describeEachDatabase("search operations API", (database) => {
  let server: TestServer;
  let filesDir: string;
  let coordinator: { id: string; cookie: string };
  let lead: { id: string; cookie: string };
  let otherLead: { id: string; cookie: string };
  let field: { id: string; cookie: string };
  let site: OpsFixture;
  let k9: { id: string; callSign: string };
  let usar: { id: string };

  const call = (method: "GET" | "POST" | "PUT" | "DELETE", url: string, cookie: string, payload?: object) =>
    server.request({ method, url, cookie, ...(payload ? { payload } : {}) });

  const newAssignment = async (segmentIds: string[], overrides: object = {}) => {
    const response = await call("POST", `/api/sites/${site.siteId}/assignments`, coordinator.cookie, {
      title: "Search",
      teamId: k9.id,
      methodId: "canine",
      segmentIds,
      plannedMinutes: 30,
      assign: true,
      ...overrides,
    });
    expect(response.statusCode, response.body).toBe(201);
    return response.json();
  };

  const report = (assignmentId: string, body: object, cookie = lead.cookie) =>
    call("POST", `/api/assignments/${assignmentId}/reports`, cookie, body);

  let keyCounter = 0;
  const key = () => `key-${Date.now()}-${++keyCounter}`;

  beforeAll(async () => {
    filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-ops-files-"));
    server = await startTestServer(database().config, { env: { ATHAR_FILES_DIR: filesDir } });
    coordinator = await server.userWith(["coordinator"]);
    site = await buildOpsFixture(server, coordinator.cookie);
    lead = await server.userWith(["team_lead"]);
    otherLead = await server.userWith(["team_lead"], { siteIds: [site.siteId] });
    field = await server.userWith(["field"], { siteIds: [site.siteId] });
    const team = await call("POST", `/api/sites/${site.siteId}/teams`, coordinator.cookie, {
      callSign: "SYR-01",
      name: "Canine 1",
      organisation: "Civil defence",
      capabilities: ["canine", "usar_light"],
      members: [{ alias: "Handler A", role: "handler" }],
      leaderUserId: lead.id,
    });
    expect(team.statusCode, team.body).toBe(201);
    k9 = team.json();
    expect(team.json().methods).toEqual(["call-out", "canine", "knock", "visual"]);
    const other = await call("POST", `/api/sites/${site.siteId}/teams`, coordinator.cookie, {
      callSign: "SYR-02",
      capabilities: ["usar_medium"],
      leaderUserId: otherLead.id,
    });
    expect(other.statusCode, other.body).toBe(201);
    usar = other.json();
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(filesDir, { recursive: true, force: true });
  });

  it("walks an assignment through its lifecycle, recording who and when, and refuses invalid steps with 409", async () => {
    const draft = await call("POST", `/api/sites/${site.siteId}/assignments`, coordinator.cookie, {
      title: "Cell 1 sweep",
      methodId: "canine",
      segmentIds: [site.cells[0]],
      plannedMinutes: 20,
      safetyNotes: "Ceiling cracked",
    });
    expect(draft.statusCode, draft.body).toBe(201);
    const id = draft.json().id;
    expect(draft.json().status).toBe("draft");

    // Start before assignment: invalid.
    const early = await call("POST", `/api/assignments/${id}/start`, coordinator.cookie, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe("invalid_state_transition");

    const assigned = await call("POST", `/api/assignments/${id}/assign`, coordinator.cookie, {
      teamId: k9.id,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json().segments[0].worksiteId).toMatch(/^SYR-01-\d{4}$/);

    // Only the assigned team's leader may start it.
    expect((await call("POST", `/api/assignments/${id}/start`, otherLead.cookie, {})).statusCode).toBe(403);
    const started = await call("POST", `/api/assignments/${id}/start`, lead.cookie, {});
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json().status).toBe("in_progress");

    const done = await report(id, { idempotencyKey: key(), outcome: "nothing_found", effortMinutes: 20 });
    expect(done.statusCode, done.body).toBe(201);
    const after = (await call("GET", `/api/assignments/${id}`, field.cookie)).json();
    expect(after.status).toBe("completed");
    expect(after.transitions.map((t: { from: string | null; to: string }) => `${t.from}>${t.to}`)).toEqual([
      "null>draft",
      "draft>assigned",
      "assigned>in_progress",
      "in_progress>completed",
    ]);
    expect(after.transitions[2].actorId).toBe(lead.id);
    expect(after.transitions[1].actorId).toBe(coordinator.id);

    const abort = await call("POST", `/api/assignments/${id}/abort`, coordinator.cookie, {
      reason: "too late",
    });
    expect(abort.statusCode).toBe(409);
    expect(abort.json().error.details[0].message).toBe("completed");
  });

  it("lets only coordinators create assignments, and only the method a team's capabilities bring", async () => {
    const body = { methodId: "canine", segmentIds: [site.cells[0]], plannedMinutes: 10 };
    expect((await call("POST", `/api/sites/${site.siteId}/assignments`, field.cookie, body)).statusCode).toBe(
      403,
    );
    expect((await call("POST", `/api/sites/${site.siteId}/assignments`, lead.cookie, body)).statusCode).toBe(
      403,
    );
    const wrongMethod = await call("POST", `/api/sites/${site.siteId}/assignments`, coordinator.cookie, {
      ...body,
      methodId: "gpr",
      teamId: k9.id,
    });
    expect(wrongMethod.statusCode).toBe(400);
    const unknownSegment = await call("POST", `/api/sites/${site.siteId}/assignments`, coordinator.cookie, {
      ...body,
      segmentIds: ["no-such-segment"],
    });
    expect(unknownSegment.statusCode).toBe(422);
  });

  it("stores a replayed report once and answers the original again; a reused key with another body is refused", async () => {
    const a = await newAssignment([site.cells[0]]);
    const body = { idempotencyKey: key(), outcome: "nothing_found", effortMinutes: 15, notes: "dusty" };
    const first = await report(a.id, body);
    const second = await report(a.id, body);
    expect(first.statusCode).toBe(201);
    expect(second.statusCode).toBe(200);
    expect(second.headers["x-athar-replayed"]).toBe("1");
    expect(second.json()).toEqual(first.json());
    const rows = await server.store.db
      .selectFrom("field_reports")
      .select("id")
      .where("idempotency_key", "=", body.idempotencyKey)
      .execute();
    expect(rows).toHaveLength(1);
    const events = await searchLog.listSearchEvents(server.store.db, site.siteId);
    expect(events.filter((e) => e.event.id.startsWith(`ops-report:${first.json().id}`))).toHaveLength(1);

    const changed = await report(a.id, { ...body, effortMinutes: 16 });
    expect(changed.statusCode).toBe(409);
    expect(changed.json().error.code).toBe("conflict");
  });

  it("keeps a report on an aborted assignment as a conflict the phone and the board see, counted only when accepted", async () => {
    const a = await newAssignment([site.cells[0]]);
    await call("POST", `/api/assignments/${a.id}/start`, lead.cookie, {});
    expect(
      (
        await call("POST", `/api/assignments/${a.id}/abort`, coordinator.cookie, {
          reason: "structural alarm",
        })
      ).statusCode,
    ).toBe(200);
    const before = (await searchLog.listSearchEvents(server.store.db, site.siteId)).length;
    const late = await report(a.id, { idempotencyKey: key(), outcome: "nothing_found", effortMinutes: 25 });
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json()).toMatchObject({
      status: "conflict",
      conflictReason: "assignment_aborted",
      counted: false,
    });
    expect((await searchLog.listSearchEvents(server.store.db, site.siteId)).length).toBe(before);

    const mine = (await call("GET", "/api/ops/my-work", lead.cookie)).json();
    expect(mine.conflicts.map((r: { id: string }) => r.id)).toContain(late.json().id);
    const board = (await call("GET", `/api/sites/${site.siteId}/ops/board`, coordinator.cookie)).json();
    expect(board.conflicts.map((r: { id: string }) => r.id)).toContain(late.json().id);

    const accepted = await call("POST", `/api/reports/${late.json().id}/resolve`, coordinator.cookie, {
      decision: "accept",
      note: "the search happened",
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({
      status: "accepted",
      counted: true,
      conflictReason: "assignment_aborted",
    });
    expect((await searchLog.listSearchEvents(server.store.db, site.siteId)).length).toBe(before + 1);
    expect((await call("GET", `/api/assignments/${a.id}`, lead.cookie)).json().status).toBe("aborted");
    const again = await call("POST", `/api/reports/${late.json().id}/resolve`, coordinator.cookie, {
      decision: "dismiss",
    });
    expect(again.statusCode).toBe(409);
  });

  it("takes a report from a team that lost the assignment as a conflict, and refuses a stranger's", async () => {
    const a = await newAssignment([site.corridor]);
    const body = { idempotencyKey: key(), outcome: "nothing_found", effortMinutes: 5 };
    expect((await report(a.id, body, otherLead.cookie)).statusCode).toBe(403);
    const moved = await call("PUT", `/api/assignments/${a.id}`, coordinator.cookie, {
      title: a.title,
      teamId: usar.id,
      methodId: "visual",
      segmentIds: [site.corridor],
      plannedMinutes: 30,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const late = await report(a.id, body);
    expect(late.statusCode, late.body).toBe(201);
    expect(late.json()).toMatchObject({
      status: "conflict",
      conflictReason: "team_changed",
      teamId: k9.id,
      counted: false,
    });
    const rows = await server.store.db
      .selectFrom("field_reports")
      .select("id")
      .where("assignment_id", "=", a.id)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("moves the POA of a searched cell exactly as the primer's Bayes formula says", async () => {
    const fold = async () =>
      foldSearchLog((await searchLog.listSearchEvents(server.store.db, site.siteId)).map((e) => e.event));
    const a = await newAssignment([site.cells[1]], { methodId: "visual" });
    const prior = await fold();
    const poaOf = (state: typeof prior, id: string) =>
      state.segments.find((s) => s.segment.id === id)?.poa ?? Number.NaN;
    const poa = poaOf(prior, site.cells[1]);
    expect(poa).toBeGreaterThan(0);

    const minutes = 2;
    const visual = DEFAULT_METHODS.find((m) => m.id === "visual")!;
    const rate = visual.sweepRate.responsive!.likely;
    expect(visual.sweepRate.unresponsive!.likely).toBe(rate);
    const area = 16; // cell 2 is 4 m × 4 m
    const pod = 1 - Math.exp(-(rate * (minutes / 60)) / area);
    expect(pod).toBeLessThan(0.9); // below the visual class cap, where the plain law holds

    const response = await report(a.id, {
      idempotencyKey: key(),
      outcome: "nothing_found",
      effortMinutes: minutes,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().searchEventIds).toHaveLength(1);
    const posterior = await fold();
    const expected = (poa * (1 - pod)) / (1 - poa * pod);
    expect(approxEqual(poaOf(posterior, site.cells[1]), expected)).toBe(true);
    // Every other segment scales by 1 / (1 − POA·POD).
    const other = poaOf(prior, site.corridor);
    expect(approxEqual(poaOf(posterior, site.corridor), other / (1 - poa * pod))).toBe(true);
  });

  it("returns the INSARAG marking the report implies, with the worksite ID and victim marks", async () => {
    const a = await newAssignment([site.cells[0]]);
    const response = await report(a.id, {
      idempotencyKey: key(),
      outcome: "people_found",
      effortMinutes: 30,
      endedAt: "2026-03-05T11:00:00Z",
      people: { live: 2, deceased: 1, condition: "dehydrated" },
      hazards: ["asbestos"],
      asr: [{ segmentId: site.cells[0], level: 4 }],
    });
    expect(response.statusCode, response.body).toBe(201);
    const [marking] = response.json().markings;
    expect(marking.worksiteId).toBe(a.segments[0].worksiteId);
    expect(marking.asr.at(-1)).toMatchObject({ teamCallSign: "SYR-01", level: 4 });
    expect(marking.hazards).toEqual(["asbestos"]);
    expect(marking.triage).toBe("A");
    expect(marking.victims.at(-1)).toEqual({ mark: "V", lines: ["L-2", "D-1"] });
    expect(marking.text).toContain(`SYR-01 - ASR 4 - 05 MAR 2026`);
    expect(marking.text).toContain("ASBESTOS");
    const events = await searchLog.listSearchEvents(server.store.db, site.siteId);
    const search = events.find((e) => e.event.id === response.json().searchEventIds[0])?.event;
    expect(search).toMatchObject({
      type: "search.completed",
      search: { outcome: "subjects_found", subjectsFound: 3 },
    });
  });

  it("turns a barrier into a breach task; finishing the task breaches the door and makes the cell reachable", async () => {
    const a = await newAssignment([site.cells[0], site.corridor]);
    const response = await report(a.id, {
      idempotencyKey: key(),
      outcome: "barrier_met",
      effortMinutes: 10,
      segmentId: site.cells[0],
      barrier: { openingId: site.doors.cell1, description: "door jammed by debris" },
    });
    expect(response.statusCode, response.body).toBe(201);
    const taskId = response.json().breachTaskId;
    expect(taskId).toBeTruthy();
    const task = (await call("GET", `/api/breach-tasks/${taskId}`, field.cookie)).json();
    expect(task).toMatchObject({ openingId: site.doors.cell1, segmentId: site.cells[0], status: "open" });
    // The searched corridor got the effort; the blocked cell got none and is unreachable in the log.
    const log = (await searchLog.listSearchEvents(server.store.db, site.siteId)).map((e) => e.event);
    const mine = log.filter((e) => e.id.startsWith(`ops-report:${response.json().id}`));
    expect(mine.map((e) => e.type).sort()).toEqual(["search.completed", "segment.reachability.changed"]);
    expect(foldSearchLog(log).segments.find((s) => s.segment.id === site.cells[0])?.segment.reachable).toBe(
      false,
    );

    // A team leader of another team may not close it; a coordinator gives it to that team, who then may.
    expect(
      (await call("POST", `/api/breach-tasks/${taskId}/status`, otherLead.cookie, { status: "done" }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await call("POST", `/api/breach-tasks/${taskId}/status`, coordinator.cookie, {
          status: "in_progress",
          teamId: usar.id,
        })
      ).statusCode,
    ).toBe(200);
    const done = await call("POST", `/api/breach-tasks/${taskId}/status`, otherLead.cookie, {
      status: "done",
    });
    expect(done.statusCode, done.body).toBe(200);
    const door = (await call("GET", `/api/openings/${site.doors.cell1}`, coordinator.cookie)).json();
    expect(door.barrier.state).toBe("breached");
    const after = foldSearchLog(
      (await searchLog.listSearchEvents(server.store.db, site.siteId)).map((e) => e.event),
    );
    expect(after.segments.find((s) => s.segment.id === site.cells[0])?.segment.reachable).toBe(true);
  });

  it("puts the site's spaces into the search log with their areas, reachability from the doors, and no ruled-out space", async () => {
    const log = (await searchLog.listSearchEvents(server.store.db, site.siteId)).map((e) => e.event);
    const added = new Map(
      log.flatMap((e) => (e.type === "segment.added" ? [[e.segment.id, e.segment] as const] : [])),
    );
    expect(added.get(site.cells[2])).toMatchObject({
      kind: "space",
      areaM2: 16,
      reachable: false,
      weight: 1,
    });
    expect(added.get(site.stairs)?.reachable).toBe(true);
    expect(added.get(site.corridor)?.reachable).toBe(true);
  });

  it("shows a board of teams and assignments and an operations log that a reconnecting client can page", async () => {
    const board = (await call("GET", `/api/sites/${site.siteId}/ops/board`, field.cookie)).json();
    expect(board.teams.map((t: { team: { callSign: string } }) => t.team.callSign)).toEqual([
      "SYR-01",
      "SYR-02",
    ]);
    const k9Row = board.teams[0];
    expect(k9Row.workedMinutes).toBeGreaterThan(0);
    expect(k9Row.remainingMinutes).toBe(12 * 60 - k9Row.workedMinutes);
    expect(board.lastSeq).toBeGreaterThan(5);
    const newest = (await call("GET", `/api/sites/${site.siteId}/ops/log?limit=3`, field.cookie)).json()
      .entries;
    expect(newest.map((e: { seq: number }) => e.seq)).toEqual([
      board.lastSeq,
      board.lastSeq - 1,
      board.lastSeq - 2,
    ]);
    const catchUp = (
      await call("GET", `/api/sites/${site.siteId}/ops/log?after=${board.lastSeq - 2}`, field.cookie)
    ).json().entries;
    expect(catchUp.map((e: { seq: number }) => e.seq)).toEqual([board.lastSeq - 1, board.lastSeq]);
  });

  it("answers a phone reconciling its queue with which keys the server holds", async () => {
    const a = await newAssignment([site.corridor]);
    const held = key();
    await report(a.id, { idempotencyKey: held, outcome: "nothing_found", effortMinutes: 5 });
    const missing = key();
    const lookup = await call("POST", `/api/sites/${site.siteId}/reports/lookup`, lead.cookie, {
      keys: [held, missing],
    });
    expect(lookup.statusCode).toBe(200);
    expect(lookup.json()).toMatchObject({
      found: [{ key: held, status: "accepted", counted: true }],
      missing: [missing],
    });
  });
});
