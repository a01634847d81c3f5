/**
 * The table that turns an Admiralty grade into likelihoods, visible and editable:
 * - `GET /api/sites/:siteId/search/mapping`: the 36 cells {L1, L0} (each a min/likely/max value with its
 *   source), the odds factor each gives, which cells differ from the default, how verification moves the
 *   credibility read, and every change so far;
 * - `PUT /api/sites/:siteId/search/mapping`: change cells or the verification rule (mapping.changed, with
 *   the source of the new values). Every probability is recomputed from the log with the new table.
 */
import { AtharError } from "@athar/core";
import { searchEvidence } from "@athar/db";
import type { GradeKey, LikelihoodPair, SearchLogEvent } from "@athar/search";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { SEARCH_ROLES } from "../search/access";
import { mappingSchema, mappingUpdateSchema, siteParams } from "../search/schemas";
import { type SearchSnapshot, searchSnapshot } from "../search/snapshot";
import { mappingView, recorderIds } from "../search/views";
import { eventBase } from "../search/writes";
import { visibleSiteOf } from "../site-access";

export const searchMappingRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    const answer = async (snapshot: SearchSnapshot) => {
      const names = await searchEvidence.userNames(store.db, recorderIds(snapshot));
      return { lastSeq: snapshot.lastSeq, logHash: snapshot.logHash, ...mappingView(snapshot, names) };
    };

    app.get(
      "/api/sites/:siteId/search/mapping",
      {
        config: { access: { roles: SEARCH_ROLES.readers } },
        schema: {
          tags: ["search"],
          summary:
            "The grade → likelihood table (36 cells with ranges and sources), the verification rule and their history",
          params: siteParams,
          response: { 200: mappingSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        return answer(await searchSnapshot(store, siteId));
      },
    );

    app.put(
      "/api/sites/:siteId/search/mapping",
      {
        config: { access: { roles: SEARCH_ROLES.analysts } },
        schema: {
          tags: ["search"],
          summary:
            "Change cells of the grade → likelihood table or the verification rule (mapping.changed with the source of the values)",
          params: siteParams,
          body: mappingUpdateSchema,
          response: { 200: mappingSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const body = request.body;
        for (const [grade, cell] of Object.entries(body.cells ?? {})) {
          for (const side of ["l1", "l0"] as const) {
            const v = cell[side];
            if (!(v.min > 0 && v.min <= v.likely && v.likely <= v.max && v.max <= 1))
              throw new AtharError(
                "validation_failed",
                `${grade}.${side}: expected 0 < min ≤ likely ≤ max ≤ 1`,
                [{ path: `cells.${grade}.${side}`, message: "out of range" }],
              );
          }
        }
        await store.write(actorOf(request), (w) =>
          searchEvidence.appendCheckedSearchEvents(w, siteId, () => {
            const event: SearchLogEvent = {
              ...eventBase(w),
              type: "mapping.changed",
              source: body.source,
              ...(body.cells ? { cells: body.cells as Partial<Record<GradeKey, LikelihoodPair>> } : {}),
              ...(body.statusCredibility ? { statusCredibility: body.statusCredibility } : {}),
            };
            return [event];
          }),
        );
        return answer(await searchSnapshot(store, siteId));
      },
    );
  };
