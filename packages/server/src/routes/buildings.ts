import { buildingInputSchema, buildingSchema, ROLE_GROUPS } from "@athar/core";
import { sites } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { visibleSiteOf } from "../site-access";

const params = z.object({ buildingId: z.uuid() });
const editors = { roles: ROLE_GROUPS.siteEditors };

export const buildingRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.post(
      "/api/buildings",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary: "Add a building to a site",
          body: buildingInputSchema,
          response: { 201: buildingSchema },
        },
      },
      async (request, reply) => {
        await visibleSiteOf(context, request, async () => request.body.siteId);
        const building = await store.write(actorOf(request), (w) => sites.createBuilding(w, request.body));
        return reply.code(201).send(building);
      },
    );

    app.put(
      "/api/buildings/:buildingId",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary: "Replace a building's details",
          params,
          body: buildingInputSchema.omit({ siteId: true }),
          response: { 200: buildingSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfBuilding(db, request.params.buildingId));
        return store.write(actorOf(request), (w) =>
          sites.updateBuilding(w, request.params.buildingId, request.body),
        );
      },
    );

    app.delete(
      "/api/buildings/:buildingId",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary: "Delete a building and its levels",
          params,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfBuilding(db, request.params.buildingId));
        await store.write(actorOf(request), (w) => sites.deleteBuilding(w, request.params.buildingId));
        return reply.code(204).send(null);
      },
    );
  };
