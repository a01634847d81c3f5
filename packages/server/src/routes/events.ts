/**
 * Live events as server-sent events. Each instance subscribes to the store's event bus (in-process with
 * SQLite, LISTEN/NOTIFY with PostgreSQL), so a write on any instance reaches clients on every instance.
 * A client asks for one site's events and only gets them if it may see that site.
 */
import { ROLE_GROUPS } from "@athar/core";
import type { LiveEvent } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../context";
import { visibleSiteOf } from "../site-access";

const HEARTBEAT_MS = 15_000;

export const eventRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    // Open streams, ended on shutdown so that a graceful close does not wait for clients to leave.
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
          summary: "Server-sent events for one site (text/event-stream)",
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
