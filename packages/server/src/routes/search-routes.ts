/**
 * The search API in one module for the route list: the heat-map state, log export and sync
 * (search-state.ts), evidence (search-evidence.ts), hypotheses and planners' estimates
 * (search-hypotheses.ts), the likelihood table (search-mapping.ts) and the coverage report
 * (search-report.ts). See docs/decisions/search-api.md.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { AppContext } from "../context";
import { searchEvidenceRoutes } from "./search-evidence";
import { searchHypothesisRoutes } from "./search-hypotheses";
import { searchMappingRoutes } from "./search-mapping";
import { searchReportRoutes } from "./search-report";
import { searchStateRoutes } from "./search-state";

export const searchRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    await app.register(searchStateRoutes(context));
    await app.register(searchEvidenceRoutes(context));
    await app.register(searchHypothesisRoutes(context));
    await app.register(searchMappingRoutes(context));
    await app.register(searchReportRoutes(context));
  };
