/**
 * The coordinator's live board, the operations log and the recommendations. The board is one read (teams, assignments by status,
 * open breach tasks, conflicts) current to `lastSeq`; every later change arrives on /api/events as an
 * `ops.*` event carrying its `seq`, and `GET …/ops/log?after=<seq>` fills any gap after a reconnect.
 */
import { ROLE_GROUPS } from "@athar/core";
import { opsBoard, opsLog, recommendations } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../context";
import { boardSchema, OPS_ROLES, opsLogEntrySchema, recommendationsSchema } from "../ops/schemas";
import { visibleSiteOf } from "../site-access";

const siteParams = z.object({ siteId: z.uuid() });

export const opsBoardRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;
    const readers = { roles: ROLE_GROUPS.siteReaders };

    app.get(
      "/api/sites/:siteId/ops/board",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "Teams with their current assignment, assignments by status, open breach tasks, conflicts",
          params: siteParams,
          response: { 200: boardSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        return opsBoard.readBoard(store.db, siteId);
      },
    );

    app.get(
      "/api/sites/:siteId/ops/log",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "Operations log: newest first, or oldest first after a cursor (`after`) to catch up",
          params: siteParams,
          querystring: z.strictObject({
            after: z.coerce.number().int().min(0).optional(),
            before: z.coerce.number().int().min(1).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          }),
          response: { 200: z.object({ entries: z.array(opsLogEntrySchema) }) },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const { after, before, limit } = request.query;
        const entries = await opsLog.listOpsLog(store.db, siteId, {
          limit,
          ...(after !== undefined ? { afterSeq: after } : {}),
          ...(before !== undefined ? { beforeSeq: before } : {}),
        });
        return { entries };
      },
    );

    app.get(
      "/api/sites/:siteId/recommendations",
      {
        config: { access: { roles: OPS_ROLES.planners } },
        schema: {
          tags: ["operations"],
          summary:
            "For each available team: where to search next, expected POS per hour, why, and which better places a barrier shuts",
          params: siteParams,
          querystring: z.strictObject({
            subjectClass: z.enum(["responsive", "unresponsive"]).default("responsive"),
            horizonHours: z.coerce.number().positive().max(24).default(2),
            hoursWithoutWater: z.coerce
              .number()
              .min(0)
              .max(24 * 30)
              .optional(),
            perTeam: z.coerce.number().int().min(1).max(20).default(3),
          }),
          response: { 200: recommendationsSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const q = request.query;
        return recommendations.recommend(store.db, siteId, {
          subjectClass: q.subjectClass,
          horizonHours: q.horizonHours,
          hoursWithoutWater: q.hoursWithoutWater ?? null,
          perTeam: q.perTeam,
          now: store.clock.now(),
        });
      },
    );
  };
