/**
 * Migrations: a database on which a later migration ran before an earlier one existed (0002 landed after
 * 0003–0005 had been applied to development databases) is brought up to date instead of refusing to start.
 */
import { type Kysely, Migrator } from "kysely";
import { expect, it } from "vitest";
import { describeEachDatabase } from "../../../test-support/databases";
import { openConnection } from "../src/connection";
import { migrateToLatest } from "../src/migrate";
import * as foundation from "../src/migrations/0001-foundation";
import * as searchLog from "../src/migrations/0003-search-log";
import * as operations from "../src/migrations/0004-operations";
import * as siteAnalysis from "../src/migrations/0005-site-analysis";

describeEachDatabase("migrations", (database) => {
  it("applies a migration missing from a database that already has later ones", async () => {
    const connection = openConnection(database().config);
    const db = connection.db as unknown as Kysely<unknown>;
    try {
      const withoutTracing = new Migrator({
        db,
        provider: {
          getMigrations: async () => ({
            "0001-foundation": foundation,
            "0003-search-log": searchLog,
            "0004-operations": operations,
            "0005-site-analysis": siteAnalysis,
          }),
        },
      });
      const first = await withoutTracing.migrateToLatest();
      expect(first.error).toBeUndefined();

      expect(await migrateToLatest(db)).toEqual({ applied: ["0002-tracing"] });
      expect(await migrateToLatest(db)).toEqual({ applied: [] });
      const tables = (await db.introspection.getTables()).map((t) => t.name);
      expect(tables).toEqual(expect.arrayContaining(["persons", "search_events", "audit_log"]));
    } finally {
      await connection.close();
    }
  });
});
