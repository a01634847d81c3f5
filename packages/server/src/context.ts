import "@fastify/cookie";
import type { AtharConfig } from "@athar/config";
import type { Role } from "@athar/core";
import type { Store } from "@athar/db";

/** What every route module receives: the store and the validated configuration. Nothing global. */
export interface AppContext {
  store: Store;
  config: AtharConfig;
}

export interface AuthenticatedUser {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
}

/**
 * Who may call a route. Every route under /api declares one; the server refuses to start if one does not.
 * - `public`: anyone, signed in or not (health, login, the public inquiry form);
 * - `authenticated`: any signed-in user (their own profile, logout);
 * - `{ roles }`: signed-in users holding at least one of these roles.
 */
export type Access = "public" | "authenticated" | { roles: readonly Role[] };

declare module "fastify" {
  interface FastifyContextConfig {
    access?: Access;
    /** Routes that accept a body other than JSON (uploads) say so; they then need the CSRF header. */
    acceptsNonJsonBody?: boolean;
  }
  interface FastifyInstance {
    /** Every /api route with its access declaration, for the role-matrix test and the docs. */
    routeAccess: { method: string; url: string; access: Access }[];
  }
  interface FastifyRequest {
    user: AuthenticatedUser | null;
    sessionId: string | null;
  }
}
