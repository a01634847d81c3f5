import { fixedClock } from "@athar/core";
import { SESSION_COOKIE } from "@athar/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { startTestServer, TEST_PASSWORD, type TestServer } from "../../../test-support/server";

describeEachDatabase("authentication", (database) => {
  let server: TestServer;
  const clock = fixedClock("2026-03-01T08:00:00Z");

  beforeAll(async () => {
    server = await startTestServer(database().config, {
      clock,
      env: { ATHAR_LOGIN_PER_IP_PER_MINUTE: "12" },
    });
  });
  afterAll(async () => server?.close());

  it("signs in with JSON alone and sets an HttpOnly, SameSite=Strict cookie", async () => {
    const user = await server.userWith(["coordinator"]);
    const response = await server.request({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ username: user.username, roles: ["coordinator"] });
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Strict");
    expect(cookie?.secure).toBeFalsy();
    const me = await server.request({
      method: "GET",
      url: "/api/auth/me",
      cookie: `${SESSION_COOKIE}=${cookie?.value}`,
    });
    expect(me.json()).toMatchObject({ username: user.username, roles: ["coordinator"] });
  });

  it("refuses a wrong password with the same answer as an unknown user", async () => {
    const user = await server.userWith(["viewer"]);
    const wrong = await server.request({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: user.username, password: "nope" },
    });
    const unknown = await server.request({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: "nobody-here", password: "nope" },
    });
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json().error.code).toBe("invalid_credentials");
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
  });

  it("locks an account after repeated failures, even against the right password, until the lock ends", async () => {
    const user = await server.userWith(["viewer"]);
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000); // spread out so the per-address limit is not what stops us
      const r = await server.request({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: user.username, password: "bad" },
      });
      expect(r.statusCode).toBe(401);
    }
    const locked = await server.request({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(locked.statusCode).toBe(423);
    expect(locked.json().error.code).toBe("account_locked");
    clock.advance(16 * 60_000);
    const after = await server.request({
      method: "POST",
      url: "/api/auth/login",
      payload: { username: user.username, password: TEST_PASSWORD },
    });
    expect(after.statusCode).toBe(200);
  });

  it("limits sign-in attempts per address", async () => {
    clock.advance(5 * 60_000);
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const r = await server.request({
        method: "POST",
        url: "/api/auth/login",
        payload: { username: `ghost${i}`, password: "x" },
      });
      statuses.push(r.statusCode);
    }
    expect(statuses.slice(0, 12).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(12)).toEqual([429, 429]);
    clock.advance(61_000);
  });

  it("ends the session on sign-out", async () => {
    clock.advance(5 * 60_000);
    const user = await server.userWith(["viewer"]);
    const out = await server.request({
      method: "POST",
      url: "/api/auth/logout",
      cookie: user.cookie,
      payload: {},
    });
    expect(out.statusCode).toBe(204);
    expect(
      (await server.request({ method: "GET", url: "/api/auth/me", cookie: user.cookie })).statusCode,
    ).toBe(401);
  });

  it("expires sessions", async () => {
    clock.advance(5 * 60_000);
    const user = await server.userWith(["viewer"]);
    clock.advance(13 * 3_600_000);
    expect(
      (await server.request({ method: "GET", url: "/api/auth/me", cookie: user.cookie })).statusCode,
    ).toBe(401);
  });

  it("changes a password, ends the other sessions and keeps this one", async () => {
    clock.advance(5 * 60_000);
    const user = await server.userWith(["viewer"]);
    const otherSession = await server.login(user.username);
    const change = await server.request({
      method: "POST",
      url: "/api/auth/password",
      cookie: user.cookie,
      payload: { currentPassword: TEST_PASSWORD, newPassword: "a new long passphrase" },
    });
    expect(change.statusCode).toBe(204);
    expect(
      (await server.request({ method: "GET", url: "/api/auth/me", cookie: user.cookie })).statusCode,
    ).toBe(200);
    expect(
      (await server.request({ method: "GET", url: "/api/auth/me", cookie: otherSession })).statusCode,
    ).toBe(401);
    await expect(server.login(user.username)).rejects.toThrow(/401/);
    await expect(server.login(user.username, "a new long passphrase")).resolves.toContain(SESSION_COOKIE);
  });

  describe("CSRF", () => {
    it("refuses form-encoded and text bodies on state-changing routes", async () => {
      const user = await server.userWith(["coordinator"]);
      for (const type of [
        "application/x-www-form-urlencoded",
        "text/plain",
        "multipart/form-data; boundary=x",
      ]) {
        const r = await server.request({
          method: "POST",
          url: "/api/sites",
          cookie: user.cookie,
          headers: { "content-type": type },
          payload: "name=x",
        });
        expect(r.statusCode).toBe(415);
        expect(r.json().error.code).toBe("unsupported_media_type");
      }
    });
    it("refuses requests that browsers mark as cross-site", async () => {
      const user = await server.userWith(["coordinator"]);
      const fromElsewhere = await server.request({
        method: "POST",
        url: "/api/sites",
        cookie: user.cookie,
        headers: { origin: "https://evil.example", host: "athar.local" },
        payload: { name: "x" },
      });
      expect(fromElsewhere.statusCode).toBe(403);
      expect(fromElsewhere.json().error.code).toBe("csrf_rejected");
      const fetchSite = await server.request({
        method: "POST",
        url: "/api/sites",
        cookie: user.cookie,
        headers: { "sec-fetch-site": "cross-site" },
        payload: { name: "x" },
      });
      expect(fetchSite.json().error.code).toBe("csrf_rejected");
      const sameOrigin = await server.request({
        method: "POST",
        url: "/api/sites",
        cookie: user.cookie,
        headers: { origin: "http://athar.local", host: "athar.local", "sec-fetch-site": "same-origin" },
        payload: { name: "Same origin site" },
      });
      expect(sameOrigin.statusCode).toBe(201);
    });
  });
});
