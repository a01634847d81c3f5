/**
 * Two server instances on one database, as behind a load balancer: a session made on one works on the
 * other, and (on PostgreSQL, through LISTEN/NOTIFY) a write on one reaches live clients of the other.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";

describeEachDatabase("two instances on one database", (database, kind) => {
  let first: TestServer;
  let second: TestServer;

  beforeAll(async () => {
    first = await startTestServer(database().config);
    second = await startTestServer(database().config);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
  });

  it("shares sessions: sign in on one, work on the other, sign out on the other", async () => {
    const user = await first.userWith(["coordinator"]);
    const me = await second.request({ method: "GET", url: "/api/auth/me", cookie: user.cookie });
    expect(me.statusCode).toBe(200);
    const site = await second.request({
      method: "POST",
      url: "/api/sites",
      cookie: user.cookie,
      payload: { name: "Shared" },
    });
    expect(site.statusCode).toBe(201);
    const listed = await first.request({ method: "GET", url: "/api/sites", cookie: user.cookie });
    expect(listed.json().map((s: { name: string }) => s.name)).toContain("Shared");
    await second.request({ method: "POST", url: "/api/auth/logout", cookie: user.cookie, payload: {} });
    expect(
      (await first.request({ method: "GET", url: "/api/auth/me", cookie: user.cookie })).statusCode,
    ).toBe(401);
  });

  it.runIf(kind === "postgres")(
    "delivers a write on one instance to a live client of the other",
    async () => {
      const user = await first.userWith(["coordinator"]);
      const site = (
        await first.request({
          method: "POST",
          url: "/api/sites",
          cookie: user.cookie,
          payload: { name: "Live" },
        })
      ).json();
      const address = await second.app.listen({ port: 0, host: "127.0.0.1" });
      const controller = new AbortController();
      const response = await fetch(`${address}/api/events?siteId=${site.id}`, {
        headers: { cookie: user.cookie },
        signal: controller.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toContain("text/event-stream");
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let received = "";
      const waitFor = async (pattern: string) => {
        const deadline = Date.now() + 5000;
        while (!received.includes(pattern) && Date.now() < deadline) {
          const { value, done } = await reader.read();
          if (done) break;
          received += decoder.decode(value);
        }
        return received.includes(pattern);
      };
      expect(await waitFor(": connected")).toBe(true);
      const building = await first.request({
        method: "POST",
        url: "/api/buildings",
        cookie: user.cookie,
        payload: { siteId: site.id, name: "Annex" },
      });
      expect(building.statusCode).toBe(201);
      expect(await waitFor(building.json().id)).toBe(true);
      expect(received).toContain('"type":"site.building.created"');
      controller.abort();
    },
  );
});
