/**
 * Live events as server-sent events. Each instance subscribes to the store's event bus once (in-process
 * with SQLite, LISTEN/NOTIFY with PostgreSQL), so a write on any instance reaches clients on every
 * instance. A client asks for one site's events and only gets them if it may see that site.
 *
 * Fan-out is batched (docs/decisions/ops-live-fanout.md): each event is serialised once, appended to the
 * pending text of every client of its site, and every client's pending text is written with one socket
 * write per flush window. With 500 screens and 100 events/s that is 20,000 writes a second instead of
 * 50,000, and the frames leave in the order they were published. A client that does not read (its socket
 * holds more than MAX_UNSENT_BYTES) is disconnected: its EventSource reconnects and the page reloads.
 */

import type { ServerResponse } from "node:http";
import { ROLE_GROUPS } from "@athar/core";
import type { LiveEvent } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../context";
import { visibleSiteOf } from "../site-access";

const HEARTBEAT_MS = 15_000;
/** Frames published within this window go to a client in one write (adds at most this much latency). */
export const DEFAULT_FLUSH_MS = 25;
/** A client whose socket still holds this much unsent text is too slow to keep. */
const MAX_UNSENT_BYTES = 4 * 1024 * 1024;

interface Client {
  raw: ServerResponse;
  pending: string;
  /** Ends the stream (shutdown). */
  end(): void;
  /** Cuts the connection (a client that stopped reading). */
  drop(): void;
}

export interface EventRouteOptions {
  /** Flush window in milliseconds (benchmarks vary it). */
  flushMs?: number;
}

export const eventRoutes =
  (context: AppContext, options: EventRouteOptions = {}): FastifyPluginAsyncZod =>
  async (app) => {
    const flushMs = options.flushMs ?? DEFAULT_FLUSH_MS;
    const bySite = new Map<string, Set<Client>>();
    const dirty = new Set<Client>();
    let flushTimer: NodeJS.Timeout | null = null;

    const flush = () => {
      flushTimer = null;
      for (const client of dirty) {
        const text = client.pending;
        client.pending = "";
        if (client.raw.destroyed || client.raw.writableEnded) continue;
        if (client.raw.writableLength > MAX_UNSENT_BYTES) {
          client.drop();
          continue;
        }
        client.raw.write(text);
      }
      dirty.clear();
    };
    const queue = (client: Client, text: string) => {
      client.pending += text;
      dirty.add(client);
      if (flushTimer === null) flushTimer = setTimeout(flush, flushMs);
    };

    const unsubscribe = context.store.events.subscribe((event: LiveEvent) => {
      if (!event.siteId) return;
      const clients = bySite.get(event.siteId);
      if (!clients || clients.size === 0) return;
      const frame = `event: change\ndata: ${JSON.stringify(event)}\n\n`;
      for (const client of clients) queue(client, frame);
    });
    // One heartbeat for every open stream keeps proxies from closing idle connections.
    const heartbeat = setInterval(() => {
      for (const clients of bySite.values()) for (const client of clients) queue(client, ": heartbeat\n\n");
    }, HEARTBEAT_MS);
    heartbeat.unref();

    // Open streams are ended on shutdown, so that a graceful close does not wait for clients to leave.
    app.addHook("preClose", async () => {
      unsubscribe();
      clearInterval(heartbeat);
      if (flushTimer !== null) clearTimeout(flushTimer);
      for (const clients of bySite.values()) for (const client of [...clients]) client.end();
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
        const clients = bySite.get(siteId) ?? new Set<Client>();
        bySite.set(siteId, clients);
        const stop = () => {
          clients.delete(client);
          dirty.delete(client);
          if (clients.size === 0 && bySite.get(siteId) === clients) bySite.delete(siteId);
        };
        const client: Client = {
          raw,
          pending: "",
          end: () => {
            stop();
            raw.end();
          },
          drop: () => {
            stop();
            raw.destroy();
          },
        };
        clients.add(client);
        request.raw.on("close", stop);
      },
    );
  };
