import { levelInputSchema, levelSchema, openingSchema, ROLE_GROUPS, spaceSchema } from "@athar/core";
import { sites } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { visibleSiteOf } from "../site-access";

const params = z.object({ levelId: z.uuid() });
const editors = { roles: ROLE_GROUPS.siteEditors };

export const levelPlanSchema = z.object({
  level: levelSchema,
  spaces: z.array(spaceSchema),
  openings: z.array(openingSchema),
});

export const levelRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.post(
      "/api/levels",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary: "Add a level to a building",
          body: levelInputSchema,
          response: { 201: levelSchema },
        },
      },
      async (request, reply) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfBuilding(db, request.body.buildingId));
        const level = await store.write(actorOf(request), (w) => sites.createLevel(w, request.body));
        return reply.code(201).send(level);
      },
    );

    app.get(
      "/api/levels/:levelId/plan",
      {
        config: { access: { roles: ROLE_GROUPS.siteReaders } },
        schema: {
          tags: ["sites"],
          summary: "A level with its spaces and openings",
          params,
          response: { 200: levelPlanSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfLevel(db, request.params.levelId));
        return sites.getLevelPlan(store.db, request.params.levelId);
      },
    );

    app.put(
      "/api/levels/:levelId",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary: "Replace a level's details",
          params,
          body: levelInputSchema.omit({ buildingId: true }),
          response: { 200: levelSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfLevel(db, request.params.levelId));
        return store.write(actorOf(request), (w) =>
          sites.updateLevel(w, request.params.levelId, request.body),
        );
      },
    );

    app.delete(
      "/api/levels/:levelId",
      {
        config: { access: editors },
        schema: {
          tags: ["sites"],
          summary: "Delete a level and its spaces",
          params,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await visibleSiteOf(context, request, (db) => sites.siteIdOfLevel(db, request.params.levelId));
        await store.write(actorOf(request), (w) => sites.deleteLevel(w, request.params.levelId));
        return reply.code(204).send(null);
      },
    );
  };
