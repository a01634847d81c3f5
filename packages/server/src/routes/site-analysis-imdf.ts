/**
 * IMDF in and out of a site.
 * - `POST /api/site-imports/preview` and `POST /api/site-imports`: the archive's raw bytes as the body
 *   (application/zip or application/octet-stream, header `x-athar-csrf: 1`, at most IMPORT_MAX_BYTES). The
 *   preview is a dry run (counts per level and kind, warnings; nothing stored); the commit stores everything
 *   in one transaction, into a new site or an existing empty one (`?siteId=`). An invalid archive answers
 *   422 import_invalid with one detail per problem (file, feature id, rule).
 * - `GET /api/sites/:siteId/imdf.zip`: the site as an IMDF archive, with Athar's data in its extension.
 */
import { createHash } from "node:crypto";
import { AtharError, ROLE_GROUPS } from "@athar/core";
import { siteImport } from "@athar/db";
import type { ArchiveLimits, ImportResult } from "@athar/plans";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf, currentUser } from "../auth/guard";
import type { AppContext } from "../context";
import { visibleSiteOf } from "../site-access";
import { planWorkerOf, readPlan } from "./site-analysis-engine";
import { importOutcomeSchema, importPreviewSchema, importQuerySchema } from "./site-analysis-schemas";

/**
 * Largest archive accepted (bytes of the zip). The 20-level, 10,000-space benchmark site zips to 1.3 MiB
 * (13 MiB of GeoJSON), so 50 MiB leaves room for sites far larger than any facility we know of, while one
 * upload cannot tie up a server's memory. Only these two routes accept more than the 1 MiB default.
 */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;

/**
 * Unzipped size and file count accepted: a zip bomb is refused before it is inflated. 256 MiB of GeoJSON is
 * twenty times the benchmark site; reading it takes a few GiB on the plan worker thread, whose heap is
 * capped, so a larger one fails there (413) and not in the server.
 */
const IMPORT_LIMITS: ArchiveLimits = { maxUncompressedBytes: 256 * 1024 * 1024, maxFiles: 1000 };

const ARCHIVE_TYPES = ["application/zip", "application/x-zip-compressed", "application/octet-stream"];

/** What an import keeps beside the site-model tables (site_plan_extras), shown in the preview. */
const KEPT_BESIDE_MODEL = [
  "level outlines",
  "footprints",
  "wall bodies",
  "holes in units",
  "relationships",
  "doorway lines",
  "IMDF categories, names in other languages and other properties",
  "IMDF files Athar does not read",
];

const headerFileName = (name: string) =>
  name
    .replace(/[^\w.\- ]/g, "_")
    .replace(/\s+/g, "_")
    .slice(0, 120) || "site";

export const siteImdfRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;
    const worker = planWorkerOf(context, app);

    app.addContentTypeParser(
      ARCHIVE_TYPES,
      { parseAs: "buffer", bodyLimit: IMPORT_MAX_BYTES },
      (_request, body, done) => done(null, body),
    );

    /**
     * Reads and checks the uploaded archive: the engine's validation, then (for a preview; a commit checks
     * them in the repository) the site model's rules.
     */
    const readArchive = async (body: unknown, fileName: string, checkModel: boolean) => {
      if (!Buffer.isBuffer(body) || body.length === 0) {
        throw new AtharError(
          "unsupported_media_type",
          "send the IMDF archive's bytes as the body (application/zip or application/octet-stream)",
        );
      }
      const bytes = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
      const source = {
        name: fileName,
        sha256: createHash("sha256").update(bytes).digest("hex"),
        bytes: bytes.byteLength,
      };
      const result: ImportResult = await worker.importZip(bytes, IMPORT_LIMITS).catch((error: unknown) => {
        if ((error as { code?: unknown }).code === "ERR_WORKER_OUT_OF_MEMORY")
          throw new AtharError("payload_too_large", "the archive is too large to read on this server");
        throw error;
      });
      if (!result.ok) {
        const problems = result.problems.map(siteImport.fromEngineProblem);
        const errors = problems.filter((p) => p.severity === "error");
        throw new AtharError(
          "import_invalid",
          `the archive is not valid IMDF: ${errors.length} problem(s); nothing was imported`,
          problems.map(siteImport.problemDetail),
        );
      }
      const refused = checkModel ? siteImport.modelProblems(result.document) : [];
      if (refused.length > 0) {
        throw new AtharError(
          "import_invalid",
          `the archive holds ${refused.length} record(s) the site model refuses; nothing was imported`,
          refused.map(siteImport.problemDetail),
        );
      }
      return {
        document: result.document,
        warnings: result.warnings.map(siteImport.fromEngineProblem),
        source,
      };
    };

    const importConfig = {
      access: { roles: ROLE_GROUPS.siteEditors },
      acceptsNonJsonBody: true,
    } as const;

    app.post(
      "/api/site-imports/preview",
      {
        config: importConfig,
        bodyLimit: IMPORT_MAX_BYTES,
        schema: {
          tags: ["site analysis"],
          summary:
            "Dry run of an IMDF import: counts per level and kind, warnings; nothing is stored (raw zip body, header x-athar-csrf: 1, at most 50 MiB)",
          querystring: importQuerySchema,
          response: { 200: importPreviewSchema },
        },
      },
      async (request) => {
        const { siteId, fileName } = request.query;
        if (siteId) await visibleSiteOf(context, request, async () => siteId);
        const { document, warnings, source } = await readArchive(request.body, fileName, true);
        const inUse = await siteImport.idsInUse(store.db, document, siteId === undefined);
        let target: { siteId: string; empty: boolean } | null = null;
        if (siteId) {
          const empty = await siteImport.assertSiteEmpty(store.db, siteId).then(
            () => true,
            (error: unknown) => {
              if (error instanceof AtharError && error.code === "conflict") return false;
              throw error;
            },
          );
          target = { siteId, empty };
        }
        return {
          ...siteImport.previewImport(document, warnings, inUse.length),
          source,
          target,
          keptBesideModel: KEPT_BESIDE_MODEL,
        };
      },
    );

    app.post(
      "/api/site-imports",
      {
        config: importConfig,
        bodyLimit: IMPORT_MAX_BYTES,
        schema: {
          tags: ["site analysis"],
          summary:
            "Import an IMDF archive into a new site, or into an empty site with ?siteId= (all or nothing; raw zip body, header x-athar-csrf: 1)",
          querystring: importQuerySchema,
          response: { 201: importOutcomeSchema },
        },
      },
      async (request, reply) => {
        const { siteId, name, ids, fileName } = request.query;
        if (siteId) await visibleSiteOf(context, request, async () => siteId);
        const { document, warnings, source } = await readArchive(request.body, fileName, false);
        const user = currentUser(request);
        const outcome = await store.write(actorOf(request), (w) =>
          siteImport.commitImport(
            w,
            document,
            source,
            { siteId: siteId ?? null, ...(name ? { name } : {}), memberIds: [user.id] },
            ids,
            warnings.length,
          ),
        );
        return reply.code(201).send(outcome);
      },
    );

    app.get(
      "/api/sites/:siteId/imdf.zip",
      {
        config: { access: { roles: ROLE_GROUPS.siteReaders } },
        schema: {
          tags: ["site analysis"],
          summary:
            "The site as an IMDF archive (zip), Athar's data (status, barriers, lock kinds, materials) in its declared extension",
          params: z.object({ siteId: z.uuid() }),
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const plan = await readPlan(context, siteId);
        if (plan.document.site.refLat === null || plan.document.site.refLon === null) {
          throw new AtharError(
            "conflict",
            "the site has no reference point (refLat/refLon), so it cannot be placed in WGS84: set one first",
            [{ path: "refLat", message: "missing" }],
          );
        }
        const bytes = await worker.exportZip(plan.document, store.clock.now().toISOString());
        return reply
          .type("application/zip")
          .header(
            "content-disposition",
            `attachment; filename="${headerFileName(plan.document.site.name)}.imdf.zip"`,
          )
          .send(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      },
    );
  };
