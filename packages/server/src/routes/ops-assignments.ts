/**
 * Assignments and their lifecycle. Coordinators create, edit, assign and abort; the leader of the assigned
 * team (or a coordinator) starts it; a field report completes it (ops-reports.ts). `GET /api/ops/my-work` is
 * the team leader's phone view: their teams, what is assigned to them, and their reports in conflict.
 */
import { AtharError, ROLE_GROUPS } from "@athar/core";
import { assignments, fieldReports, teams } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, currentUser } from "../auth/guard";
import type { AppContext } from "../context";
import {
  assignmentCreateSchema,
  assignmentInputSchema,
  assignmentSchema,
  OPS_ROLES,
  reportSchema,
  teamSchema,
} from "../ops/schemas";
import { visibleSiteOf } from "../site-access";

const siteParams = z.object({ siteId: z.uuid() });
const assignmentParams = z.object({ assignmentId: z.uuid() });
const statusList = z
  .string()
  .max(200)
  .transform((value, ctx) => {
    const parts = value.split(",").filter(Boolean);
    for (const part of parts) {
      if (!(assignments.ASSIGNMENT_STATUSES as readonly string[]).includes(part)) {
        ctx.addIssue({ code: "custom", message: `unknown status ${part}` });
        return z.NEVER;
      }
    }
    return parts as assignments.AssignmentStatus[];
  });

export const opsAssignmentRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;
    const readers = { roles: ROLE_GROUPS.siteReaders };
    const coordinators = { roles: OPS_ROLES.coordinators };

    const visibleAssignment = async (request: Parameters<typeof currentUser>[0], assignmentId: string) => {
      await visibleSiteOf(context, request, (db) => assignments.siteIdOfAssignment(db, assignmentId));
      return assignments.getAssignment(store.db, assignmentId);
    };

    app.get(
      "/api/sites/:siteId/assignments",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "Assignments of a site, most recently changed first",
          params: siteParams,
          querystring: z.strictObject({
            status: statusList.optional(),
            teamId: z.uuid().optional(),
            limit: z.coerce.number().int().min(1).max(2000).default(500),
          }),
          response: { 200: z.array(assignmentSchema) },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const q = request.query;
        return assignments.listAssignments(store.db, siteId, {
          limit: q.limit,
          ...(q.status ? { status: q.status } : {}),
          ...(q.teamId ? { teamIds: [q.teamId] } : {}),
        });
      },
    );

    app.post(
      "/api/sites/:siteId/assignments",
      {
        config: { access: coordinators },
        schema: {
          tags: ["operations"],
          summary: "Create an assignment (draft, or assigned at once with `assign: true`)",
          params: siteParams,
          body: assignmentCreateSchema,
          response: { 201: assignmentSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const { assign, ...input } = request.body;
        const created = await store.write(actorOf(request), (w) =>
          assignments.createAssignment(w, siteId, input, { assign }),
        );
        return reply.code(201).send(created);
      },
    );

    app.get(
      "/api/assignments/:assignmentId",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "One assignment with its segments, worksite IDs and transitions",
          params: assignmentParams,
          response: { 200: assignmentSchema },
        },
      },
      async (request) => visibleAssignment(request, request.params.assignmentId),
    );

    app.put(
      "/api/assignments/:assignmentId",
      {
        config: { access: coordinators },
        schema: {
          tags: ["operations"],
          summary: "Edit an assignment that is draft or assigned",
          params: assignmentParams,
          body: assignmentInputSchema,
          response: { 200: assignmentSchema },
        },
      },
      async (request) => {
        await visibleAssignment(request, request.params.assignmentId);
        return store.write(actorOf(request), (w) =>
          assignments.updateAssignment(w, request.params.assignmentId, request.body),
        );
      },
    );

    app.post(
      "/api/assignments/:assignmentId/assign",
      {
        config: { access: coordinators },
        schema: {
          tags: ["operations"],
          summary: "draft → assigned (to `teamId`, or the team already set)",
          params: assignmentParams,
          body: z.strictObject({ teamId: z.uuid().optional(), reason: z.string().max(2000).optional() }),
          response: { 200: assignmentSchema },
        },
      },
      async (request) => {
        await visibleAssignment(request, request.params.assignmentId);
        const { teamId, reason } = request.body;
        return store.write(actorOf(request), (w) =>
          assignments.transitionAssignment(w, request.params.assignmentId, "assigned", {
            ...(teamId ? { teamId } : {}),
            ...(reason ? { reason } : {}),
          }),
        );
      },
    );

    app.post(
      "/api/assignments/:assignmentId/start",
      {
        config: { access: { roles: OPS_ROLES.fieldLeads } },
        schema: {
          tags: ["operations"],
          summary:
            "assigned → in_progress (the assigned team's leader, or a coordinator); `at` when started offline",
          params: assignmentParams,
          body: z.strictObject({ at: z.iso.datetime({ offset: true }).optional() }),
          response: { 200: assignmentSchema },
        },
      },
      async (request) => {
        const assignment = await visibleAssignment(request, request.params.assignmentId);
        const standing = await fieldReports.reporterStanding(store.db, currentUser(request), assignment);
        if (standing.relation !== "coordinator" && standing.relation !== "leader") {
          throw new AtharError(
            "forbidden",
            "only the leader of the assigned team or a coordinator may start it",
          );
        }
        const at = request.body.at;
        return store.write(actorOf(request), (w) =>
          assignments.transitionAssignment(w, request.params.assignmentId, "in_progress", at ? { at } : {}),
        );
      },
    );

    app.post(
      "/api/assignments/:assignmentId/abort",
      {
        config: { access: coordinators },
        schema: {
          tags: ["operations"],
          summary: "draft | assigned | in_progress → aborted, with the reason",
          params: assignmentParams,
          body: z.strictObject({ reason: z.string().trim().min(1).max(2000) }),
          response: { 200: assignmentSchema },
        },
      },
      async (request) => {
        await visibleAssignment(request, request.params.assignmentId);
        return store.write(actorOf(request), (w) =>
          assignments.transitionAssignment(w, request.params.assignmentId, "aborted", {
            reason: request.body.reason,
          }),
        );
      },
    );

    app.get(
      "/api/ops/my-work",
      {
        config: { access: { roles: OPS_ROLES.fieldLeads } },
        schema: {
          tags: ["operations"],
          summary:
            "For a team leader's phone: the teams I lead, their assignments to do, and my reports in conflict",
          response: {
            200: z.object({
              teams: z.array(teamSchema),
              assignments: z.array(assignmentSchema),
              conflicts: z.array(reportSchema),
              recentReports: z.array(reportSchema),
            }),
          },
        },
      },
      async (request) => {
        const user = currentUser(request);
        const led = await teams.teamsLedBy(store.db, user.id);
        const teamIds = led.map((t) => t.id);
        const [todo, conflicts, recent] = await Promise.all([
          assignments.activeAssignmentsOfTeams(store.db, teamIds),
          fieldReports.listReports(store.db, { submittedById: user.id, status: ["conflict"] }),
          fieldReports.listReports(store.db, { submittedById: user.id, limit: 20 }),
        ]);
        return { teams: led, assignments: todo, conflicts, recentReports: recent };
      },
    );
  };
