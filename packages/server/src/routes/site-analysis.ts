/**
 * Hidden-space analysis and breach-aware routes of a site (the plans engine, on a worker thread):
 * - `GET /api/sites/:siteId/voids`: candidates where unexplained space is, with polygon (local metres),
 *   level, area, score and reasons; computed once per plan version;
 * - `POST /api/sites/:siteId/voids/hypotheses`: a candidate becomes a hypothesis for the search, with the
 *   coordinator's prior (and a suspected space on the plan);
 * - `GET /api/sites/:siteId/route`: fastest, fewest breaches and fastest within k breaches, from a space or
 *   `outside` to a space or `candidate:<id>`, with time ranges;
 * - `GET /api/sites/:siteId/breach-costs`: the cost table behind the times (illustrative);
 * - `POST /api/sites/:siteId/route/assignment`: a route becomes a breaching assignment with its breach tasks.
 */
import { AtharError, ROLE_GROUPS } from "@athar/core";
import { siteAnalysis } from "@athar/db";
import {
  costTableSchema,
  DEFAULT_COST_TABLE,
  DEFAULT_ROUTE_OPTIONS,
  OUTSIDE_NODE,
  type Route,
  type RouteOptions,
} from "@athar/plans";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { OPS_ROLES } from "../ops/schemas";
import { visibleSiteOf } from "../site-access";
import {
  analyse,
  effectiveOptions,
  PlaceBook,
  planWorkerOf,
  readPlan,
  routeOptionsFrom,
  suspectedSpaceOn,
} from "./site-analysis-engine";
import {
  hypothesisBodySchema,
  hypothesisResponseSchema,
  routeAssignmentBodySchema,
  routeAssignmentResponseSchema,
  routeQuerySchema,
  routeResponseSchema,
  voidsResponseSchema,
} from "./site-analysis-schemas";

const siteParams = z.object({ siteId: z.uuid() });

const breachCostsSchema = z.object({
  table: costTableSchema,
  defaults: z.object({
    tool: z.string(),
    capability: z.string(),
    keys: z.boolean(),
    badges: z.boolean(),
    codes: z.boolean(),
    power: z.string(),
    defaultWallMaterial: z.string(),
    slabMaterial: z.string(),
    slabThicknessM: z.number(),
  }),
  illustrative: z.boolean(),
  note: z.string(),
});

const minutes = (value: number) => `${Math.round(value)}`;

export const siteAnalysisRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;
    const worker = planWorkerOf(context, app);
    const readers = { roles: ROLE_GROUPS.siteReaders };
    const coordinators = { roles: OPS_ROLES.coordinators };

    /** The plan, its analysis and a book of its places. */
    /** Place books by plan (plans are cached and never change, so a book is built once per plan version). */
    const books = new WeakMap<object, PlaceBook>();
    const loadSite = async (siteId: string) => {
      const plan = await readPlan(context, siteId);
      const analysis = await analyse(worker, plan);
      let places = books.get(plan);
      if (!places) {
        places = new PlaceBook(plan.document, analysis.candidates);
        books.set(plan, places);
      }
      return { plan, analysis, places };
    };

    /** The route answers for a question; unknown places answer 404 like missing records. */
    const routesFor = async (
      site: Awaited<ReturnType<typeof loadSite>>,
      question: {
        from: string;
        to: string;
        maxBreaches?: number | undefined;
        options: Partial<RouteOptions>;
      },
    ) => {
      for (const [path, id] of [
        ["from", question.from],
        ["to", question.to],
      ] as const) {
        if (!site.places.place(id)) {
          throw new AtharError(
            "not_found",
            `${path}: ${id} is not a space, candidate or "outside" of this site`,
            [{ path, message: "unknown place" }],
          );
        }
      }
      const reply = await worker.routes(site.plan.version, () => site.plan.document, {
        from: question.from,
        to: question.to,
        maxBreaches: question.maxBreaches ?? null,
        options: question.options,
      });
      if (!reply.found || !reply.answers) {
        // A ruled-out space (or one on a ruled-out level) is not a place anyone is sent to.
        throw new AtharError(
          "validation_failed",
          `${reply.unknownPlaces.join(", ")} cannot be routed to or from`,
          [{ path: "to", message: "ruled out" }],
        );
      }
      return reply.answers;
    };

    const routeView = (site: Awaited<ReturnType<typeof loadSite>>, route: Route | null) =>
      route
        ? {
            objective: route.objective,
            maxBreaches: route.maxBreaches,
            total: route.total,
            steps: route.steps.map((step) => {
              const via = site.places.via(step);
              return {
                ...step,
                via: via.point,
                viaLevelId: via.levelId,
                featureKind: via.featureKind,
                featureName: via.featureName,
              };
            }),
          }
        : null;

    const placesOf = (site: Awaited<ReturnType<typeof loadSite>>, routes: (Route | null)[]) => {
      const out: Record<string, NonNullable<ReturnType<PlaceBook["place"]>>> = {};
      for (const route of routes)
        for (const step of route?.steps ?? [])
          for (const id of [step.from, step.to]) {
            const place = site.places.place(id);
            if (place) out[id] = place;
          }
      return out;
    };

    app.get(
      "/api/sites/:siteId/voids",
      {
        config: { access: readers },
        schema: {
          tags: ["site analysis"],
          summary:
            "Hidden-space candidates of the site: polygon (local metres), level, area, score (ranks, not calibrated) and reasons",
          params: siteParams,
          response: { 200: voidsResponseSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const { plan, analysis } = await loadSite(siteId);
        return {
          planVersion: plan.version,
          importedFrom: plan.source
            ? { name: plan.source.name, sha256: plan.source.sha256, importedAt: plan.source.importedAt }
            : null,
          candidates: analysis.candidates.map((candidate) => ({
            ...candidate,
            suspectedSpaceId: suspectedSpaceOn(candidate, plan.document)?.id ?? null,
          })),
          levels: analysis.levels,
          scoreIsCalibrated: false as const,
        };
      },
    );

    app.post(
      "/api/sites/:siteId/voids/hypotheses",
      {
        config: { access: coordinators },
        schema: {
          tags: ["site analysis"],
          summary:
            "Make a candidate a hypothesis for the search: segment.added (hypothesis, pExists = prior) in the site's search log, and a suspected space on the plan",
          params: siteParams,
          body: hypothesisBodySchema,
          response: { 201: hypothesisResponseSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const body = request.body;
        const { plan, analysis } = await loadSite(siteId);
        if (body.planVersion && body.planVersion !== plan.version) {
          throw new AtharError(
            "conflict",
            "the plan changed since this analysis: look at the candidates again",
            [{ path: "planVersion", message: "stale" }],
          );
        }
        const candidate = analysis.candidates.find((c) => c.id === body.candidateId);
        if (!candidate) throw new AtharError("not_found", "candidate not found (the plan may have changed)");
        const drawn = suspectedSpaceOn(candidate, plan.document);
        if (drawn && body.createSpace) {
          throw new AtharError(
            "conflict",
            `a suspected space (${drawn.name || drawn.id}) is already drawn on this candidate`,
            [{ path: "candidateId", message: drawn.id }],
          );
        }
        const outcome = await store.write(actorOf(request), (w) =>
          siteAnalysis.addHypothesis(w, siteId, {
            candidate,
            prior: body.prior,
            createSpace: body.createSpace,
            planVersion: plan.version,
          }),
        );
        return reply.code(201).send({
          segmentId: outcome.segment.id,
          eventId: outcome.eventId,
          prior: body.prior,
          space: outcome.space,
          level: outcome.level,
        });
      },
    );

    app.get(
      "/api/sites/:siteId/route",
      {
        config: { access: readers },
        schema: {
          tags: ["site analysis"],
          summary:
            "Routes from a space or `outside` to a space or `candidate:<id>`: fastest, fewest breaches, fastest within maxBreaches; time ranges in minutes (illustrative cost table)",
          params: siteParams,
          querystring: routeQuerySchema,
          response: { 200: routeResponseSchema },
        },
      },
      async (request) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const { from, to, maxBreaches, ...rest } = request.query;
        const options = routeOptionsFrom(rest);
        const site = await loadSite(siteId);
        const answers = await routesFor(site, { from, to, maxBreaches, options });
        const routes = [answers.fastest, answers.fewestBreaches, answers.withinBreaches];
        return {
          planVersion: site.plan.version,
          from: site.places.place(from)!,
          to: site.places.place(to)!,
          places: placesOf(site, routes),
          fastest: routeView(site, answers.fastest),
          fewestBreaches: routeView(site, answers.fewestBreaches),
          withinBreaches: routeView(site, answers.withinBreaches),
          options: effectiveOptions(options),
          costsIllustrative: DEFAULT_COST_TABLE.illustrative,
        };
      },
    );

    app.get(
      "/api/sites/:siteId/breach-costs",
      {
        config: { access: readers },
        schema: {
          tags: ["site analysis"],
          summary:
            "The cost table behind route times: every row with its source; illustrative until calibrated",
          params: siteParams,
          response: { 200: breachCostsSchema },
        },
      },
      async (request) => {
        await visibleSiteOf(context, request, async () => request.params.siteId);
        const d = DEFAULT_ROUTE_OPTIONS;
        return {
          table: DEFAULT_COST_TABLE,
          defaults: {
            tool: d.tool,
            capability: d.capability,
            keys: d.keys,
            badges: d.badges,
            codes: d.codes,
            power: d.power,
            defaultWallMaterial: d.defaultWallMaterial,
            slabMaterial: d.slabMaterial,
            slabThicknessM: d.slabThicknessM,
          },
          illustrative: DEFAULT_COST_TABLE.illustrative,
          note: "No public table of breaching times per material was found; every breaching row is an illustrative estimate to be replaced with field data (docs/decisions/plans-breach-costs.md).",
        };
      },
    );

    app.post(
      "/api/sites/:siteId/route/assignment",
      {
        config: { access: coordinators },
        schema: {
          tags: ["site analysis"],
          summary:
            "Turn a route into a breaching assignment: one breach task per breach and an assignment (breach-inspect) for the target",
          params: siteParams,
          body: routeAssignmentBodySchema,
          response: { 201: routeAssignmentResponseSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const body = request.body;
        const site = await loadSite(siteId);
        if (body.objective === "fastest_within_breaches" && body.maxBreaches === undefined) {
          throw new AtharError("validation_failed", "fastest_within_breaches needs maxBreaches", [
            { path: "maxBreaches", message: "required" },
          ]);
        }
        const answers = await routesFor(site, {
          from: body.from,
          to: body.to,
          maxBreaches: body.maxBreaches,
          options: routeOptionsFrom(body.options),
        });
        const route =
          body.objective === "fastest"
            ? answers.fastest
            : body.objective === "fewest_breaches"
              ? answers.fewestBreaches
              : answers.withinBreaches;
        if (!route) {
          throw new AtharError("validation_failed", "no route reaches the target with these options", [
            { path: "to", message: "unreachable" },
          ]);
        }
        const target = site.places.place(body.to)!;
        let targetSegmentId: string;
        if (target.kind === "space") targetSegmentId = target.id;
        else if (target.kind === "candidate") {
          const candidate = site.places.candidate(target.id)!;
          const drawn = suspectedSpaceOn(candidate, site.plan.document);
          if (!drawn) {
            throw new AtharError(
              "conflict",
              "make the candidate a hypothesis first (with its prior): the assignment needs its search segment",
              [{ path: "to", message: "candidate without hypothesis" }],
            );
          }
          targetSegmentId = drawn.id;
        } else {
          throw new AtharError(
            "validation_failed",
            "a breaching assignment leads to a space or a candidate",
            [{ path: "to", message: "outside" }],
          );
        }
        const label = (id: string) => site.places.place(id)?.label ?? id;
        const stepLines = route.steps.map(
          (s) =>
            `${label(s.from)} → ${label(s.to)}: ${s.detail} (${minutes(s.time.min)}–${minutes(s.time.max)} min)`,
        );
        const title = body.title || `Breach to ${label(body.to)}`.slice(0, 200);
        const created = await store.write(actorOf(request), (w) =>
          siteAnalysis.createBreachingAssignment(w, siteId, {
            route,
            targetSegmentId,
            title,
            teamId: body.teamId,
            assign: body.assign,
            stepLines,
            segmentBehind: (step) => {
              if (step.to === OUTSIDE_NODE) return null;
              if (step.to.startsWith("candidate:")) return targetSegmentId;
              return step.to;
            },
          }),
        );
        return reply.code(201).send({ ...created, route: routeView(site, route)! });
      },
    );
  };
