/**
 * Hypotheses (suspected spaces that may not exist) and planners' estimates (Mattson consensus):
 * - `GET|POST /api/sites/:siteId/search/hypotheses`: list; add one with its prior P(exists);
 * - `PUT /api/sites/:siteId/search/hypotheses/:segmentId`: a new prior, label or weight (segment.changed);
 * - `POST /api/sites/:siteId/search/hypotheses/:segmentId/resolution`: settled for certain;
 * - `GET|POST /api/sites/:siteId/search/estimates`: each planner's latest weights per segment.
 * Suspected spaces drawn on the plan become hypotheses when the log learns of them (prior 0.5); the hidden-
 * space analysis adds its own with the coordinator's prior.
 */
import { AtharError, newId } from "@athar/core";
import { searchEvidence, sites } from "@athar/db";
import { ROW_SEGMENT_ID, type SearchLogEvent } from "@athar/search";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, currentUser } from "../auth/guard";
import type { AppContext } from "../context";
import { SEARCH_ROLES } from "../search/access";
import {
  estimateInputSchema,
  estimateListSchema,
  hypothesisInputSchema,
  hypothesisListSchema,
  hypothesisSchema,
  hypothesisUpdateSchema,
  resolutionInputSchema,
  segmentParams,
  siteParams,
} from "../search/schemas";
import { searchSnapshot } from "../search/snapshot";
import { estimateViews, hypothesisViews, recorderIds } from "../search/views";
import { eventBase, segmentsOf } from "../search/writes";
import { visibleSiteOf } from "../site-access";

const hypothesisAnswerSchema = z.object({
  hypothesis: hypothesisSchema,
  lastSeq: z.number(),
  logHash: z.string(),
});

export const searchHypothesisRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;
    const readers = { roles: SEARCH_ROLES.readers };
    const analysts = { roles: SEARCH_ROLES.analysts };

    const list = async (siteId: string) => {
      const [snapshot, spaces] = await Promise.all([
        searchSnapshot(store, siteId),
        searchEvidence.listSiteSpaceStatuses(store.db, siteId),
      ]);
      const names = await searchEvidence.userNames(store.db, recorderIds(snapshot));
      return {
        lastSeq: snapshot.lastSeq,
        logHash: snapshot.logHash,
        hypotheses: hypothesisViews(snapshot, names, new Set(spaces.map((s) => s.spaceId))),
      };
    };
    const one = async (siteId: string, segmentId: string) => {
      const { hypotheses, lastSeq, logHash } = await list(siteId);
      const hypothesis = hypotheses.find((h) => h.segmentId === segmentId);
      if (!hypothesis) throw new AtharError("not_found", "hypothesis not found");
      return { hypothesis, lastSeq, logHash };
    };
    /** The hypothesis a change names, as it stands in the log. */
    const hypothesisIn = (log: Parameters<typeof segmentsOf>[0], segmentId: string) => {
      const segment = segmentsOf(log).get(segmentId);
      if (segment?.kind !== "hypothesis") throw new AtharError("not_found", "hypothesis not found");
      return segment;
    };

    app.get(
      "/api/sites/:siteId/search/hypotheses",
      {
        config: { access: readers },
        schema: {
          tags: ["search"],
          summary:
            "Hypotheses (suspected spaces): prior and current P(exists), POA, void POD, resolution, history",
          params: siteParams,
          response: { 200: hypothesisListSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        return list(siteId);
      },
    );

    app.post(
      "/api/sites/:siteId/search/hypotheses",
      {
        config: { access: analysts },
        schema: {
          tags: ["search"],
          summary:
            "Add a hypothesis segment (a suspected space or level not drawn on the plan) with its prior P(exists)",
          params: siteParams,
          body: hypothesisInputSchema,
          response: { 201: hypothesisAnswerSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const body = request.body;
        if (body.levelId) {
          const levelSite = await sites.siteIdOfLevel(store.db, body.levelId).catch(() => null);
          if (levelSite !== siteId)
            throw new AtharError("not_found", "level not found on this site", [
              { path: "levelId", message: "unknown level" },
            ]);
        }
        const segmentId = `hypothesis:${newId()}`;
        await store.write(actorOf(request), (w) =>
          searchEvidence.appendCheckedSearchEvents(w, siteId, () => [
            {
              ...eventBase(w),
              type: "segment.added",
              segment: {
                id: segmentId,
                kind: "hypothesis",
                label: body.label,
                siteId,
                ...(body.levelId ? { levelId: body.levelId } : {}),
                ...(body.areaM2 !== undefined ? { areaM2: body.areaM2 } : {}),
                reachable: body.reachable,
                weight: body.weight,
                pExists: body.pExists,
              },
            },
          ]),
        );
        return reply.code(201).send(await one(siteId, segmentId));
      },
    );

    app.put(
      "/api/sites/:siteId/search/hypotheses/:segmentId",
      {
        config: { access: analysts },
        schema: {
          tags: ["search"],
          summary:
            "Change a hypothesis's prior P(exists), label or weight (segment.changed, with the reason)",
          params: segmentParams,
          body: hypothesisUpdateSchema,
          response: { 200: hypothesisAnswerSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const { segmentId } = request.params;
        const { reason, ...changes } = request.body;
        if (Object.keys(changes).length === 0)
          throw new AtharError("validation_failed", "nothing to change", [
            { path: "pExists", message: "give pExists, label or weight" },
          ]);
        await store.write(actorOf(request), (w) =>
          searchEvidence.appendCheckedSearchEvents(w, siteId, (log) => {
            hypothesisIn(log, segmentId);
            return [{ ...eventBase(w), type: "segment.changed", segmentId, changes, reason }];
          }),
        );
        return one(siteId, segmentId);
      },
    );

    app.post(
      "/api/sites/:siteId/search/hypotheses/:segmentId/resolution",
      {
        config: { access: analysts },
        schema: {
          tags: ["search"],
          summary:
            "Settle a hypothesis for certain (a breach opened it, or showed solid ground): hypothesis.resolved",
          params: segmentParams,
          body: resolutionInputSchema,
          response: { 200: hypothesisAnswerSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const { segmentId } = request.params;
        await store.write(actorOf(request), (w) =>
          searchEvidence.appendCheckedSearchEvents(w, siteId, (log) => {
            hypothesisIn(log, segmentId);
            const earlier = log.find(
              (s) => s.event.type === "hypothesis.resolved" && s.event.segmentId === segmentId,
            )?.event;
            if (earlier?.type === "hypothesis.resolved" && earlier.exists !== request.body.exists)
              throw new AtharError(
                "conflict",
                `this hypothesis was already resolved as ${earlier.exists ? "existing" : "not existing"}`,
                [{ path: "exists", message: "contradicts an earlier resolution" }],
              );
            return [
              {
                ...eventBase(w),
                type: "hypothesis.resolved",
                segmentId,
                exists: request.body.exists,
                reason: request.body.reason,
              },
            ];
          }),
        );
        return one(siteId, segmentId);
      },
    );

    app.get(
      "/api/sites/:siteId/search/estimates",
      {
        config: { access: readers },
        schema: {
          tags: ["search"],
          summary:
            "Each planner's latest POA estimate (weights per segment); their Mattson consensus is the prior",
          params: siteParams,
          response: { 200: estimateListSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const snapshot = await searchSnapshot(store, siteId);
        const ids = [
          ...recorderIds(snapshot),
          ...snapshot.events.flatMap((e) => (e.type === "planner.estimate.recorded" ? [e.plannerId] : [])),
        ];
        const names = await searchEvidence.userNames(store.db, ids);
        return {
          lastSeq: snapshot.lastSeq,
          logHash: snapshot.logHash,
          estimates: estimateViews(snapshot, names),
        };
      },
    );

    app.post(
      "/api/sites/:siteId/search/estimates",
      {
        config: { access: analysts },
        schema: {
          tags: ["search"],
          summary:
            "Record a planner's POA estimate (planner.estimate.recorded; a later one of the same planner replaces it). Segments left out get 0 from this planner",
          params: siteParams,
          body: estimateInputSchema,
          response: { 201: estimateListSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const plannerId = request.body.plannerId ?? currentUser(request).id;
        const weights = request.body.weights;
        if (!Object.values(weights).some((w) => w > 0))
          throw new AtharError("validation_failed", "an estimate needs some weight somewhere", [
            { path: "weights", message: "all zero" },
          ]);
        await store.write(actorOf(request), (w) =>
          searchEvidence.appendCheckedSearchEvents(w, siteId, (log) => {
            const segments = segmentsOf(log);
            for (const id of Object.keys(weights)) {
              if (id !== ROW_SEGMENT_ID && !segments.has(id))
                throw new AtharError("dangling_reference", `segment ${id} is not in the site's search log`, [
                  { path: `weights.${id}`, message: "unknown segment" },
                ]);
            }
            const event: SearchLogEvent = {
              ...eventBase(w),
              type: "planner.estimate.recorded",
              plannerId,
              weights,
            };
            return [event];
          }),
        );
        const snapshot = await searchSnapshot(store, siteId);
        const names = await searchEvidence.userNames(store.db, [plannerId]);
        return reply.code(201).send({
          lastSeq: snapshot.lastSeq,
          logHash: snapshot.logHash,
          estimates: estimateViews(snapshot, names),
        });
      },
    );
  };
