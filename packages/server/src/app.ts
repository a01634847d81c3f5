/**
 * Builds the HTTP application: plugins, the guard, every route module, the OpenAPI document and the web
 * app's static files. Nothing here listens on a port, so tests drive the same app in-process.
 */

import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  createJsonSchemaTransform,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { installGuard } from "./auth/guard";
import type { AppContext } from "./context";
import { installErrorHandler, sendError } from "./http-errors";
import { auditRoutes } from "./routes/audit";
import { authRoutes } from "./routes/auth";
import { buildingRoutes } from "./routes/buildings";
import { eventRoutes } from "./routes/events";
import { healthRoutes } from "./routes/health";
import { levelRoutes } from "./routes/levels";
import { openingRoutes } from "./routes/openings";
import { opsAssignmentRoutes } from "./routes/ops-assignments";
import { opsAttachmentRoutes } from "./routes/ops-attachments";
import { opsBoardRoutes } from "./routes/ops-board";
import { opsBreachRoutes } from "./routes/ops-breach";
import { opsReportRoutes } from "./routes/ops-reports";
import { opsTeamRoutes } from "./routes/ops-teams";
import { publicInquiryRoutes } from "./routes/public-inquiries";
import { searchRoutes } from "./routes/search-routes";
import { siteAnalysisRoutes } from "./routes/site-analysis";
import { siteImdfRoutes } from "./routes/site-analysis-imdf";
import { siteRoutes } from "./routes/sites";
import { spaceRoutes } from "./routes/spaces";
import { tracingDisclosureRoutes } from "./routes/tracing-disclosure";
import { tracingExchangeRoutes } from "./routes/tracing-exchange";
import { tracingInquiryRoutes } from "./routes/tracing-inquiries";
import { tracingPersonRoutes } from "./routes/tracing-persons";
import { tracingReviewRoutes } from "./routes/tracing-review";
import { userRoutes } from "./routes/users";
import { zodSerializerCompiler } from "./serializer";

/** The route modules, in one list: adding an area means adding a line here. */
export const ROUTE_MODULES = [
  healthRoutes,
  authRoutes,
  userRoutes,
  siteRoutes,
  buildingRoutes,
  levelRoutes,
  spaceRoutes,
  openingRoutes,
  auditRoutes,
  eventRoutes,
  opsTeamRoutes,
  opsAssignmentRoutes,
  opsReportRoutes,
  opsBreachRoutes,
  opsAttachmentRoutes,
  opsBoardRoutes,
  tracingPersonRoutes,
  tracingInquiryRoutes,
  tracingReviewRoutes,
  tracingDisclosureRoutes,
  tracingExchangeRoutes,
  publicInquiryRoutes,
  siteImdfRoutes,
  siteAnalysisRoutes,
  searchRoutes,
];

export interface BuildAppOptions {
  /** Folder of the built web app; served at / when present. */
  webRoot?: string | null;
  logger?: FastifyServerOptions["logger"];
}

export const BODY_LIMIT_BYTES = 1024 * 1024;

export async function buildApp(context: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: BODY_LIMIT_BYTES,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: false,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(zodSerializerCompiler);
  app.addHook("onSend", async (request, reply) => {
    reply.header("x-request-id", request.id);
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "no-referrer");
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });

  installErrorHandler(app);
  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: {
        title: "Athar API",
        version: "0.1.0",
        description:
          "Search, rescue and tracing after a detention facility falls. Sign in with POST /api/auth/login; the session cookie authenticates later calls. State-changing requests take JSON bodies.",
      },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "athar_session" } } },
      security: [{ session: [] }],
    },
    transform: createJsonSchemaTransform({ skipList: ["/api/openapi.json"] }),
  });
  installGuard(app, context);

  for (const module of ROUTE_MODULES) await app.register(module(context));

  app.get("/api/openapi.json", { config: { access: "public" }, schema: { hide: true } }, async () =>
    app.swagger(),
  );

  const webRoot = options.webRoot ?? null;
  const indexHtml =
    webRoot && fs.existsSync(path.join(webRoot, "index.html")) ? path.join(webRoot, "index.html") : null;
  if (webRoot && indexHtml) {
    await app.register(fastifyStatic, { root: webRoot, prefix: "/", wildcard: false, index: ["index.html"] });
  }

  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any non-API GET gets the app shell.
    if (indexHtml && request.method === "GET" && !request.url.startsWith("/api/")) {
      return reply.type("text/html; charset=utf-8").sendFile("index.html");
    }
    return sendError(reply, "not_found", `no route ${request.method} ${request.url.split("?")[0]}`);
  });

  return app;
}
