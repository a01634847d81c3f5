/**
 * The live board: a field report reaches an open event stream as `ops.report.submitted` (with the operations
 * log position) and `search.log.appended`; with PostgreSQL, also when the report lands on another instance.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";
import { buildOpsFixture, type OpsFixture } from "./ops-fixture";

interface Stream {
  events: { type: string; data: { seq?: number; outcome?: string } }[];
  waitFor(type: string, timeoutMs?: number): Promise<boolean>;
  close(): void;
}

async function openStream(baseUrl: string, siteId: string, cookie: string): Promise<Stream> {
  const controller = new AbortController();
  const response = await fetch(`${baseUrl}/api/events?siteId=${siteId}`, {
    headers: { cookie },
    signal: controller.signal,
  });
  expect(response.status).toBe(200);
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  const events: Stream["events"] = [];
  let buffer = "";
  const pump = async (deadline: number) => {
    while (Date.now() < deadline) {
      const next = await Promise.race([
        reader.read(),
        new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now())),
      ]);
      if (next === null || next.done) return;
      buffer += decoder.decode(next.value);
      let cut = buffer.indexOf("\n\n");
      while (cut >= 0) {
        const block = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        const data = block.split("\n").find((l) => l.startsWith("data: "));
        if (data) events.push(JSON.parse(data.slice(6)));
        cut = buffer.indexOf("\n\n");
      }
      return;
    }
  };
  return {
    events,
    async waitFor(type, timeoutMs = 5000) {
      const deadline = Date.now() + timeoutMs;
      while (!events.some((e) => e.type === type) && Date.now() < deadline) await pump(deadline);
      return events.some((e) => e.type === type);
    },
    close: () => controller.abort(),
  };
}

describeEachDatabase("live board events", (database, kind) => {
  let first: TestServer;
  let second: TestServer;
  let coordinator: { cookie: string };
  let site: OpsFixture;
  let teamId: string;

  beforeAll(async () => {
    first = await startTestServer(database().config);
    second = await startTestServer(database().config);
    coordinator = await first.userWith(["coordinator"]);
    site = await buildOpsFixture(first, coordinator.cookie);
    const team = await first.request({
      method: "POST",
      url: `/api/sites/${site.siteId}/teams`,
      cookie: coordinator.cookie,
      payload: { callSign: "SYR-09", capabilities: ["canine"] },
    });
    teamId = team.json().id;
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  const assignAndReport = async (server: TestServer, key: string) => {
    const assignment = await server.request({
      method: "POST",
      url: `/api/sites/${site.siteId}/assignments`,
      cookie: coordinator.cookie,
      payload: { teamId, methodId: "canine", segmentIds: [site.corridor], plannedMinutes: 10, assign: true },
    });
    expect(assignment.statusCode, assignment.body).toBe(201);
    const report = await server.request({
      method: "POST",
      url: `/api/assignments/${assignment.json().id}/reports`,
      cookie: coordinator.cookie,
      payload: { idempotencyKey: key, outcome: "nothing_found", effortMinutes: 10 },
    });
    expect(report.statusCode, report.body).toBe(201);
  };

  it("sends a report to an open board as it is stored", async () => {
    const address = await first.app.listen({ port: 0, host: "127.0.0.1" });
    const stream = await openStream(address, site.siteId, coordinator.cookie);
    await assignAndReport(first, "live-test-same-instance");
    expect(await stream.waitFor("ops.report.submitted")).toBe(true);
    expect(await stream.waitFor("search.log.appended")).toBe(true);
    const submitted = stream.events.find((e) => e.type === "ops.report.submitted");
    expect(submitted?.data).toMatchObject({ outcome: "nothing_found" });
    expect(submitted?.data.seq).toBeGreaterThan(0);
    // Every ops event carries a strictly increasing log position.
    const seqs = stream.events.filter((e) => e.type.startsWith("ops.")).map((e) => e.data.seq as number);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    stream.close();
  });

  it("batches a burst of events to every screen of the site, in order, and to no other site", async () => {
    const bound = first.app.server.address();
    const address =
      bound && typeof bound === "object"
        ? `http://127.0.0.1:${bound.port}`
        : await first.app.listen({ port: 0, host: "127.0.0.1" });
    const other = await first.request({
      method: "POST",
      url: "/api/sites",
      cookie: coordinator.cookie,
      payload: { name: `Other ${kind}` },
    });
    expect(other.statusCode).toBe(201);
    const screens = [
      await openStream(address, site.siteId, coordinator.cookie),
      await openStream(address, site.siteId, coordinator.cookie),
    ];
    const elsewhere = await openStream(address, other.json().id, coordinator.cookie);
    const callSigns = ["BURST-1", "BURST-2", "BURST-3", "BURST-4", "BURST-5"];
    // Sent without waiting for each other: several land within one flush window.
    const created = await Promise.all(
      callSigns.map((callSign) =>
        first.request({
          method: "POST",
          url: `/api/sites/${site.siteId}/teams`,
          cookie: coordinator.cookie,
          payload: { callSign, capabilities: ["usar_light"] },
        }),
      ),
    );
    for (const response of created) expect(response.statusCode).toBe(201);
    for (const screen of screens) {
      const deadline = Date.now() + 5000;
      while (screen.events.filter((e) => e.type === "ops.team.created").length < 5 && Date.now() < deadline)
        await screen.waitFor("never.arrives", 100);
      const teamsCreated = screen.events.filter((e) => e.type === "ops.team.created");
      expect(teamsCreated).toHaveLength(5);
      const seqs = teamsCreated.map((e) => e.data.seq as number);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(new Set(seqs).size).toBe(5);
    }
    await elsewhere.waitFor("ops.team.created", 300);
    expect(elsewhere.events.filter((e) => e.type.startsWith("ops."))).toEqual([]);
    for (const stream of [...screens, elsewhere]) stream.close();
  });

  it.runIf(kind === "postgres")("reaches a board connected to another instance", async () => {
    const address = await second.app.listen({ port: 0, host: "127.0.0.1" });
    const stream = await openStream(address, site.siteId, coordinator.cookie);
    await assignAndReport(first, "live-test-other-instance");
    expect(await stream.waitFor("ops.report.submitted")).toBe(true);
    stream.close();
  });
});
