/**
 * The event stream route as it was before the batched fan-out (one bus subscription per client, each event
 * serialised and written to each socket on its own), kept only so that the live-board benchmark can
 * compare: `--sse per-client`. The server's route is packages/server/src/routes/events.ts.
 */
import { ROLE_GROUPS } from "@athar/core";
import type { LiveEvent } from "@athar/db";
import type { AppContext } from "@athar/server";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { visibleSiteOf } from "../../packages/server/src/site-access";

const HEARTBEAT_MS = 15_000;

export const perClientEventRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const open = new Set<() => void>();
    app.addHook("preClose", async () => {
      for (const end of open) end();
    });

    app.get(
      "/api/events",
      {
        config: { access: { roles: ROLE_GROUPS.siteReaders } },
        schema: {
          tags: ["live"],
          summary: "Server-sent events for one site (per-client variant, benchmark only)",
          querystring: z.strictObject({ siteId: z.uuid() }),
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.query.siteId);
        reply.hijack();
        const raw = reply.raw;
        raw.writeHead(200, {
          "content-type": "text/event-stream; charset=utf-8",
          "cache-control": "no-store",
          connection: "keep-alive",
          "x-accel-buffering": "no",
        });
        raw.write(`retry: 2000\n: connected\n\n`);
        const send = (event: LiveEvent) => {
          if (event.siteId !== siteId) return;
          raw.write(`event: change\ndata: ${JSON.stringify(event)}\n\n`);
        };
        const unsubscribe = context.store.events.subscribe(send);
        const heartbeat = setInterval(() => raw.write(": heartbeat\n\n"), HEARTBEAT_MS);
        const stop = () => {
          clearInterval(heartbeat);
          unsubscribe();
          open.delete(end);
        };
        const end = () => {
          stop();
          raw.end();
        };
        open.add(end);
        request.raw.on("close", stop);
      },
    );
  };
