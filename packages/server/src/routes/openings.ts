import { AtharError, openingInputSchema, openingSchema, ROLE_GROUPS } from "@athar/core";
import { sites } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { visibleSiteOf } from "../site-access";

const params = z.object({ openingId: z.uuid() });
const editors = { roles: ROLE_GROUPS.siteEditors };

export const openingRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.post(
      "/api/openings",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary:
            "Place an opening (door, hatch, vent, gate, breach) between two spaces or a space and outside",
          body: openingInputSchema,
          response: { 201: openingSchema },
        },
      },
      async (request, reply) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfSpace(db, request.body.spaceAId));
        const opening = await store.write(actorOf(request), (w) => sites.createOpening(w, request.body));
        return reply.code(201).send(opening);
      },
    );

    app.get(
      "/api/openings/:openingId",
      {
        config: { access: { roles: ROLE_GROUPS.siteReaders } },
        schema: { tags: ["sites"], summary: "One opening", params, response: { 200: openingSchema } },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfOpening(db, request.params.openingId));
        return sites.getOpening(store.db, request.params.openingId);
      },
    );

    app.put(
      "/api/openings/:openingId",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary: "Replace an opening",
          params,
          body: openingInputSchema,
          response: { 200: openingSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, (db) =>
          sites.siteIdOfOpening(db, request.params.openingId),
        );
        // Moving an opening onto spaces of another site would leak it there: the spaces must stay in this site.
        const targetSiteId = await sites.siteIdOfSpace(store.db, request.body.spaceAId).catch(() => null);
        if (targetSiteId !== siteId) {
          throw new AtharError("dangling_reference", "spaceAId is not a space of this opening's site", [
            { path: "spaceAId", message: "other site" },
          ]);
        }
        return store.write(actorOf(request), (w) =>
          sites.updateOpening(w, request.params.openingId, request.body),
        );
      },
    );

    app.delete(
      "/api/openings/:openingId",
      {
        config: { access: editors },
        schema: { tags: ["sites"], summary: "Delete an opening", params, response: { 204: z.null() } },
      },
      async (request, reply) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfOpening(db, request.params.openingId));
        await store.write(actorOf(request), (w) => sites.deleteOpening(w, request.params.openingId));
        return reply.code(204).send(null);
      },
    );
  };
