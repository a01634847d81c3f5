import { ROLE_GROUPS } from "@athar/core";
import { listAudit, verifyAuditChain } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../context";

const entrySchema = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  prevHash: z.string(),
  hash: z.string(),
});

export const auditRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const access = { roles: ROLE_GROUPS.auditors };

    app.get(
      "/api/audit",
      {
        config: { access },
        schema: {
          tags: ["audit"],
          summary: "The audit trail, newest first, with filters",
          querystring: z.strictObject({
            actor: z.string().max(64).optional(),
            action: z.string().max(100).optional(),
            entityType: z.string().max(50).optional(),
            entityId: z.string().max(100).optional(),
            from: z.iso.datetime().optional(),
            to: z.iso.datetime().optional(),
            beforeSeq: z.coerce.number().int().positive().optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          }),
          response: { 200: z.object({ entries: z.array(entrySchema) }) },
        },
      },
      async (request) => {
        const q = request.query;
        const entries = await listAudit(context.store.db, {
          limit: q.limit,
          ...(q.actor ? { actorName: q.actor } : {}),
          ...(q.action ? { action: q.action } : {}),
          ...(q.entityType ? { entityType: q.entityType } : {}),
          ...(q.entityId ? { entityId: q.entityId } : {}),
          ...(q.from ? { from: q.from } : {}),
          ...(q.to ? { to: q.to } : {}),
          ...(q.beforeSeq ? { beforeSeq: q.beforeSeq } : {}),
        });
        return { entries };
      },
    );

    app.get(
      "/api/audit/verify",
      {
        config: { access },
        schema: {
          tags: ["audit"],
          summary: "Walk the hash chain and report the first broken entry",
          response: {
            200: z.object({
              ok: z.boolean(),
              entries: z.number().int(),
              headHash: z.string(),
              problem: z.record(z.string(), z.unknown()).nullable(),
            }),
          },
        },
      },
      async () => verifyAuditChain(context.store.db),
    );
  };
