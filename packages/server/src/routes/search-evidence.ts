/**
 * Claims and evidence records of a site, each change an event of its search log:
 * - `GET /api/sites/:siteId/search/evidence`: every record with what it does now (counted, echo, refuted;
 *   the likelihoods read from the table), possible echoes and its history;
 * - `POST /api/sites/:siteId/search/evidence`: a graded claim (Admiralty reliability A–F and credibility
 *   1–6, graded independently) about a segment or a point on a level's plan;
 * - `GET|PUT /api/sites/:siteId/search/evidence/:evidenceId`: one record; a correction or a new
 *   verification status, always with a reason.
 */
import { AtharError } from "@athar/core";
import { searchEvidence } from "@athar/db";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { SEARCH_ROLES } from "../search/access";
import {
  evidenceInputSchema,
  evidenceListSchema,
  evidenceParams,
  evidenceSchema,
  evidenceUpdateSchema,
  siteParams,
} from "../search/schemas";
import { type SearchSnapshot, searchSnapshot } from "../search/snapshot";
import { evidenceViews, recorderIds } from "../search/views";
import { evidenceChangedEvent, evidenceRecordedEvent } from "../search/writes";
import { visibleSiteOf } from "../site-access";

const writeAnswerSchema = z.object({ evidence: evidenceSchema, lastSeq: z.number(), logHash: z.string() });

export const searchEvidenceRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;
    const readers = { roles: SEARCH_ROLES.readers };
    const analysts = { roles: SEARCH_ROLES.analysts };

    const views = async (snapshot: SearchSnapshot) => {
      const names = await searchEvidence.userNames(store.db, recorderIds(snapshot));
      return evidenceViews(snapshot, names);
    };
    const viewOf = async (siteId: string, evidenceId: string) => {
      const snapshot = await searchSnapshot(store, siteId);
      const view = (await views(snapshot)).find((e) => e.id === evidenceId);
      if (!view) throw new AtharError("not_found", "evidence not found");
      return { evidence: view, lastSeq: snapshot.lastSeq, logHash: snapshot.logHash };
    };

    app.get(
      "/api/sites/:siteId/search/evidence",
      {
        config: { access: readers },
        schema: {
          tags: ["search"],
          summary:
            "Claims and evidence of the site in the order recorded, with what each does to the probabilities now, possible echoes and history",
          params: siteParams,
          response: { 200: evidenceListSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const snapshot = await searchSnapshot(store, siteId);
        return { lastSeq: snapshot.lastSeq, logHash: snapshot.logHash, evidence: await views(snapshot) };
      },
    );

    app.post(
      "/api/sites/:siteId/search/evidence",
      {
        config: { access: analysts },
        schema: {
          tags: ["search"],
          summary:
            "Record a graded claim (evidence.recorded): kind, where (segment or plan point), when, source and relays, Admiralty grade, verification status with reason",
          params: siteParams,
          body: evidenceInputSchema,
          response: { 201: writeAnswerSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        let evidenceId = "";
        await store.write(actorOf(request), (w) =>
          searchEvidence.appendCheckedSearchEvents(w, siteId, async (log) => {
            const made = await evidenceRecordedEvent(w, siteId, request.body, log);
            evidenceId = made.evidenceId;
            return [made.event];
          }),
        );
        return reply.code(201).send(await viewOf(siteId, evidenceId));
      },
    );

    app.get(
      "/api/sites/:siteId/search/evidence/:evidenceId",
      {
        config: { access: readers },
        schema: {
          tags: ["search"],
          summary: "One claim with what it does now and its history",
          params: evidenceParams,
          response: { 200: writeAnswerSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        return viewOf(siteId, request.params.evidenceId);
      },
    );

    app.put(
      "/api/sites/:siteId/search/evidence/:evidenceId",
      {
        config: { access: analysts },
        schema: {
          tags: ["search"],
          summary:
            "Correct a claim or change its verification status (evidence.changed, with the reason); refuted claims stop counting",
          params: evidenceParams,
          body: evidenceUpdateSchema,
          response: { 200: writeAnswerSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const { evidenceId } = request.params;
        await store.write(actorOf(request), (w) =>
          searchEvidence.appendCheckedSearchEvents(w, siteId, async (log) => [
            await evidenceChangedEvent(w, siteId, evidenceId, request.body, log),
          ]),
        );
        return viewOf(siteId, evidenceId);
      },
    );
  };
