import { sites } from "@athar/db";
import type { FastifyRequest } from "fastify";
import { currentUser } from "./auth/guard";
import type { AppContext } from "./context";

/**
 * Resolves the site an entity belongs to and checks that the caller may see it. Entities of a site the
 * caller is not a member of answer 404, exactly like entities that do not exist.
 */
export async function visibleSiteOf(
  context: AppContext,
  request: FastifyRequest,
  resolve: (db: AppContext["store"]["db"]) => Promise<string>,
): Promise<string> {
  const siteId = await resolve(context.store.db);
  await sites.assertSiteVisible(context.store.db, currentUser(request), siteId);
  return siteId;
}
