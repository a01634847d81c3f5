/**
 * Breach tasks: barriers to clear. A report with `barrier_met` opens one; coordinators open them by hand and
 * give them to a team; the task's team leader (or a coordinator) moves it along. `done` breaches the opening
 * in the site model and makes the segments behind it reachable in the search log.
 */
import { AtharError, ROLE_GROUPS } from "@athar/core";
import { breachTasks, teams } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, currentUser } from "../auth/guard";
import type { AppContext } from "../context";
import { breachTaskInputSchema, breachTaskSchema, OPS_ROLES } from "../ops/schemas";
import { visibleSiteOf } from "../site-access";

const siteParams = z.object({ siteId: z.uuid() });
const taskParams = z.object({ taskId: z.uuid() });

export const opsBreachRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.get(
      "/api/sites/:siteId/breach-tasks",
      {
        config: { access: { roles: ROLE_GROUPS.siteReaders } },
        schema: {
          tags: ["operations"],
          summary: "Breach tasks of a site, newest first",
          params: siteParams,
          querystring: z.strictObject({ status: z.enum(breachTasks.BREACH_TASK_STATUSES).optional() }),
          response: { 200: z.array(breachTaskSchema) },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const status = request.query.status;
        return breachTasks.listBreachTasks(store.db, siteId, status ? { status: [status] } : {});
      },
    );

    app.post(
      "/api/sites/:siteId/breach-tasks",
      {
        config: { access: { roles: OPS_ROLES.coordinators } },
        schema: {
          tags: ["operations"],
          summary: "Open a breach task for an opening and/or a segment",
          params: siteParams,
          body: breachTaskInputSchema,
          response: { 201: breachTaskSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const task = await store.write(actorOf(request), (w) =>
          breachTasks.createBreachTask(w, siteId, { ...request.body, reportId: null }),
        );
        return reply.code(201).send(task);
      },
    );

    app.get(
      "/api/breach-tasks/:taskId",
      {
        config: { access: { roles: ROLE_GROUPS.siteReaders } },
        schema: {
          tags: ["operations"],
          summary: "One breach task",
          params: taskParams,
          response: { 200: breachTaskSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) =>
          breachTasks.siteIdOfBreachTask(db, request.params.taskId),
        );
        return breachTasks.getBreachTask(store.db, request.params.taskId);
      },
    );

    app.post(
      "/api/breach-tasks/:taskId/status",
      {
        config: { access: { roles: OPS_ROLES.fieldLeads } },
        schema: {
          tags: ["operations"],
          summary:
            "Move a breach task (open → in_progress → done | cancelled); give it to a team with teamId",
          params: taskParams,
          body: z.strictObject({
            status: z.enum(breachTasks.BREACH_TASK_STATUSES),
            teamId: z.uuid().nullable().optional(),
            note: z.string().max(2000).optional(),
          }),
          response: { 200: breachTaskSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) =>
          breachTasks.siteIdOfBreachTask(db, request.params.taskId),
        );
        const user = currentUser(request);
        if (!user.roles.includes("admin") && !user.roles.includes("coordinator")) {
          const task = await breachTasks.getBreachTask(store.db, request.params.taskId);
          const led = new Set((await teams.teamsLedBy(store.db, user.id)).map((t) => t.id));
          if (!task.teamId || !led.has(task.teamId) || request.body.teamId !== undefined) {
            throw new AtharError(
              "forbidden",
              "only a coordinator or the leader of the task's team may change it",
            );
          }
        }
        const { status, teamId, note } = request.body;
        return store.write(actorOf(request), (w) =>
          breachTasks.updateBreachTask(w, request.params.taskId, {
            status,
            ...(teamId !== undefined ? { teamId } : {}),
            ...(note !== undefined ? { note } : {}),
          }),
        );
      },
    );
  };
