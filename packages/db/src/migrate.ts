import { type Kysely, type Migration, Migrator } from "kysely";
import * as foundation from "./migrations/0001-foundation";
import * as tracing from "./migrations/0002-tracing";
import * as searchLog from "./migrations/0003-search-log";
import * as operations from "./migrations/0004-operations";
import * as siteAnalysis from "./migrations/0005-site-analysis";

/** Every migration, in order. One set for both databases; add new files, never edit an applied one. */
const MIGRATIONS: Record<string, Migration> = {
  "0001-foundation": foundation,
  "0002-tracing": tracing,
  "0003-search-log": searchLog,
  "0004-operations": operations,
  "0005-site-analysis": siteAnalysis,
};

export interface MigrationOutcome {
  applied: string[];
}

/**
 * Brings the schema up to date. Safe to run from several instances at once: Kysely takes a lock.
 * Unordered migrations are allowed because 0002 landed after 0003 and 0004 had been applied to development
 * databases; each migration is independent of the ones numbered after it, so applying a missing one later is
 * safe. (Without this, such a database refuses to start with "corrupted migrations".)
 */
export async function migrateToLatest(db: Kysely<unknown>): Promise<MigrationOutcome> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    allowUnorderedMigrations: true,
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return { applied: (results ?? []).filter((r) => r.status === "Success").map((r) => r.migrationName) };
}
