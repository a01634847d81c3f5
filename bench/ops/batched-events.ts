/**
 * A variant of the server's event stream route (packages/server/src/routes/events.ts) for the live-board
 * benchmark, to measure a proposed change: one bus subscription per server instead of one per client,
 * each event serialised once, and the frames for one client written together once per `flushMs` instead of
 * one socket write per event per client. Same URL, access rule and frame format; nothing else changes.
 * Used only when the benchmark runs with `--sse batched`.
 */
import { ROLE_GROUPS } from "@athar/core";
import type { LiveEvent } from "@athar/db";
import type { AppContext } from "@athar/server";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { visibleSiteOf } from "../../packages/server/src/site-access";

const HEARTBEAT_MS = 15_000;

interface Client {
  write(text: string): void;
  pending: string;
}

export const batchedEventRoutes =
  (context: AppContext, flushMs = 25): FastifyPluginAsyncZod =>
  async (app) => {
    const clients = new Map<string, Set<Client>>();
    const dirty = new Set<Client>();
    let timer: NodeJS.Timeout | null = null;
    const flush = () => {
      timer = null;
      for (const client of dirty) {
        client.write(client.pending);
        client.pending = "";
      }
      dirty.clear();
    };
    const unsubscribe = context.store.events.subscribe((event: LiveEvent) => {
      if (!event.siteId) return;
      const listeners = clients.get(event.siteId);
      if (!listeners || listeners.size === 0) return;
      const frame = `event: change\ndata: ${JSON.stringify(event)}\n\n`;
      for (const client of listeners) {
        client.pending += frame;
        dirty.add(client);
      }
      if (timer === null) timer = setTimeout(flush, flushMs);
    });
    const open = new Set<() => void>();
    app.addHook("preClose", async () => {
      unsubscribe();
      for (const end of open) end();
    });

    app.get(
      "/api/events",
      {
        config: { access: { roles: ROLE_GROUPS.siteReaders } },
        schema: {
          tags: ["live"],
          summary: "Server-sent events for one site (batched variant)",
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
        const client: Client = { write: (text) => raw.write(text), pending: "" };
        const set = clients.get(siteId) ?? new Set<Client>();
        set.add(client);
        clients.set(siteId, set);
        const heartbeat = setInterval(() => raw.write(": heartbeat\n\n"), HEARTBEAT_MS);
        const stop = () => {
          clearInterval(heartbeat);
          set.delete(client);
          dirty.delete(client);
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
