import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";

const square = (x: number, y: number, size = 4) => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
];

describeEachDatabase("site model API", (database) => {
  let server: TestServer;
  let coordinator: { id: string; cookie: string };
  let siteId: string;
  let buildingId: string;
  let levelId: string;

  const post = (url: string, payload: unknown, cookie = coordinator.cookie) =>
    server.request({ method: "POST", url, payload: payload as object, cookie });
  const countRows = async (table: "spaces" | "openings" | "audit_log") =>
    Number(
      (
        await server.store.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    server = await startTestServer(database().config);
    coordinator = await server.userWith(["coordinator"]);
    const site = await post("/api/sites", { name: "Test facility", description: "synthetic" });
    expect(site.statusCode).toBe(201);
    siteId = site.json().id;
    const building = await post("/api/buildings", { siteId, name: "Block 1" });
    expect(building.statusCode).toBe(201);
    buildingId = building.json().id;
    const level = await post("/api/levels", { buildingId, name: "Basement 2", ordinal: -2, status: "known" });
    expect(level.statusCode).toBe(201);
    levelId = level.json().id;
  });
  afterAll(async () => server?.close());

  it("creates, reads, updates and deletes spaces and openings, auditing each change with before and after", async () => {
    const a = await post("/api/spaces", { levelId, name: "Cell 1", kind: "cell", polygon: square(0, 0) });
    const b = await post("/api/spaces", {
      levelId,
      name: "Corridor",
      kind: "corridor",
      polygon: square(4.4, 0),
    });
    expect(a.statusCode).toBe(201);
    expect(a.json()).toMatchObject({ name: "Cell 1", kind: "cell", status: "known", notes: "" });
    const door = await post("/api/openings", {
      kind: "door",
      spaceAId: a.json().id,
      spaceBId: b.json().id,
      position: [4.2, 2],
      barrier: { lock: "keypad", material: "steel", state: "locked" },
    });
    expect(door.statusCode).toBe(201);
    expect(door.json().barrier).toEqual({
      lock: "keypad",
      material: "steel",
      thicknessM: null,
      concealed: false,
      state: "locked",
    });

    const plan = await server.request({
      method: "GET",
      url: `/api/levels/${levelId}/plan`,
      cookie: coordinator.cookie,
    });
    expect(plan.statusCode).toBe(200);
    expect(
      plan
        .json()
        .spaces.map((s: { name: string }) => s.name)
        .sort(),
    ).toEqual(["Cell 1", "Corridor"]);
    expect(plan.json().openings).toHaveLength(1);

    const update = await server.request({
      method: "PUT",
      url: `/api/spaces/${a.json().id}`,
      cookie: coordinator.cookie,
      payload: { name: "Cell 1", kind: "cell", status: "confirmed", polygon: square(0, 0), notes: "checked" },
    });
    expect(update.statusCode).toBe(200);
    expect(update.json().status).toBe("confirmed");

    const audit = await server.store.db
      .selectFrom("audit_log")
      .selectAll()
      .where("entity_id", "=", a.json().id)
      .orderBy("seq")
      .execute();
    expect(audit.map((e) => e.action)).toEqual(["space.create", "space.update"]);
    expect(JSON.parse(audit[1]?.before_json ?? "{}").status).toBe("known");
    expect(JSON.parse(audit[1]?.after_json ?? "{}").status).toBe("confirmed");
    expect(audit[1]?.actor_id).toBe(coordinator.id);

    const del = await server.request({
      method: "DELETE",
      url: `/api/spaces/${b.json().id}`,
      cookie: coordinator.cookie,
    });
    expect(del.statusCode).toBe(204);
    // The door went with the corridor (it connected to it).
    const after = await server.request({
      method: "GET",
      url: `/api/levels/${levelId}/plan`,
      cookie: coordinator.cookie,
    });
    expect(after.json().openings).toHaveLength(0);
  });

  it("lists only the sites a user is a member of, and hides others as not found", async () => {
    const stranger = await server.userWith(["coordinator"]);
    const list = await server.request({ method: "GET", url: "/api/sites", cookie: stranger.cookie });
    expect(list.json()).toEqual([]);
    const peek = await server.request({
      method: "GET",
      url: `/api/sites/${siteId}`,
      cookie: stranger.cookie,
    });
    expect(peek.statusCode).toBe(404);
    const plan = await server.request({
      method: "GET",
      url: `/api/levels/${levelId}/plan`,
      cookie: stranger.cookie,
    });
    expect(plan.statusCode).toBe(404);
    const write = await post(
      "/api/spaces",
      { levelId, name: "Sneaky", kind: "cell", polygon: square(20, 20) },
      stranger.cookie,
    );
    expect(write.statusCode).toBe(404);
    const admin = await server.userWith(["admin"]);
    const all = await server.request({ method: "GET", url: "/api/sites", cookie: admin.cookie });
    expect(all.json().map((s: { id: string }) => s.id)).toContain(siteId);
    const member = await server.userWith(["viewer"], { siteIds: [siteId] });
    const visible = await server.request({
      method: "GET",
      url: `/api/sites/${siteId}`,
      cookie: member.cookie,
    });
    expect(visible.statusCode).toBe(200);
    expect(visible.json().levels[0]).toMatchObject({ ordinal: -2, spaceCount: 1 });
  });

  describe("bad input", () => {
    it("rejects self-intersecting and degenerate polygons, writing nothing", async () => {
      const before = await countRows("spaces");
      const auditBefore = await countRows("audit_log");
      const bowtie = await post("/api/spaces", {
        levelId,
        kind: "cell",
        polygon: [
          [0, 0],
          [4, 4],
          [4, 0],
          [0, 4],
        ],
      });
      expect(bowtie.statusCode).toBe(422);
      expect(bowtie.json().error).toMatchObject({ code: "invalid_geometry" });
      expect(bowtie.json().error.message).toMatch(/cross/);
      const flat = await post("/api/spaces", {
        levelId,
        kind: "cell",
        polygon: [
          [0, 0],
          [1, 0],
          [2, 0],
        ],
      });
      expect(flat.json().error.code).toBe("invalid_geometry");
      const twoPoints = await post("/api/spaces", {
        levelId,
        kind: "cell",
        polygon: [
          [0, 0],
          [1, 0],
        ],
      });
      expect(twoPoints.statusCode).toBe(400);
      expect(twoPoints.json().error.code).toBe("validation_failed");
      const nan = await server.request({
        method: "POST",
        url: "/api/spaces",
        cookie: coordinator.cookie,
        headers: { "content-type": "application/json" },
        payload: `{"levelId":"${levelId}","kind":"cell","polygon":[[0,0],[1,0],[1,"x"]]}`,
      });
      expect(nan.json().error.code).toBe("validation_failed");
      expect(await countRows("spaces")).toBe(before);
      expect(await countRows("audit_log")).toBe(auditBefore);
    });

    it("rejects an opening that does not touch its spaces, or that points at nothing", async () => {
      const a = (
        await post("/api/spaces", { levelId, name: "Far A", kind: "cell", polygon: square(100, 100) })
      ).json();
      const b = (
        await post("/api/spaces", { levelId, name: "Far B", kind: "cell", polygon: square(200, 100) })
      ).json();
      const far = await post("/api/openings", {
        kind: "door",
        spaceAId: a.id,
        spaceBId: b.id,
        position: [104.2, 102],
      });
      expect(far.statusCode).toBe(422);
      expect(far.json().error.code).toBe("opening_does_not_touch");
      const dangling = await post("/api/openings", {
        kind: "door",
        spaceAId: a.id,
        spaceBId: "00000000-0000-4000-8000-000000000001",
        position: [104.2, 102],
      });
      expect(dangling.statusCode).toBe(422);
      expect(dangling.json().error.code).toBe("dangling_reference");
      const danglingLevel = await post("/api/spaces", {
        levelId: "00000000-0000-4000-8000-000000000002",
        kind: "cell",
        polygon: square(0, 0),
      });
      expect(danglingLevel.statusCode).toBe(404); // a parent the caller cannot see answers like an absent one
      expect(danglingLevel.json().error.code).toBe("not_found");
    });

    it("names unknown fields, wrong types, malformed JSON and oversized bodies", async () => {
      const unknown = await post("/api/sites", { name: "x", colour: "red" });
      expect(unknown.statusCode).toBe(400);
      expect(unknown.json().error.code).toBe("unknown_field");
      expect(unknown.json().error.message).toContain("colour");
      const wrongType = await post("/api/levels", { buildingId, name: "L", ordinal: "minus two" });
      expect(wrongType.json().error).toMatchObject({ code: "validation_failed" });
      expect(wrongType.json().error.details[0].path).toBe("body.ordinal");
      const malformed = await server.request({
        method: "POST",
        url: "/api/sites",
        cookie: coordinator.cookie,
        headers: { "content-type": "application/json" },
        payload: '{"name": "unterminated',
      });
      expect(malformed.statusCode).toBe(400);
      expect(malformed.json().error.code).toBe("malformed_json");
      const huge = await post("/api/sites", { name: "big", description: "x".repeat(1_100_000) });
      expect(huge.statusCode).toBe(413);
      expect(huge.json().error.code).toBe("payload_too_large");
      const badId = await server.request({
        method: "GET",
        url: "/api/spaces/not-a-uuid",
        cookie: coordinator.cookie,
      });
      expect(badId.json().error.code).toBe("validation_failed");
      const noRoute = await server.request({
        method: "GET",
        url: "/api/nothing-here",
        cookie: coordinator.cookie,
      });
      expect(noRoute.statusCode).toBe(404);
      expect(noRoute.json().error.code).toBe("not_found");
    });
  });

  it("serves an OpenAPI 3.1 document generated from the route schemas", async () => {
    const doc = await server.request({ method: "GET", url: "/api/openapi.json" });
    expect(doc.statusCode).toBe(200);
    const body = doc.json();
    expect(body.openapi).toBe("3.1.0");
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining(["/api/health", "/api/auth/login", "/api/spaces", "/api/levels/{levelId}/plan"]),
    );
    expect(JSON.stringify(body.paths["/api/spaces"].post.requestBody)).toContain("polygon");
  });

  it("answers health with status ok", async () => {
    const health = await server.request({ method: "GET", url: "/api/health" });
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: "ok" });
    expect(health.headers["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
  });
});
