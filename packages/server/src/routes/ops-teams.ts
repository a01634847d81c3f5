/**
 * Teams of a site and the capability catalogue (which search methods each capability brings, with the
 * engine's parameters for them).
 */
import { ROLE_GROUPS } from "@athar/core";
import { opsCapabilities, opsSegments, teams } from "@athar/db";
import { DEFAULT_METHODS } from "@athar/search";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { capabilityCatalogueSchema, OPS_ROLES, teamInputSchema, teamSchema } from "../ops/schemas";
import { visibleSiteOf } from "../site-access";

const siteParams = z.object({ siteId: z.uuid() });
const teamParams = z.object({ teamId: z.uuid() });

function catalogue(methods: readonly (typeof DEFAULT_METHODS)[number][]) {
  const known = methods.map((m) => m.id);
  return {
    source: opsCapabilities.CAPABILITY_SOURCE,
    capabilities: opsCapabilities.TEAM_CAPABILITIES.map((id) => {
      const c = opsCapabilities.CAPABILITIES[id];
      return {
        id,
        description: c.description,
        methods: opsCapabilities.methodsOf([id], known),
        clears: [...c.clears],
      };
    }),
    methods: [...methods],
  };
}

export const opsTeamRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;
    const readers = { roles: ROLE_GROUPS.siteReaders };
    const coordinators = { roles: OPS_ROLES.coordinators };

    app.get(
      "/api/ops/capabilities",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary:
            "Team capabilities and the search methods (with the engine's default parameters) each brings",
          response: { 200: capabilityCatalogueSchema },
        },
      },
      async () => catalogue(DEFAULT_METHODS),
    );

    app.get(
      "/api/sites/:siteId/ops/capabilities",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary:
            "The capability catalogue with this site's method parameters (after method changes in its search log)",
          params: siteParams,
          response: { 200: capabilityCatalogueSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const knowledge = await opsSegments.readLogKnowledge(store.db, siteId);
        return catalogue([...knowledge.methods.values()]);
      },
    );

    app.get(
      "/api/sites/:siteId/teams",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "Teams on a site",
          params: siteParams,
          response: { 200: z.array(teamSchema) },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        return teams.listTeams(store.db, siteId);
      },
    );

    app.post(
      "/api/sites/:siteId/teams",
      {
        config: { access: coordinators },
        schema: {
          tags: ["operations"],
          summary: "Register a team on a site (a team leader account becomes a site member)",
          params: siteParams,
          body: teamInputSchema,
          response: { 201: teamSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const team = await store.write(actorOf(request), (w) => teams.createTeam(w, siteId, request.body));
        return reply.code(201).send(team);
      },
    );

    app.get(
      "/api/teams/:teamId",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "One team",
          params: teamParams,
          response: { 200: teamSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) => teams.siteIdOfTeam(db, request.params.teamId));
        return teams.getTeam(store.db, request.params.teamId);
      },
    );

    app.put(
      "/api/teams/:teamId",
      {
        config: { access: coordinators },
        schema: {
          tags: ["operations"],
          summary: "Replace a team's details (availability, shift start, members, capabilities…)",
          params: teamParams,
          body: teamInputSchema,
          response: { 200: teamSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) => teams.siteIdOfTeam(db, request.params.teamId));
        return store.write(actorOf(request), (w) => teams.updateTeam(w, request.params.teamId, request.body));
      },
    );

    app.delete(
      "/api/teams/:teamId",
      {
        config: { access: coordinators },
        schema: {
          tags: ["operations"],
          summary: "Remove a team with no assignment under way",
          params: teamParams,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await visibleSiteOf(context, request, (db) => teams.siteIdOfTeam(db, request.params.teamId));
        await store.write(actorOf(request), (w) => teams.deleteTeam(w, request.params.teamId));
        return reply.code(204).send(null);
      },
    );
  };
