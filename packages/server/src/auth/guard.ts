/**
 * Authentication, authorisation and CSRF, applied to every request in one place.
 *
 * CSRF: the session cookie is SameSite=Strict, and on top of that a state-changing request must be one that
 * a cross-site HTML form cannot produce: a JSON body (forms send only urlencoded, multipart or text/plain),
 * or for the few upload routes the `x-athar-csrf` header (forms cannot set headers). Browsers also tell us
 * where a request comes from (Sec-Fetch-Site, Origin): a cross-site one is refused outright.
 */
import { isRole, type Role } from "@athar/core";
import { sessions, users } from "@athar/db";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Access, AppContext } from "../context";
import { sendError } from "../http-errors";
import { SESSION_COOKIE, sessionIdOf } from "./tokens";

const STATE_CHANGING = new Set(["POST", "PUT", "PATCH", "DELETE"]);
export const CSRF_HEADER = "x-athar-csrf";

export function mayAccess(
  access: Access,
  roles: readonly Role[] | null,
): "ok" | "unauthenticated" | "forbidden" {
  if (access === "public") return "ok";
  if (roles === null) return "unauthenticated";
  if (access === "authenticated") return "ok";
  return access.roles.some((role) => roles.includes(role)) ? "ok" : "forbidden";
}

function crossSite(request: FastifyRequest): boolean {
  const fetchSite = request.headers["sec-fetch-site"];
  if (fetchSite === "cross-site") return true;
  const origin = request.headers.origin;
  if (origin && origin !== "null") {
    try {
      return new URL(origin).host !== request.headers.host;
    } catch {
      return true;
    }
  }
  return origin === "null";
}

export function installGuard(app: FastifyInstance, context: AppContext): void {
  app.decorateRequest("user", null);
  app.decorateRequest("sessionId", null);

  // Every /api route must say who may call it: a route without a declaration is a bug, caught at start-up.
  app.decorate("routeAccess", []);
  app.addHook("onRoute", (route) => {
    if (!route.url.startsWith("/api/") || route.method === "HEAD") return;
    const access = route.config?.access;
    if (!access) throw new Error(`route ${String(route.method)} ${route.url} declares no access`);
    for (const method of [route.method].flat())
      app.routeAccess.push({ method: String(method), url: route.url, access });
  });

  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config?.access;
    if (!access) return; // static files and the not-found handler

    if (STATE_CHANGING.has(request.method)) {
      if (crossSite(request))
        return sendError(reply, "csrf_rejected", "cross-site requests are not accepted");
      const contentType = request.headers["content-type"] ?? "";
      const isJson = /^application\/json\b/i.test(contentType);
      const hasBody = request.method !== "DELETE" || contentType !== "";
      if (hasBody && !isJson) {
        const allowed =
          request.routeOptions.config.acceptsNonJsonBody && request.headers[CSRF_HEADER] === "1";
        if (!allowed) {
          return sendError(reply, "unsupported_media_type", "send the request body as application/json");
        }
      }
    }

    const token = request.cookies[SESSION_COOKIE];
    if (token) {
      const session = await sessions.findLiveSession(
        context.store.db,
        sessionIdOf(token),
        context.store.clock.now(),
      );
      if (session) {
        const user = await users.getUser(context.store.db, session.userId);
        if (user && !user.disabled) {
          request.user = {
            id: user.id,
            username: user.username,
            displayName: user.displayName,
            roles: user.roles.filter(isRole),
          };
          request.sessionId = session.id;
        }
      }
    }

    const verdict = mayAccess(access, request.user?.roles ?? null);
    if (verdict === "unauthenticated") return sendError(reply, "unauthenticated", "sign in first");
    if (verdict === "forbidden") return sendError(reply, "forbidden", "your role does not allow this");
  });
}

/** The signed-in user of a route that requires one (the guard has already refused anonymous callers). */
export function currentUser(request: FastifyRequest) {
  if (!request.user) throw new Error("route reached without a user; check its access declaration");
  return request.user;
}

export const actorOf = (request: FastifyRequest) => {
  const user = currentUser(request);
  return { id: user.id, name: user.username };
};
