/**
 * Walks every /api route with every role and an anonymous caller. A role the route does not declare gets
 * 403, an anonymous caller 401 (unless the route is public), and a declared role is let through the guard
 * (its answer may still be 400 or 404 for the dummy input, but never 401 or 403).
 */
import { ROLES, type Role } from "@athar/core";
import { mayAccess } from "@athar/server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, type TestServer } from "../../../test-support/server";

const DUMMY_ID = "00000000-0000-4000-8000-000000000000";

describeEachDatabase("role matrix", (database) => {
  let server: TestServer;
  const cookies = new Map<Role, string>();

  beforeAll(async () => {
    server = await startTestServer(database().config, { env: { ATHAR_LOGIN_PER_IP_PER_MINUTE: "1000" } });
    for (const role of ROLES) cookies.set(role, (await server.userWith([role])).cookie);
  });
  afterAll(async () => server?.close());

  it("knows every route's access, and every route declares one", () => {
    expect(server.app.routeAccess.length).toBeGreaterThan(20);
    for (const route of server.app.routeAccess) expect(route.access).toBeDefined();
  });

  it("keeps tracing staff out of site data and non-admins out of the audit trail", async () => {
    const tracer = cookies.get("tracing_officer");
    expect((await server.request({ method: "GET", url: "/api/sites", cookie: tracer })).statusCode).toBe(403);
    expect(
      (await server.request({ method: "GET", url: "/api/audit", cookie: cookies.get("coordinator") }))
        .statusCode,
    ).toBe(403);
    expect(
      (await server.request({ method: "GET", url: "/api/audit", cookie: cookies.get("admin") })).statusCode,
    ).toBe(200);
  });

  it("answers 401, 403 or lets through exactly as each route declares", async () => {
    // Sign-out ends the caller's session, so it goes last.
    const routes = [...server.app.routeAccess].sort(
      (a, b) => Number(a.url === "/api/auth/logout") - Number(b.url === "/api/auth/logout"),
    );
    const failures: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:[A-Za-z]+/g, DUMMY_ID);
      const query = url === "/api/events" ? `?siteId=${DUMMY_ID}` : "";
      const write = route.method !== "GET";
      const callers: (Role | null)[] = [null, ...ROLES];
      for (const role of callers) {
        const response = await server.request({
          method: route.method as "GET",
          url: url + query,
          ...(role ? { cookie: cookies.get(role) } : {}),
          ...(write && route.method !== "DELETE" ? { payload: {} } : {}),
        });
        const expected = mayAccess(route.access, role ? [role] : null);
        const status = response.statusCode;
        const ok =
          expected === "unauthenticated"
            ? status === 401
            : expected === "forbidden"
              ? status === 403
              : status !== 401 && status !== 403;
        if (!ok)
          failures.push(
            `${route.method} ${route.url} as ${role ?? "anonymous"}: expected ${expected}, got ${status} ${response.body.slice(0, 120)}`,
          );
        if (status >= 500)
          failures.push(
            `${route.method} ${route.url} as ${role ?? "anonymous"}: server error ${response.body.slice(0, 200)}`,
          );
      }
    }
    expect(failures).toEqual([]);
  });
});
