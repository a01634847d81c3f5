/**
 * The search picture of a site:
 * - `GET /api/sites/:siteId/search/state?subjectClass=combined|responsive|unresponsive`: per segment (a
 *   space's id, or a hypothesis id) POA, cumulative POD, P(exists) for hypotheses; ROW; headline figures;
 *   the log's hash and newest position (the heat map);
 * - `POST /api/sites/:siteId/search/sync`: every space of the site model gets its segment in the log;
 * - `GET /api/sites/:siteId/search/log`: the log as an export that `athar search report --verify` checks.
 */
import { opsSegments, searchEvidence } from "@athar/db";
import { exportSearchLog, SEARCH_EXPORT_FORMAT, type SearchExport } from "@athar/search";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { SEARCH_ROLES } from "../search/access";
import {
  logQuerySchema,
  siteParams,
  stateQuerySchema,
  stateSchema,
  syncResultSchema,
} from "../search/schemas";
import { searchSnapshot } from "../search/snapshot";
import { stateView } from "../search/views";
import { visibleSiteOf } from "../site-access";

/** athar.search-export/1 (packages/search/README.md): the log as stored, its hash and the headline figures. */
const exportSchema = z
  .custom<SearchExport>(
    (value) =>
      typeof value === "object" &&
      value !== null &&
      (value as { format?: unknown }).format === SEARCH_EXPORT_FORMAT,
  )
  .describe(`${SEARCH_EXPORT_FORMAT}: { format, engineVersion, log, logHash, figures }`);

export const searchStateRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.get(
      "/api/sites/:siteId/search/state",
      {
        config: { access: { roles: SEARCH_ROLES.readers } },
        schema: {
          tags: ["search"],
          summary:
            "Probabilities of every segment now (heat map): POA and cumulative POD for a subject class, P(exists) of hypotheses, ROW, headline figures, log hash and newest position",
          params: siteParams,
          querystring: stateQuerySchema,
          response: { 200: stateSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const [snapshot, spaces] = await Promise.all([
          searchSnapshot(store, siteId),
          searchEvidence.listSiteSpaceStatuses(store.db, siteId),
        ]);
        const known = new Set(snapshot.state.segments.map((r) => r.segment.id));
        const unsynced = spaces.filter((s) => !s.ruledOut && !known.has(s.spaceId)).length;
        return stateView(snapshot, request.query.subjectClass, unsynced);
      },
    );

    app.post(
      "/api/sites/:siteId/search/sync",
      {
        config: { access: { roles: SEARCH_ROLES.analysts } },
        schema: {
          tags: ["search"],
          summary:
            "Add a segment to the search log for every space of the site model it does not know yet (weight 1; suspected spaces as hypotheses)",
          params: siteParams,
          body: z.strictObject({}).optional(),
          response: { 200: syncResultSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const before = await searchEvidence.lastSearchSeq(store.db, siteId);
        await store.write(actorOf(request), (w) => opsSegments.syncSpaceSegments(w, siteId));
        const snapshot = await searchSnapshot(store, siteId);
        return { added: snapshot.lastSeq - before, lastSeq: snapshot.lastSeq, logHash: snapshot.logHash };
      },
    );

    app.get(
      "/api/sites/:siteId/search/log",
      {
        config: { access: { roles: SEARCH_ROLES.readers } },
        schema: {
          tags: ["search"],
          summary:
            "The site's search log as an export (athar.search-export/1: log, hash, headline figures) that `athar search report --verify` recomputes",
          params: siteParams,
          querystring: logQuerySchema,
          response: { 200: exportSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const snapshot = await searchSnapshot(store, siteId);
        if (request.query.download === "1") {
          reply.header(
            "content-disposition",
            `attachment; filename="search-log-${siteId}-${snapshot.lastSeq}.json"`,
          );
        }
        return exportSearchLog(snapshot.events);
      },
    );
  };
