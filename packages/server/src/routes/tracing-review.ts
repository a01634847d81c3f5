/**
 * The review queue: proposed matches side by side with the matcher's per-field explanation in bits;
 * decisions (accept, reject, unsure, each with a reason); merges and their undoing; a full matching run.
 * Reading is for tracing roles; deciding, merging and undoing for tracing officers.
 */
import { matches, persons } from "@athar/db";
import { CANDIDATE_KINDS, CANDIDATE_STATES, reviewDecisionSchema, undoMergeSchema } from "@athar/registry";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import {
  candidateSchema,
  mergeSchema,
  pagination,
  personSummary,
  personSummarySchema,
  personView,
  personViewSchema,
  proposalReportSchema,
  REGISTRY_STEWARDS,
  TRACING,
  TRACING_OFFICERS,
} from "./tracing-views";

const candidateParams = z.object({ candidateId: z.uuid() });

const stateList = z
  .string()
  .max(100)
  .transform((value) => value.split(",").map((s) => s.trim()))
  .pipe(z.array(z.enum(CANDIDATE_STATES)).min(1));

export const tracingReviewRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    async function sides(candidate: matches.Candidate) {
      const [left, right] = await Promise.all([
        persons.getPerson(store.db, candidate.leftPersonId),
        persons.getPerson(store.db, candidate.rightPersonId),
      ]);
      return { left, right };
    }

    app.get(
      "/api/tracing/review",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "The review queue, side by side: inquiries first, then by probability",
          querystring: z.strictObject({
            state: stateList.default(["open", "unsure"]),
            kind: z.enum(CANDIDATE_KINDS).optional(),
            inquiryId: z.uuid().optional(),
            personId: z.uuid().optional(),
            ...pagination,
          }),
          response: {
            200: z.object({
              items: z.array(
                z.object({ candidate: candidateSchema, left: personViewSchema, right: personViewSchema }),
              ),
              total: z.number().int(),
            }),
          },
        },
      },
      async (request) => {
        const q = request.query;
        const { candidates, total } = await matches.listCandidates(store.db, { ...q, states: q.state });
        const items = [];
        for (const candidate of candidates) {
          const { left, right } = await sides(candidate);
          items.push({ candidate, left: personView(request, left), right: personView(request, right) });
        }
        return { items, total };
      },
    );

    app.get(
      "/api/tracing/review/:candidateId",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "One proposal side by side, with the other records of each side's cluster",
          params: candidateParams,
          response: {
            200: z.object({
              candidate: candidateSchema,
              left: personViewSchema,
              right: personViewSchema,
              leftCluster: z.array(personSummarySchema),
              rightCluster: z.array(personSummarySchema),
            }),
          },
        },
      },
      async (request) => {
        const candidate = await matches.getCandidate(store.db, request.params.candidateId);
        const { left, right } = await sides(candidate);
        const others = async (clusterId: string, self: string) =>
          (await persons.getCluster(store.db, clusterId)).filter((p) => p.id !== self).map(personSummary);
        return {
          candidate,
          left: personView(request, left),
          right: personView(request, right),
          leftCluster: await others(left.clusterId, left.id),
          rightCluster: await others(right.clusterId, right.id),
        };
      },
    );

    app.post(
      "/api/tracing/review/:candidateId/decision",
      {
        config: { access: TRACING_OFFICERS },
        schema: {
          tags: ["tracing"],
          summary: "Accept (merge the two clusters), reject or mark unsure, with a reason",
          description:
            "A pair flagged by the sibling guard (`guarded`) is accepted only with `overrideSiblingWarning: true`. Accepting an inquiry match keeps the registry record's cluster id.",
          params: candidateParams,
          body: reviewDecisionSchema,
          response: { 200: z.object({ candidate: candidateSchema, merge: mergeSchema.nullable() }) },
        },
      },
      async (request) =>
        store.write(actorOf(request), (w) =>
          matches.decideCandidate(w, request.params.candidateId, request.body),
        ),
    );

    app.post(
      "/api/tracing/review/propose",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "Propose two records as one person (scored now and queued for a decision)",
          body: z.strictObject({ leftPersonId: z.uuid(), rightPersonId: z.uuid() }),
          response: { 201: candidateSchema },
        },
      },
      async (request, reply) => {
        const candidate = await store.write(actorOf(request), (w) =>
          matches.proposePair(w, request.body.leftPersonId, request.body.rightPersonId),
        );
        return reply.code(201).send(candidate);
      },
    );

    app.post(
      "/api/tracing/matching/run",
      {
        config: { access: REGISTRY_STEWARDS },
        schema: {
          tags: ["tracing"],
          summary: "Match the whole registry and queue the probable pairs",
          description:
            "With at least 2,000 records the linkage engine trains its model (EM) and deduplicates the registry, and the model is kept for later single-record proposals; below that, the fallback matcher scores each record's blocking candidates. Runs in the request: for large registries use `athar registry match`.",
          body: z.strictObject({}),
          response: {
            200: proposalReportSchema.extend({ records: z.number().int(), skipped: z.number().int() }),
          },
        },
      },
      async (request) => store.write(actorOf(request), (w) => matches.runFullMatching(w)),
    );

    app.get(
      "/api/tracing/merges",
      {
        config: { access: TRACING },
        schema: {
          tags: ["tracing"],
          summary: "Merges, newest first (of one cluster when clusterId is given)",
          querystring: z.strictObject({ clusterId: z.uuid().optional() }),
          response: { 200: z.object({ merges: z.array(mergeSchema) }) },
        },
      },
      async (request) => ({ merges: await matches.listMerges(store.db, request.query.clusterId ?? null) }),
    );

    app.post(
      "/api/tracing/merges/:mergeId/undo",
      {
        config: { access: TRACING_OFFICERS },
        schema: {
          tags: ["tracing"],
          summary: "Undo a merge: its records return to their own cluster and the proposal to the queue",
          params: z.object({ mergeId: z.uuid() }),
          body: undoMergeSchema,
          response: { 200: mergeSchema },
        },
      },
      async (request) =>
        store.write(actorOf(request), (w) =>
          matches.undoMerge(w, request.params.mergeId, request.body.reason),
        ),
    );
  };
