/**
 * Field reports. `POST /api/assignments/:id/reports` is idempotent on `idempotencyKey`: the first time it
 * answers 201 with the stored report, every replay 200 with the same report (`x-athar-replayed: 1`). A
 * report on an assignment that can no longer take it is stored with `status: "conflict"` (still 201): the
 * phone shows it, and a coordinator settles it with `POST /api/reports/:id/resolve`.
 */
import { ROLE_GROUPS } from "@athar/core";
import { assignments, fieldReports } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, currentUser } from "../auth/guard";
import type { AppContext } from "../context";
import { OPS_ROLES, reportInputSchema, reportSchema } from "../ops/schemas";
import { visibleSiteOf } from "../site-access";

const siteParams = z.object({ siteId: z.uuid() });
const assignmentParams = z.object({ assignmentId: z.uuid() });
const reportParams = z.object({ reportId: z.uuid() });

export const opsReportRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;
    const readers = { roles: ROLE_GROUPS.siteReaders };

    app.post(
      "/api/assignments/:assignmentId/reports",
      {
        config: { access: { roles: OPS_ROLES.fieldLeads } },
        schema: {
          tags: ["operations"],
          summary:
            "Report the result of an assignment (idempotent on idempotencyKey: 201 first time, 200 with the same report on replay)",
          params: assignmentParams,
          body: reportInputSchema,
          response: { 200: reportSchema, 201: reportSchema },
        },
      },
      async (request, reply) => {
        const { assignmentId } = request.params;
        const siteId = await visibleSiteOf(context, request, (db) =>
          assignments.siteIdOfAssignment(db, assignmentId),
        );
        // Whether the caller may report on it is decided inside the write, on the assignment as it is then.
        const result = await fieldReports.submitReport(
          store,
          actorOf(request),
          { assignmentId, siteId },
          request.body,
          currentUser(request),
        );
        if (result.replayed) reply.header("x-athar-replayed", "1");
        return reply.code(result.replayed ? 200 : 201).send(result.report);
      },
    );

    app.get(
      "/api/assignments/:assignmentId/reports",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "Reports on an assignment",
          params: assignmentParams,
          response: { 200: z.array(reportSchema) },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) =>
          assignments.siteIdOfAssignment(db, request.params.assignmentId),
        );
        return fieldReports.listReports(store.db, { assignmentId: request.params.assignmentId });
      },
    );

    app.get(
      "/api/sites/:siteId/reports",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "Reports of a site, newest first; `status=conflict` lists the conflicts to settle",
          params: siteParams,
          querystring: z.strictObject({
            status: z.enum(fieldReports.REPORT_STATUSES).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(200),
          }),
          response: { 200: z.array(reportSchema) },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const { status, limit } = request.query;
        return fieldReports.listReports(store.db, { siteId, limit, ...(status ? { status: [status] } : {}) });
      },
    );

    app.post(
      "/api/sites/:siteId/reports/lookup",
      {
        config: { access: { roles: OPS_ROLES.fieldLeads } },
        schema: {
          tags: ["operations"],
          summary:
            "Which of these idempotency keys the server holds, and in what status (for an offline queue)",
          params: siteParams,
          body: z.strictObject({ keys: z.array(z.string().min(1).max(100)).max(1000) }),
          response: {
            200: z.object({
              found: z.array(
                z.object({ key: z.string(), reportId: z.string(), status: z.string(), counted: z.boolean() }),
              ),
              missing: z.array(z.string()),
            }),
          },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const found = await fieldReports.lookupKeys(store.db, siteId, request.body.keys);
        const held = new Set(found.map((f) => f.key));
        return { found, missing: request.body.keys.filter((k) => !held.has(k)) };
      },
    );

    app.get(
      "/api/reports/:reportId",
      {
        config: { access: readers },
        schema: {
          tags: ["operations"],
          summary: "One report with its marking",
          params: reportParams,
          response: { 200: reportSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) =>
          fieldReports.siteIdOfReport(db, request.params.reportId),
        );
        return fieldReports.getReport(store.db, request.params.reportId);
      },
    );

    app.post(
      "/api/reports/:reportId/resolve",
      {
        config: { access: { roles: OPS_ROLES.coordinators } },
        schema: {
          tags: ["operations"],
          summary: "Settle a conflict: accept (count its searches) or dismiss (keep it, uncounted)",
          params: reportParams,
          body: z.strictObject({
            decision: z.enum(["accept", "dismiss"]),
            note: z.string().max(2000).default(""),
          }),
          response: { 200: reportSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, (db) =>
          fieldReports.siteIdOfReport(db, request.params.reportId),
        );
        return store.write(actorOf(request), (w) =>
          fieldReports.resolveConflict(w, request.params.reportId, request.body.decision, request.body.note),
        );
      },
    );
  };
