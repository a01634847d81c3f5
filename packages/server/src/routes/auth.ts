/**
 * Sign in, sign out, who am I, change my password. Login needs no earlier request (no CSRF token to fetch):
 * a JSON body is itself something a cross-site form cannot send.
 */
import { newId, ROLES } from "@athar/core";
import { sessions, users } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, currentUser } from "../auth/guard";
import {
  dummyPasswordHash,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyPassword,
} from "../auth/passwords";
import { newSessionToken, SESSION_COOKIE } from "../auth/tokens";
import type { AppContext } from "../context";
import { sendError } from "../http-errors";

export const meSchema = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  roles: z.array(z.enum(ROLES)),
});

const loginBody = z.strictObject({
  username: z.string().min(1).max(64),
  password: z.string().min(1).max(MAX_PASSWORD_LENGTH),
});

export const authRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store, config } = context;

    const cookieOptions = {
      path: "/",
      httpOnly: true,
      sameSite: "strict" as const,
      secure: config.https,
    };

    app.post(
      "/api/auth/login",
      {
        config: { access: "public" },
        schema: {
          tags: ["auth"],
          summary: "Sign in; sets the session cookie",
          body: loginBody,
          response: { 200: meSchema },
        },
      },
      async (request, reply) => {
        const now = store.clock.now();
        const address = request.ip;
        const recent = await sessions.countRecentAttempts(
          store.db,
          address,
          new Date(now.getTime() - 60_000),
        );
        if (recent >= config.login.perIpPerMinute) {
          reply.header("retry-after", "60");
          return sendError(
            reply,
            "rate_limited",
            "too many sign-in attempts from this address; wait a minute",
          );
        }
        const username = users.normalizeUsername(request.body.username);
        const user = await users.findUserByUsername(store.db, username);
        const attemptId = newId();

        if (user?.lockedUntil && user.lockedUntil > now.toISOString()) {
          await store.write({ id: null, name: username }, (w) =>
            sessions.recordLoginAttempt(w, { id: attemptId, address, username, succeeded: false }),
          );
          reply.header(
            "retry-after",
            String(Math.ceil((Date.parse(user.lockedUntil) - now.getTime()) / 1000)),
          );
          return sendError(
            reply,
            "account_locked",
            "this account is locked after repeated failed sign-ins; try again later",
          );
        }

        const valid = await verifyPassword(
          user?.passwordHash ?? (await dummyPasswordHash()),
          request.body.password,
        );
        if (!user || !valid || user.disabled) {
          await store.write({ id: null, name: username }, async (w) => {
            await sessions.recordLoginAttempt(w, { id: attemptId, address, username, succeeded: false });
            if (user && !user.disabled) await users.recordLoginFailure(w, user.id, config.login);
            else
              await w.audit({
                action: "auth.login_failed",
                entityType: "user",
                entityId: null,
                after: { username },
              });
          });
          return sendError(reply, "invalid_credentials", "wrong username or password");
        }

        const { token, id: sessionId } = newSessionToken();
        await store.write({ id: user.id, name: user.username }, async (w) => {
          await sessions.recordLoginAttempt(w, { id: attemptId, address, username, succeeded: true });
          await users.recordLoginSuccess(w, user.id);
          await sessions.createSession(w, sessionId, user.id, config.sessionHours);
        });
        reply.setCookie(SESSION_COOKIE, token, {
          ...cookieOptions,
          maxAge: Math.round(config.sessionHours * 3600),
        });
        return { id: user.id, username: user.username, displayName: user.displayName, roles: user.roles };
      },
    );

    app.post(
      "/api/auth/logout",
      {
        config: { access: "authenticated" },
        schema: { tags: ["auth"], summary: "Sign out; ends this session", response: { 204: z.null() } },
      },
      async (request, reply) => {
        const user = currentUser(request);
        const sessionId = request.sessionId;
        if (sessionId)
          await store.write(actorOf(request), (w) => sessions.deleteSession(w, sessionId, user.id));
        reply.clearCookie(SESSION_COOKIE, cookieOptions);
        return reply.code(204).send(null);
      },
    );

    app.get(
      "/api/auth/me",
      {
        config: { access: "authenticated" },
        schema: { tags: ["auth"], summary: "The signed-in user and roles", response: { 200: meSchema } },
      },
      async (request) => currentUser(request),
    );

    app.post(
      "/api/auth/password",
      {
        config: { access: "authenticated" },
        schema: {
          tags: ["auth"],
          summary: "Change my password; ends my other sessions",
          body: z.strictObject({
            currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH),
            newPassword: z.string().min(MIN_PASSWORD_LENGTH).max(MAX_PASSWORD_LENGTH),
          }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const user = currentUser(request);
        const record = await users.findUserByUsername(store.db, user.username);
        if (!record || !(await verifyPassword(record.passwordHash, request.body.currentPassword))) {
          return sendError(reply, "invalid_credentials", "the current password is wrong");
        }
        const passwordHash = await hashPassword(request.body.newPassword);
        const sessionId = request.sessionId ?? "";
        await store.write(actorOf(request), async (w) => {
          await users.setPasswordHash(w, user.id, passwordHash);
          await sessions.deleteOtherSessions(w, user.id, sessionId);
        });
        return reply.code(204).send(null);
      },
    );
  };
