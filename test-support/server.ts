/**
 * An Athar server for HTTP tests: the real app on a real database, driven in-process with `app.inject`
 * (real HTTP parsing, no socket) or listening on a port when a test needs a socket (SSE, browsers).
 */
import { type AtharConfig, type DatabaseConfig, loadConfig } from "@athar/config";
import { type Clock, type Role, systemClock } from "@athar/core";
import { Store, SYSTEM_ACTOR, sites, users } from "@athar/db";
import { buildApp, hashPassword, SESSION_COOKIE } from "@athar/server";
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";

export const TEST_PASSWORD = "correct horse battery";

export interface TestServer {
  app: FastifyInstance;
  store: Store;
  config: AtharConfig;
  /** Creates a user with these roles (a member of `siteIds`) and returns its session cookie header. */
  userWith(
    roles: Role[],
    options?: { siteIds?: string[]; username?: string },
  ): Promise<{ id: string; username: string; cookie: string }>;
  login(username: string, password?: string): Promise<string>;
  request(options: InjectOptions & { cookie?: string }): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let counter = 0;
let passwordHash: Promise<string> | null = null;

export async function startTestServer(
  database: DatabaseConfig,
  options: { clock?: Clock; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const config = loadConfig({ LOG_LEVEL: "silent", ...options.env });
  const store = await Store.open(database, { clock: options.clock ?? systemClock });
  const app = await buildApp({ store, config });
  await app.ready();
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const hash = await passwordHash;

  const request: TestServer["request"] = ({ cookie, headers, ...rest }) =>
    app.inject({ ...rest, headers: { ...(headers ?? {}), ...(cookie ? { cookie } : {}) } });

  const login = async (username: string, password = TEST_PASSWORD) => {
    const response = await app.inject({
      method: "POST",
      url: "/api/auth/login",
      payload: { username, password },
    });
    if (response.statusCode !== 200)
      throw new Error(`login ${username} failed: ${response.statusCode} ${response.body}`);
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    if (!cookie) throw new Error("no session cookie");
    return `${SESSION_COOKIE}=${cookie.value}`;
  };

  return {
    app,
    store,
    config,
    request,
    login,
    async userWith(roles, { siteIds = [], username } = {}) {
      const name = username ?? `u${++counter}-${roles.join("-").replace(/_/g, "")}`.slice(0, 60);
      const user = await store.write(SYSTEM_ACTOR, async (w) => {
        const created = await users.createUser(w, { username: name, roles, passwordHash: hash });
        for (const siteId of siteIds) await sites.addSiteMember(w, siteId, created.id);
        return created;
      });
      return { id: user.id, username: user.username, cookie: await login(user.username) };
    },
    async close() {
      await app.close();
      await store.close();
    },
  };
}
