/**
 * The coverage report of a site: `GET /api/sites/:siteId/search/report?lang=ar|en&format=html|pdf|json`.
 * JSON is the engine's CoverageReport; HTML is one self-contained printable page (right to left in Arabic);
 * PDF is that page printed by the configured Chromium (503 `service_unavailable` when there is none). Every
 * form carries the hash of the log it was computed from; the log itself is at `…/search/log`.
 */
import { sites } from "@athar/db";
import { buildCoverageReport, COVERAGE_REPORT_FORMAT, type CoverageReport } from "@athar/search";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { AppContext } from "../context";
import { SEARCH_ROLES } from "../search/access";
import { type ReportLevel, renderCoverageReportHtml } from "../search/report-html";
import { printPdf } from "../search/report-pdf";
import { reportQuerySchema, siteParams } from "../search/schemas";
import { type SearchSnapshot, searchSnapshot } from "../search/snapshot";
import { visibleSiteOf } from "../site-access";

/** Reports computed per snapshot (a snapshot is one version of the log; it is dropped with it). */
const reports = new WeakMap<SearchSnapshot, CoverageReport>();

export function coverageReportOf(snapshot: SearchSnapshot): CoverageReport {
  let report = reports.get(snapshot);
  if (!report) {
    report = buildCoverageReport(snapshot.events);
    reports.set(snapshot, report);
  }
  return report;
}

/** JSON: the engine's CoverageReport (packages/search/README.md); HTML and PDF are sent as they are. */
const reportResponseSchema = z
  .custom<CoverageReport | string | Buffer>(
    (value) =>
      typeof value === "string" ||
      Buffer.isBuffer(value) ||
      (typeof value === "object" &&
        value !== null &&
        (value as { format?: unknown }).format === COVERAGE_REPORT_FORMAT),
  )
  .describe(`${COVERAGE_REPORT_FORMAT} (JSON), text/html or application/pdf`);

export const searchReportRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store, config } = context;

    app.get(
      "/api/sites/:siteId/search/report",
      {
        config: { access: { roles: SEARCH_ROLES.readers } },
        schema: {
          tags: ["search"],
          summary:
            "Coverage report: POD per class and cumulative POS per site, level and space, remaining probability (unsearched, hypotheses, ROW), assumptions with sources, sensitivity, timeline, plans coloured by remaining probability, POS over time, log hash. HTML (printable), PDF or JSON; Arabic or English",
          params: siteParams,
          querystring: reportQuerySchema,
          response: { 200: reportResponseSchema },
        },
      },
      async (request, reply) => {
        const siteId = await visibleSiteOf(context, request, async () => request.params.siteId);
        const { lang, format, download } = request.query;
        const snapshot = await searchSnapshot(store, siteId);
        const report = coverageReportOf(snapshot);
        const name = `coverage-report-${siteId.slice(0, 8)}-${snapshot.lastSeq}-${lang}`;
        const attach = (extension: string) =>
          reply.header(
            "content-disposition",
            `${download === "1" || extension === "pdf" ? "attachment" : "inline"}; filename="${name}.${extension}"`,
          );
        if (format === "json") {
          if (download === "1") attach("json");
          return report;
        }
        const outline = await sites.getSiteOutline(store.db, siteId);
        const levels: ReportLevel[] = [];
        for (const level of outline.levels) {
          const plan = await sites.getLevelPlan(store.db, level.id);
          levels.push({
            id: level.id,
            name: level.name,
            ordinal: level.ordinal,
            status: level.status,
            spaces: plan.spaces.map((s) => ({
              id: s.id,
              name: s.name,
              kind: s.kind,
              status: s.status,
              polygon: s.polygon,
            })),
          });
        }
        const host = request.headers.host;
        const logPath = `/api/sites/${siteId}/search/log?download=1`;
        const html = renderCoverageReportHtml({
          report,
          lang,
          site: { id: siteId, name: outline.site.name },
          levels,
          generatedAt: store.clock.now(),
          logUrl: host ? `${request.protocol}://${host}${logPath}` : logPath,
        });
        reply.header("x-athar-log-hash", report.logHash);
        if (format === "pdf") {
          const pdf = await printPdf(html, config.pdf.chromium);
          attach("pdf");
          return reply.type("application/pdf").send(pdf);
        }
        if (download === "1") attach("html");
        // The page has no script: a strict policy costs nothing and keeps a printed report inert.
        reply.header(
          "content-security-policy",
          "default-src 'none'; style-src 'unsafe-inline'; img-src data:",
        );
        return reply.type("text/html; charset=utf-8").send(html);
      },
    );
  };
