import { ROLE_GROUPS, spaceInputSchema, spaceSchema } from "@athar/core";
import { sites } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { visibleSiteOf } from "../site-access";

const params = z.object({ spaceId: z.uuid() });
const editors = { roles: ROLE_GROUPS.siteEditors };

export const spaceRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.post(
      "/api/spaces",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary: "Draw a space on a level (polygon in local metres)",
          body: spaceInputSchema,
          response: { 201: spaceSchema },
        },
      },
      async (request, reply) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfLevel(db, request.body.levelId));
        const space = await store.write(actorOf(request), (w) => sites.createSpace(w, request.body));
        return reply.code(201).send(space);
      },
    );

    app.get(
      "/api/spaces/:spaceId",
      {
        config: { access: { roles: ROLE_GROUPS.siteReaders } },
        schema: { tags: ["sites"], summary: "One space", params, response: { 200: spaceSchema } },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfSpace(db, request.params.spaceId));
        return sites.getSpace(store.db, request.params.spaceId);
      },
    );

    app.put(
      "/api/spaces/:spaceId",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary: "Replace a space",
          params,
          body: spaceInputSchema.omit({ levelId: true }),
          response: { 200: spaceSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfSpace(db, request.params.spaceId));
        return store.write(actorOf(request), (w) =>
          sites.updateSpace(w, request.params.spaceId, request.body),
        );
      },
    );

    app.delete(
      "/api/spaces/:spaceId",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary: "Delete a space and its openings",
          params,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfSpace(db, request.params.spaceId));
        await store.write(actorOf(request), (w) => sites.deleteSpace(w, request.params.spaceId));
        return reply.code(204).send(null);
      },
    );
  };
