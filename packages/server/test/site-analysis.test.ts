/**
 * The site-analysis API on both databases: IMDF import (preview, commit, all or nothing), export and
 * re-import, hidden-space candidates on a fixture with a planted hidden cell, a candidate made a hypothesis
 * (the search-log event it appends), breach-aware routes and a route turned into a breaching assignment, and
 * who may do what.
 */
import type { Point } from "@athar/core";
import { searchLog } from "@athar/db";
import {
  centroid,
  exportImdfZip,
  fileText,
  importImdfZip,
  type PlanDocument,
  pointInPolygon,
  polygonArea,
  unzipArchive,
  zipArchive,
} from "@athar/plans";
import { foldSearchLog } from "@athar/search";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";
import { wingScenario } from "../../plans/test/fixtures/void-scenarios";

const CREATED = "2024-12-08T06:00:00Z";

/** A ten-cell-a-side wing whose cell S3 is left out of the plan, its corridor door still drawn. */
function plantedWing(): { document: PlanDocument; hidden: Point[] } {
  const scenario = wingScenario({
    omit: ["S3"],
    doorToOmitted: ["S3"],
    barrier: { lock: "mechanical", material: "steel", state: "locked" },
  });
  return { document: scenario.document, hidden: scenario.hidden[0]!.polygon };
}

const zip = (document: PlanDocument): Buffer => Buffer.from(exportImdfZip(document, { created: CREATED }));

/** Edits one file of an archive: the callback gets the parsed JSON and returns it changed. */
function editArchive(bytes: Buffer, file: string, edit: (json: { features: unknown[] }) => unknown): Buffer {
  const files = unzipArchive(new Uint8Array(bytes));
  files.set(file, JSON.stringify(edit(JSON.parse(fileText(files.get(file)!)))));
  return Buffer.from(zipArchive(files));
}

describeEachDatabase("site analysis API", (database) => {
  let server: TestServer;
  let coordinator: { id: string; cookie: string };
  const planted = plantedWing();
  const archive = zip(planted.document);

  const upload = (url: string, body: Buffer, cookie = coordinator.cookie, csrf = true) =>
    server.request({
      method: "POST",
      url,
      cookie,
      payload: body,
      headers: { "content-type": "application/zip", ...(csrf ? { "x-athar-csrf": "1" } : {}) },
    });
  const get = (url: string, cookie = coordinator.cookie) => server.request({ method: "GET", url, cookie });
  const post = (url: string, payload: object, cookie = coordinator.cookie) =>
    server.request({ method: "POST", url, cookie, payload });

  const counts = async () => ({
    sites: Number(
      (
        await server.store.db
          .selectFrom("sites")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    spaces: Number(
      (
        await server.store.db
          .selectFrom("spaces")
          .select((eb) => eb.fn.countAll().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    ),
    audit: Number(
      (await server.store.db.selectFrom("audit_head").select("seq").executeTakeFirstOrThrow()).seq,
    ),
  });

  beforeAll(async () => {
    server = await startTestServer(database().config);
    coordinator = await server.userWith(["coordinator"]);
  });
  afterAll(async () => server?.close());

  describe("import", () => {
    it("previews an archive without storing anything", async () => {
      const before = await counts();
      const response = await upload("/api/site-imports/preview?fileName=wing.zip", archive);
      expect(response.statusCode, response.body).toBe(200);
      const preview = response.json();
      const doc = planted.document;
      expect(preview.totals).toMatchObject({
        buildings: doc.buildings.length,
        levels: doc.levels.length,
        spaces: doc.spaces.length,
        openings: doc.openings.length,
      });
      const cells = doc.spaces.filter((s) => s.kind === "cell").length;
      expect(preview.levels[0].spaces).toEqual({ cell: cells, corridor: 1 });
      expect(preview.levels[0].hasOutline).toBe(true);
      expect(preview.source.bytes).toBe(archive.length);
      expect(preview.idsInUse).toBe(0);
      expect(await counts()).toEqual(before);
    });

    it("refuses an upload without the CSRF header, or sent as JSON", async () => {
      expect((await upload("/api/site-imports/preview", archive, coordinator.cookie, false)).statusCode).toBe(
        415,
      );
      const json = await post("/api/site-imports", {});
      expect(json.statusCode).toBe(415);
      expect(json.json().error.code).toBe("unsupported_media_type");
    });

    it("answers 422 import_invalid naming file, feature and rule, and stores nothing", async () => {
      const before = await counts();
      const broken = editArchive(archive, "unit.geojson", (json) => {
        const first = json.features[0] as { id: string; properties: { level_id: string } };
        first.properties.level_id = "7d8b2c1e-0000-4000-8000-000000000000";
        return json;
      });
      for (const url of ["/api/site-imports/preview", "/api/site-imports"]) {
        const response = await upload(url, broken);
        expect(response.statusCode, response.body).toBe(422);
        const error = response.json().error;
        expect(error.code).toBe("import_invalid");
        const unit = (planted.document.spaces[0] as { id: string }).id;
        expect(error.details).toContainEqual(
          expect.objectContaining({ file: "unit.geojson", featureId: unit, rule: "dangling_reference" }),
        );
      }
      const notZip = await upload("/api/site-imports", Buffer.from("not a zip at all"));
      expect(notZip.statusCode).toBe(422);
      expect(notZip.json().error.details[0].rule).toBe("archive_unreadable");
      expect(await counts()).toEqual(before);
    });

    it("refuses, all or nothing, an archive the IMDF validator accepts but the site model does not", async () => {
      const before = await counts();
      // An opening 3 m into the corridor from the cell it names: IMDF allows it (with a warning); the site
      // model keeps openings within 1 m of their spaces.
      const doc = structuredClone(planted.document);
      const opening = doc.openings.find((o) => o.spaceBId !== null)!;
      opening.position = [opening.position[0], opening.position[1] + 3];
      opening.line = [
        [opening.position[0] - 0.45, opening.position[1]],
        [opening.position[0] + 0.45, opening.position[1]],
      ];
      opening.extra = { ...opening.extra };
      const response = await upload("/api/site-imports", zip(doc));
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().error.details).toContainEqual(
        expect.objectContaining({ file: "opening.geojson", featureId: opening.id }),
      );
      expect(await counts()).toEqual(before);
    });

    it("commits into a new site, keeps the ids, and audits the import", async () => {
      const response = await upload("/api/site-imports?fileName=wing.zip&name=Wing%20fixture", archive);
      expect(response.statusCode, response.body).toBe(201);
      const outcome = response.json();
      expect(outcome).toMatchObject({ createdSite: true, keptIds: true, siteId: planted.document.site.id });
      const outline = (await get(`/api/sites/${outcome.siteId}`)).json();
      expect(outline.site.name).toBe("Wing fixture");
      expect(outline.levels).toHaveLength(1);
      expect(outline.levels[0].spaceCount).toBe(planted.document.spaces.length);
      const audit = await server.store.db
        .selectFrom("audit_log")
        .select(["action", "after_json"])
        .where("entity_id", "=", outcome.siteId)
        .where("action", "=", "site.import")
        .executeTakeFirstOrThrow();
      expect(JSON.parse(audit.after_json ?? "{}").source.bytes).toBe(archive.length);

      // The same archive again: its ids are taken, so "keep" is refused and "auto" maps to fresh ids.
      const keep = await upload("/api/site-imports?ids=keep", archive);
      expect(keep.statusCode, keep.body).toBe(409);
      const again = await upload("/api/site-imports", archive);
      expect(again.statusCode, again.body).toBe(201);
      expect(again.json().keptIds).toBe(false);
      expect(again.json().siteId).not.toBe(outcome.siteId);
    });

    it("imports into an existing empty site only", async () => {
      const created = await post("/api/sites", { name: "Empty site" });
      const siteId = created.json().id;
      const preview = (await upload(`/api/site-imports/preview?siteId=${siteId}`, archive)).json();
      expect(preview.target).toEqual({ siteId, empty: true });
      const first = await upload(`/api/site-imports?siteId=${siteId}`, archive);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.json()).toMatchObject({ siteId, createdSite: false });
      const site = (await get(`/api/sites/${siteId}`)).json().site;
      expect(site.refLat).toBeCloseTo(planted.document.site.refLat!, 9);
      const second = await upload(`/api/site-imports?siteId=${siteId}`, archive);
      expect(second.statusCode).toBe(409);
    });
  });

  describe("export", () => {
    it("exports a valid archive that round-trips through the engine and the API", async () => {
      const siteId = planted.document.site.id;
      const response = await get(`/api/sites/${siteId}/imdf.zip`);
      expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
      expect(response.headers["content-type"]).toMatch(/application\/zip/);
      const result = importImdfZip(new Uint8Array(response.rawPayload));
      expect(result.ok, JSON.stringify(!result.ok && result.problems.slice(0, 3))).toBe(true);
      if (!result.ok) return;
      const back = result.document;
      const original = planted.document;
      expect(back.spaces.map((s) => s.id).sort()).toEqual(original.spaces.map((s) => s.id).sort());
      for (const space of original.spaces) {
        const other = back.spaces.find((s) => s.id === space.id)!;
        expect(other.kind).toBe(space.kind);
        expect(other.status).toBe(space.status);
        // WGS84 coordinates are written to 1e-7° (about 1 cm): areas agree to 0.01 %.
        const area = polygonArea(space.polygon);
        expect(Math.abs(polygonArea(other.polygon) - area) / area).toBeLessThan(1e-4);
      }
      for (const opening of original.openings) {
        const other = back.openings.find((o) => o.id === opening.id)!;
        expect(other.barrier).toEqual(opening.barrier);
        expect(other.spaceAId).toBe(opening.spaceAId);
      }
      // The level outline is not a site-model field: it survived in the import's extras.
      expect(back.levels[0]!.outline[0]!.outer).toHaveLength(original.levels[0]!.outline[0]!.outer.length);

      const reimport = await upload("/api/site-imports/preview", Buffer.from(response.rawPayload));
      expect(reimport.statusCode, reimport.body).toBe(200);
      expect(reimport.json().totals.spaces).toBe(original.spaces.length);
      expect(reimport.json().idsInUse).toBeGreaterThan(0);
    });

    it("refuses to export a site without a reference point", async () => {
      const siteId = (await post("/api/sites", { name: "Unplaced" })).json().id;
      expect((await get(`/api/sites/${siteId}/imdf.zip`)).statusCode).toBe(409);
    });
  });

  describe("hidden space, hypotheses and routes", () => {
    const siteId = planted.document.site.id;
    let candidate: { id: string; polygon: Point[]; reasons: string[]; areaM2: number; score: number };
    let planVersion: string;
    let spaceId: string;

    it("finds the planted cell and nothing else", async () => {
      const response = await get(`/api/sites/${siteId}/voids`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      planVersion = body.planVersion;
      expect(body.scoreIsCalibrated).toBe(false);
      const inside = body.candidates.filter((c: typeof candidate) =>
        pointInPolygon(centroid(c.polygon), planted.hidden),
      );
      expect(inside).toHaveLength(1);
      expect(body.candidates).toHaveLength(1);
      candidate = inside[0];
      expect(candidate.reasons).toEqual(expect.arrayContaining(["unexplained_area", "opening_to_nothing"]));
      // The interior estimate of a 2.5 × 3 m cell.
      expect(candidate.areaM2).toBeGreaterThan(5);
      expect(candidate.areaM2).toBeLessThan(9);
      expect(body.levels[0].skipped).toBeNull();
    });

    it("reports levels it cannot analyse instead of failing", async () => {
      const bare = (await post("/api/sites", { name: "Hand-drawn" })).json().id;
      const building = (await post("/api/buildings", { siteId: bare, name: "B" })).json().id;
      const level = (await post("/api/levels", { buildingId: building, name: "G", ordinal: 0 })).json().id;
      await post("/api/spaces", {
        levelId: level,
        kind: "room",
        polygon: [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
        ],
      });
      const body = (await get(`/api/sites/${bare}/voids`)).json();
      expect(body.candidates).toEqual([]);
      expect(body.levels[0].skipped).toMatch(/outline/);
    });

    it("routes from outside to the candidate, the three answers consistent", async () => {
      const to = encodeURIComponent(`candidate:${candidate.id}`);
      const response = await get(`/api/sites/${siteId}/route?from=outside&to=${to}&maxBreaches=2`);
      expect(response.statusCode, response.body).toBe(200);
      const body = response.json();
      expect(body.costsIllustrative).toBe(true);
      const { fastest, fewestBreaches, withinBreaches } = body;
      for (const route of [fastest, fewestBreaches, withinBreaches]) {
        expect(route).not.toBeNull();
        const sum = route.steps.reduce((t: number, s: { time: { likely: number } }) => t + s.time.likely, 0);
        expect(route.total.time.likely).toBeCloseTo(sum, 6);
        expect(route.total.time.min).toBeLessThanOrEqual(route.total.time.likely);
        expect(route.total.time.likely).toBeLessThanOrEqual(route.total.time.max);
        expect(route.steps[0].from).toBe("outside");
        expect(route.steps.at(-1).to).toBe(`candidate:${candidate.id}`);
        for (const step of route.steps) expect(body.places[step.to]).toBeDefined();
      }
      expect(fewestBreaches.total.breaches).toBeLessThanOrEqual(fastest.total.breaches);
      expect(withinBreaches.total.breaches).toBeLessThanOrEqual(2);
      expect(fastest.total.time.likely).toBeLessThanOrEqual(withinBreaches.total.time.likely + 1e-9);
      // The wing has no door to the outside and the hidden cell no known door: one breach to get into the
      // wing (a wall), one into the cell (its locked door, or a wall). With at most one, there is no route.
      expect(fewestBreaches.total.breaches).toBe(2);
      const one = (await get(`/api/sites/${siteId}/route?from=outside&to=${to}&maxBreaches=1`)).json();
      expect(one.withinBreaches).toBeNull();
      expect(one.fastest.total).toEqual(fastest.total);

      const keys = await get(`/api/sites/${siteId}/route?from=outside&to=${to}&keys=true`);
      expect(keys.statusCode).toBe(200);
      expect(keys.json().fastest.total.time.likely).toBeLessThanOrEqual(fastest.total.time.likely + 1e-9);
      expect(keys.json().options.keys).toBe(true);

      const unknown = await get(`/api/sites/${siteId}/route?from=outside&to=nowhere`);
      expect(unknown.statusCode).toBe(404);
    });

    it("shows the cost table, marked illustrative", async () => {
      const body = (await get(`/api/sites/${siteId}/breach-costs`)).json();
      expect(body.illustrative).toBe(true);
      expect(body.table.breaching.length).toBeGreaterThan(10);
      expect(body.table.breaching.every((r: { source: string }) => r.source.length > 0)).toBe(true);
    });

    it("refuses a breaching assignment to a candidate that is not a hypothesis yet", async () => {
      const response = await post(`/api/sites/${siteId}/route/assignment`, {
        from: "outside",
        to: `candidate:${candidate.id}`,
      });
      expect(response.statusCode, response.body).toBe(409);
    });

    it("makes the candidate a hypothesis: a suspected space and the segment.added event", async () => {
      const stale = await post(`/api/sites/${siteId}/voids/hypotheses`, {
        candidateId: candidate.id,
        prior: 0.3,
        planVersion: "0".repeat(64),
      });
      expect(stale.statusCode).toBe(409);
      const before = (await searchLog.listSearchEvents(server.store.db, siteId)).length;
      const response = await post(`/api/sites/${siteId}/voids/hypotheses`, {
        candidateId: candidate.id,
        prior: 0.3,
        planVersion,
      });
      expect(response.statusCode, response.body).toBe(201);
      const body = response.json();
      spaceId = body.space.id;
      expect(body.space).toMatchObject({ status: "suspected", kind: "unknown" });
      expect(body.segmentId).toBe(spaceId);
      const events = await searchLog.listSearchEvents(server.store.db, siteId);
      expect(events).toHaveLength(before + 1);
      const added = events.at(-1)!.event;
      expect(added).toMatchObject({
        type: "segment.added",
        id: `ops-segment:${spaceId}`,
        segment: { id: spaceId, kind: "hypothesis", pExists: 0.3, reachable: false, siteId },
      });
      if (added.type === "segment.added") expect(added.segment.areaM2).toBeCloseTo(candidate.areaM2, 6);
      // The search engine takes the log as it is: the hypothesis exists with the coordinator's prior.
      const folded = foldSearchLog(events.map((e) => e.event));
      const hypothesis = folded.segments.find((r) => r.segment.id === spaceId);
      expect(hypothesis?.pExistsPrior).toBeCloseTo(0.3, 9);

      // The candidate now carries the suspected space; a second hypothesis with a space is refused.
      const voids = (await get(`/api/sites/${siteId}/voids`)).json();
      const same = voids.candidates.find((c: typeof candidate) =>
        pointInPolygon(centroid(c.polygon), planted.hidden),
      );
      expect(same.suspectedSpaceId).toBe(spaceId);
      const twice = await post(`/api/sites/${siteId}/voids/hypotheses`, { candidateId: same.id, prior: 0.5 });
      expect(twice.statusCode).toBe(409);
    });

    it("turns a route into a breaching assignment with one breach task per breach", async () => {
      const response = await post(`/api/sites/${siteId}/route/assignment`, {
        from: "outside",
        to: spaceId,
        objective: "fewest_breaches",
      });
      expect(response.statusCode, response.body).toBe(201);
      const body = response.json();
      expect(body.assignment).toMatchObject({ methodId: "breach-inspect", status: "draft" });
      expect(body.assignment.segments).toEqual([
        expect.objectContaining({ segmentId: spaceId, kind: "hypothesis" }),
      ]);
      expect(body.breachTasks).toHaveLength(body.route.total.breaches);
      expect(body.assignment.plannedMinutes).toBe(Math.ceil(body.route.total.time.likely));
      const tasks = (await get(`/api/sites/${siteId}/breach-tasks`)).json();
      for (const task of body.breachTasks) expect(tasks.map((t: { id: string }) => t.id)).toContain(task.id);
    });
  });

  describe("plan changes", () => {
    it("sees a change to the plan at once (the cached plan is checked against the audit trail)", async () => {
      const siteId = planted.document.site.id;
      const before = (await get(`/api/sites/${siteId}/voids`)).json();
      const linked = before.candidates.find((c: { suspectedSpaceId: string | null }) => c.suspectedSpaceId);
      expect(linked).toBeDefined();
      // Ruling the suspected space out explains the area: the candidate goes.
      const space = (await get(`/api/spaces/${linked.suspectedSpaceId}`)).json();
      const { id: _id, levelId: _level, ...rest } = space;
      const ruled = await server.request({
        method: "PUT",
        url: `/api/spaces/${space.id}`,
        cookie: coordinator.cookie,
        payload: { ...rest, status: "ruled_out" },
      });
      expect(ruled.statusCode, ruled.body).toBe(200);
      const after = (await get(`/api/sites/${siteId}/voids`)).json();
      expect(after.planVersion).not.toBe(before.planVersion);
      expect(after.candidates).toHaveLength(before.candidates.length - 1);
    });

    it("documents its routes in the OpenAPI description", async () => {
      const doc = (await server.request({ method: "GET", url: "/api/openapi.json" })).json();
      for (const path of [
        "/api/site-imports/preview",
        "/api/site-imports",
        "/api/sites/{siteId}/imdf.zip",
        "/api/sites/{siteId}/voids",
        "/api/sites/{siteId}/voids/hypotheses",
        "/api/sites/{siteId}/route",
        "/api/sites/{siteId}/breach-costs",
        "/api/sites/{siteId}/route/assignment",
      ])
        expect(Object.keys(doc.paths)).toContain(path);
    });
  });

  describe("who may do what", () => {
    it("lets readers look, keeps writers to coordinators and hides other sites", async () => {
      const siteId = planted.document.site.id;
      const viewer = await server.userWith(["viewer"], { siteIds: [siteId] });
      const field = await server.userWith(["field"], { siteIds: [siteId] });
      const outsider = await server.userWith(["coordinator"]);
      expect((await get(`/api/sites/${siteId}/voids`, viewer.cookie)).statusCode).toBe(200);
      expect((await get(`/api/sites/${siteId}/imdf.zip`, viewer.cookie)).statusCode).toBe(200);
      expect(
        (await post(`/api/sites/${siteId}/voids/hypotheses`, { candidateId: "x", prior: 0.5 }, field.cookie))
          .statusCode,
      ).toBe(403);
      expect((await upload("/api/site-imports/preview", archive, field.cookie)).statusCode).toBe(403);
      expect((await get(`/api/sites/${siteId}/voids`, outsider.cookie)).statusCode).toBe(404);
      expect((await get(`/api/sites/${siteId}/imdf.zip`, outsider.cookie)).statusCode).toBe(404);
    });
  });
});
