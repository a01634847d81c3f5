import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { sql } from "kysely";
import { z } from "zod";
import type { AppContext } from "../context";
import { sendError } from "../http-errors";

export const healthRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    app.get(
      "/api/health",
      {
        config: { access: "public" },
        schema: {
          tags: ["system"],
          summary: "Liveness and database reachability",
          response: { 200: z.object({ status: z.literal("ok") }) },
        },
      },
      async (_request, reply) => {
        try {
          await sql`select 1`.execute(context.store.db);
        } catch {
          return sendError(reply, "service_unavailable", "the database is not reachable");
        }
        return { status: "ok" as const };
      },
    );
  };
