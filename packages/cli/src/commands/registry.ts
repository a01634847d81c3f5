/**
 * `athar registry …`: the tracing registry from the command line — PFIF and CSV import and export, a full
 * matching run, and rebuilding the search keys. Imports are all-or-nothing; their errors name the line or
 * row and the field, and exit 2.
 */
import fs from "node:fs";
import { loadConfig } from "@athar/config";
import type { Command } from "commander";
import { CliInputError } from "../cli-error";

const CLI_ACTOR = { id: null, name: "cli" };

function readInput(file: string): string {
  try {
    return fs.readFileSync(file, "utf8");
  } catch (error) {
    throw new CliInputError(`cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function writeOutput(file: string | undefined, text: string): void {
  if (file === undefined || file === "-") process.stdout.write(text);
  else fs.writeFileSync(file, text);
}

async function withStore<T>(work: (store: import("@athar/db").Store) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const { Store } = await import("@athar/db");
  const store = await Store.open(config.database);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

class DryRun extends Error {
  constructor(readonly result: unknown) {
    super("dry run");
  }
}

export function register(program: Command): void {
  const registry = program.command("registry").description("The tracing registry: import, export, matching");

  registry
    .command("import-pfif")
    .description("Import a PFIF 1.4 (or 1.2/1.3) XML document of persons and notes, all or nothing")
    .argument("<file>", "the PFIF XML file")
    .option("--dry-run", "check the document and report what would be imported, writing nothing")
    .action(async (file: string, options: { dryRun?: boolean }) => {
      const xml = readInput(file);
      const { tracingExchange } = await import("@athar/db");
      const report = await withStore(async (store) => {
        try {
          return await store.write(CLI_ACTOR, async (w) => {
            const result = await tracingExchange.importPfif(w, xml);
            if (options.dryRun) throw new DryRun(result);
            return result;
          });
        } catch (error) {
          if (error instanceof DryRun)
            return error.result as Awaited<ReturnType<typeof tracingExchange.importPfif>>;
          throw error;
        }
      });
      const verb = options.dryRun ? "would import" : "imported";
      process.stdout.write(
        `${file}: ${verb} ${report.persons.created} persons (${report.persons.alreadyPresent} already present), ` +
          `${report.notes.created} notes (${report.notes.alreadyPresent} already present), ` +
          `${report.statusStatements} status statements, ${report.linksProposed} duplicate links for review\n`,
      );
      for (const warning of report.warnings) process.stdout.write(`  warning: ${warning}\n`);
    });

  registry
    .command("import-csv")
    .description("Import a CSV register with a column mapping, all or nothing")
    .argument("<file>", "the CSV file")
    .requiredOption("--source-reference <text>", 'what the file is, e.g. "Register B-3, east wing"')
    .option(
      "--source-kind <kind>",
      "document | witness | exchange | freed_at_gate | rescued_in_search | found_dead | other",
      "document",
    )
    .option(
      "--mapping <file>",
      'JSON: { "<column header>": "<field>" | "ignore" }; suggested from the headers when omitted',
    )
    .option("--delimiter <char>", 'field separator: "," ";" or "tab"', ",")
    .option("--dry-run", "check every row and report, writing nothing")
    .action(
      async (
        file: string,
        options: {
          sourceReference: string;
          sourceKind: string;
          mapping?: string;
          delimiter: string;
          dryRun?: boolean;
        },
      ) => {
        const content = readInput(file);
        let mapping: unknown;
        if (options.mapping) {
          try {
            mapping = JSON.parse(readInput(options.mapping));
          } catch (error) {
            if (error instanceof CliInputError) throw error;
            throw new CliInputError(
              `${options.mapping}: not JSON (${error instanceof Error ? error.message : ""})`,
            );
          }
        }
        const { csvImportOptionsSchema } = await import("@athar/registry");
        const parsed = csvImportOptionsSchema.safeParse({
          content,
          ...(mapping === undefined ? {} : { mapping }),
          source: { kind: options.sourceKind, reference: options.sourceReference },
          delimiter: options.delimiter === "tab" ? "\t" : options.delimiter,
        });
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new CliInputError(`invalid options: ${issue?.path.join(".") ?? ""}: ${issue?.message ?? ""}`);
        }
        const { tracingExchange } = await import("@athar/db");
        await withStore(async (store) => {
          if (options.dryRun) {
            const preview = await tracingExchange.previewCsvImport(store.db, parsed.data);
            process.stdout.write(
              `${file}: ${preview.valid} of ${preview.rows.length} rows would be imported\n`,
            );
            for (const e of preview.errors) {
              process.stdout.write(
                `  row ${e.row} (line ${e.line})${e.column ? `, column "${e.column}"` : ""}: ${e.message}\n`,
              );
            }
            if (preview.errors.length > 0) process.exitCode = 2;
            return;
          }
          const result = await store.write(CLI_ACTOR, (w) => tracingExchange.importCsv(w, parsed.data));
          process.stdout.write(`${file}: imported ${result.created} persons\n`);
        });
      },
    );

  registry
    .command("export-pfif")
    .description("Export the registry as PFIF 1.4 XML (inquiries only where the family agreed to sharing)")
    .option("--out <file>", "write here instead of standard output")
    .option("--include-restricted", "include informants' and note authors' contact details and photo URLs")
    .option("--domain <domain>", "domain of the record ids made here", "athar.local")
    .action(async (options: { out?: string; includeRestricted?: boolean; domain: string }) => {
      const { tracingExchange } = await import("@athar/db");
      const exported = await withStore(async (store) => {
        const result = await tracingExchange.exportPfif(store.db, {
          domain: options.domain,
          sourceName: tracingExchange.DEFAULT_PFIF_SOURCE_NAME,
          includeRestricted: options.includeRestricted === true,
        });
        await store.write(CLI_ACTOR, (w) =>
          w.audit({
            action: "registry.export_pfif",
            entityType: "registry",
            entityId: null,
            after: {
              persons: result.persons,
              notes: result.notes,
              includeRestricted: options.includeRestricted === true,
            },
          }),
        );
        return result;
      });
      writeOutput(options.out, exported.xml);
      if (options.out)
        process.stdout.write(`${options.out}: ${exported.persons} persons, ${exported.notes} notes\n`);
    });

  registry
    .command("export-csv")
    .description("Export the registry as CSV with an HXL hashtag row (never restricted details)")
    .option("--out <file>", "write here instead of standard output")
    .action(async (options: { out?: string }) => {
      const { tracingExchange } = await import("@athar/db");
      const exported = await withStore(async (store) => {
        const result = await tracingExchange.exportHxlCsv(store.db);
        await store.write(CLI_ACTOR, (w) =>
          w.audit({
            action: "registry.export_csv",
            entityType: "registry",
            entityId: null,
            after: { rows: result.rows },
          }),
        );
        return result;
      });
      writeOutput(options.out, exported.csv);
      if (options.out) process.stdout.write(`${options.out}: ${exported.rows} persons\n`);
    });

  registry
    .command("match")
    .description("Match the whole registry and queue probable pairs for review (nothing is merged)")
    .option(
      "--min-training <n>",
      "records needed to train the linkage engine (below: the fallback matcher)",
      "2000",
    )
    .action(async (options: { minTraining: string }) => {
      const minTrainingRecords = Number(options.minTraining);
      if (!Number.isInteger(minTrainingRecords) || minTrainingRecords < 2) {
        throw new CliInputError(`--min-training must be an integer ≥ 2, not "${options.minTraining}"`);
      }
      const { matches } = await import("@athar/db");
      const report = await withStore((store) =>
        store.write(CLI_ACTOR, (w) => matches.runFullMatching(w, { minTrainingRecords })),
      );
      process.stdout.write(
        `${report.records} records, ${report.compared} pairs compared (${report.engine}); ` +
          `${report.created} new proposals, ${report.updated} updated, ${report.reopened} reopened` +
          `${report.skipped > 0 ? `; ${report.skipped} records the engine could not read` : ""}\n`,
      );
    });

  registry
    .command("reindex")
    .description("Rebuild the search keys written by an older key function")
    .action(async () => {
      const { persons } = await import("@athar/db");
      const done = await withStore((store) => store.write(CLI_ACTOR, (w) => persons.reindexSearchKeys(w)));
      process.stdout.write(`search keys rebuilt for ${done} records\n`);
    });
}
