/**
 * Exchange: CSV import with a column mapping and a preview, PFIF 1.4 import and export, CSV export with
 * HXL hashtags. Import bodies are JSON (`{ "content": "<file text>", … }`) with a body limit of 10 MiB on
 * these routes (1 MiB elsewhere). Imports are all-or-nothing: 422 `import_invalid`, with one detail per bad
 * row/record and field, and nothing written.
 */
import { AtharError } from "@athar/core";
import { type tracingExchange as Exchange, tracingExchange } from "@athar/db";
import {
  CSV_TARGETS,
  csvImportOptionsSchema,
  formatPartialDate,
  fullNameOf,
  MAX_IMPORT_ROWS,
} from "@athar/registry";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { actorOf } from "../auth/guard";
import type { AppContext } from "../context";
import { mayReadContact, REGISTRY_STEWARDS } from "./tracing-views";

/** Import bodies carry whole files. */
export const IMPORT_BODY_LIMIT_BYTES = 10 * 1024 * 1024;
/** The preview returns at most this many parsed rows (all errors are returned). */
export const PREVIEW_ROWS = 200;

const csvErrorSchema = z.object({
  row: z.number().int(),
  line: z.number().int(),
  column: z.string(),
  field: z.string(),
  message: z.string(),
});

const previewRowSchema = z.object({
  row: z.number().int(),
  line: z.number().int(),
  /** What the row would create, in brief; null when the row has errors. */
  person: z
    .object({
      arabicName: z.string(),
      latinName: z.string(),
      otherNames: z.array(z.string()),
      sex: z.string(),
      birthDate: z.string(),
      nationalId: z.string().nullable(),
      status: z.string().nullable(),
    })
    .nullable(),
  errors: z.array(csvErrorSchema),
});

class DryRun extends Error {
  constructor(readonly report: Exchange.PfifImportReport) {
    super("dry run");
  }
}

export const tracingExchangeRoutes =
  (context: AppContext): FastifyPluginAsyncZod =>
  async (app) => {
    const { store } = context;

    app.post(
      "/api/tracing/import/csv/preview",
      {
        config: { access: REGISTRY_STEWARDS },
        bodyLimit: IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: ["tracing"],
          summary:
            "Read a CSV register with a column mapping and show what would be imported (writes nothing)",
          description: `Mapping targets: ${CSV_TARGETS.join(", ")}, or "ignore". Without a mapping one is suggested from the headers (English or Arabic). At most ${MAX_IMPORT_ROWS} rows per file.`,
          body: csvImportOptionsSchema,
          response: {
            200: z.object({
              headers: z.array(z.string()),
              mapping: z.record(z.string(), z.string()),
              rows: z.array(previewRowSchema),
              totalRows: z.number().int(),
              valid: z.number().int(),
              errors: z.array(csvErrorSchema),
            }),
          },
        },
      },
      async (request) => {
        const preview = await tracingExchange.previewCsvImport(store.db, request.body);
        return {
          headers: preview.headers,
          mapping: preview.mapping,
          rows: preview.rows.slice(0, PREVIEW_ROWS).map((r) => ({
            row: r.row,
            line: r.line,
            person: r.person
              ? {
                  arabicName: r.person.name.arabic ? fullNameOf(r.person.name.arabic) : "",
                  latinName: r.person.name.latin ? fullNameOf(r.person.name.latin) : "",
                  otherNames: r.person.otherNames.map((o) => o.text),
                  sex: r.person.sex,
                  birthDate: r.person.birthDate ? formatPartialDate(r.person.birthDate) : "",
                  nationalId: r.person.nationalId,
                  status: r.person.statuses[0]?.status ?? null,
                }
              : null,
            errors: r.errors,
          })),
          totalRows: preview.rows.length,
          valid: preview.valid,
          errors: preview.errors,
        };
      },
    );

    app.post(
      "/api/tracing/import/csv",
      {
        config: { access: REGISTRY_STEWARDS },
        bodyLimit: IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: ["tracing"],
          summary: "Import a CSV register: every row or none",
          body: csvImportOptionsSchema,
          response: { 201: z.object({ created: z.number().int(), ids: z.array(z.string()) }) },
        },
      },
      async (request, reply) => {
        const result = await store.write(actorOf(request), (w) => tracingExchange.importCsv(w, request.body));
        return reply.code(201).send(result);
      },
    );

    app.post(
      "/api/tracing/import/pfif",
      {
        config: { access: REGISTRY_STEWARDS },
        bodyLimit: IMPORT_BODY_LIMIT_BYTES,
        schema: {
          tags: ["tracing"],
          summary: "Import a PFIF 1.4 (or 1.2/1.3) document of persons and notes: all or nothing",
          description:
            "Persons already imported (same person_record_id) are kept and only their new notes added. Note statuses become status statements; linked_person_record_id becomes a proposal for review. `dryRun` checks and reports without writing.",
          body: z.strictObject({ content: z.string().min(1), dryRun: z.boolean().default(false) }),
          response: {
            201: z.object({
              dryRun: z.boolean(),
              persons: z.object({ created: z.number().int(), alreadyPresent: z.number().int() }),
              notes: z.object({ created: z.number().int(), alreadyPresent: z.number().int() }),
              statusStatements: z.number().int(),
              linksProposed: z.number().int(),
              warnings: z.array(z.string()),
              createdIds: z.array(z.string()),
            }),
          },
        },
      },
      async (request, reply) => {
        const { content, dryRun } = request.body;
        let report: Exchange.PfifImportReport;
        try {
          report = await store.write(actorOf(request), async (w) => {
            const result = await tracingExchange.importPfif(w, content);
            // Throwing rolls the transaction back, audit entries and all.
            if (dryRun) throw new DryRun(result);
            return result;
          });
        } catch (error) {
          if (!(error instanceof DryRun)) throw error;
          report = { ...error.report, createdIds: [] };
        }
        return reply.code(201).send({ dryRun, ...report });
      },
    );

    app.get(
      "/api/tracing/export/pfif",
      {
        config: { access: REGISTRY_STEWARDS },
        schema: {
          tags: ["tracing"],
          summary: "Export the registry as a PFIF 1.4 document (application/xml)",
          description:
            "Inquiry records are included only when the family agreed to sharing with partners. `includeRestricted=true` (contact readers only) adds informants' and note authors' contact details and photo URLs. Father's, grandfather's and mother's names and the national ID go in Athar's extension namespace (urn:athar:pfif-extension:1), which PFIF readers ignore.",
          querystring: z.strictObject({
            includeRestricted: z.enum(["true", "false"]).default("false"),
          }),
        },
      },
      async (request, reply) => {
        const includeRestricted = request.query.includeRestricted === "true";
        if (includeRestricted && !mayReadContact(request)) {
          throw new AtharError("forbidden", "only contact readers may export restricted details");
        }
        const exported = await tracingExchange.exportPfif(store.db, {
          domain: tracingExchange.DEFAULT_PFIF_DOMAIN,
          sourceName: tracingExchange.DEFAULT_PFIF_SOURCE_NAME,
          includeRestricted,
        });
        await store.write(actorOf(request), (w) =>
          w.audit({
            action: "registry.export_pfif",
            entityType: "registry",
            entityId: null,
            after: { persons: exported.persons, notes: exported.notes, includeRestricted },
          }),
        );
        return reply
          .type("application/xml; charset=utf-8")
          .header("content-disposition", 'attachment; filename="athar-registry.pfif.xml"')
          .send(exported.xml);
      },
    );

    app.get(
      "/api/tracing/export/csv",
      {
        config: { access: REGISTRY_STEWARDS },
        schema: {
          tags: ["tracing"],
          summary: "Export the registry as CSV with an HXL hashtag row (text/csv); never restricted details",
        },
      },
      async (request, reply) => {
        const exported = await tracingExchange.exportHxlCsv(store.db);
        await store.write(actorOf(request), (w) =>
          w.audit({
            action: "registry.export_csv",
            entityType: "registry",
            entityId: null,
            after: { rows: exported.rows },
          }),
        );
        return reply
          .type("text/csv; charset=utf-8")
          .header("content-disposition", 'attachment; filename="athar-registry.hxl.csv"')
          .send(exported.csv);
      },
    );
  };
