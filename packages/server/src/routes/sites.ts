import { buildingSchema, levelSchema, ROLE_GROUPS, siteInputSchema, siteSchema } from "@athar/core";
import { sites } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, currentUser } from "../auth/guard";
import type { AppContext } from "../context";
import { visibleSiteOf } from "../site-access";

const siteParams = z.object({ siteId: z.uuid() });

export const siteOutlineSchema = z.object({
  site: siteSchema,
  buildings: z.array(buildingSchema),
  levels: z.array(levelSchema.extend({ spaceCount: z.number().int() })),
});

export const siteRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.get(
      "/api/sites",
      {
        config: { access: { roles: ROLE_GROUPS.siteReaders } },
        schema: {
          tags: ["sites"],
          summary: "The sites the caller may see",
          response: { 200: z.array(siteSchema) },
        },
      },
      async (request) => sites.listSitesFor(store.db, currentUser(request)),
    );

    app.post(
      "/api/sites",
      {
        config: { access: { roles: ROLE_GROUPS.siteEditors } },
        schema: {
          tags: ["sites"],
          summary: "Create a site; the creator becomes a member",
          body: siteInputSchema,
          response: { 201: siteSchema },
        },
      },
      async (request, reply) => {
        const user = currentUser(request);
        const site = await store.write(actorOf(request), (w) => sites.createSite(w, request.body, [user.id]));
        return reply.code(201).send(site);
      },
    );

    app.get(
      "/api/sites/:siteId",
      {
        config: { access: { roles: ROLE_GROUPS.siteReaders } },
        schema: {
          tags: ["sites"],
          summary: "A site with its buildings and levels",
          params: siteParams,
          response: { 200: siteOutlineSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        return sites.getSiteOutline(store.db, siteId);
      },
    );

    app.put(
      "/api/sites/:siteId",
      {
        config: { access: { roles: ROLE_GROUPS.siteEditors } },
        schema: {
          tags: ["sites"],
          summary: "Replace a site's details",
          params: siteParams,
          body: siteInputSchema,
          response: { 200: siteSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        return store.write(actorOf(request), (w) => sites.updateSite(w, siteId, request.body));
      },
    );

    app.delete(
      "/api/sites/:siteId",
      {
        config: { access: { roles: ["admin"] } },
        schema: {
          tags: ["sites"],
          summary: "Delete a site and everything in it",
          params: siteParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        await store.write(actorOf(request), (w) => sites.deleteSite(w, siteId));
        return reply.code(204).send(null);
      },
    );

    app.post(
      "/api/sites/:siteId/members",
      {
        config: { access: { roles: ROLE_GROUPS.siteEditors } },
        schema: {
          tags: ["sites"],
          summary: "Give a user access to a site",
          params: siteParams,
          body: z.strictObject({ userId: z.uuid() }),
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        await store.write(actorOf(request), (w) => sites.addSiteMember(w, siteId, request.body.userId));
        return reply.code(204).send(null);
      },
    );
  };
