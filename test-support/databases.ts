/**
 * Every storage test runs against both databases. `describeEachDatabase` declares a suite once per
 * database; each suite gets a throw-away database of its own (a temporary SQLite file, or a freshly
 * created PostgreSQL database that is dropped afterwards), so that no run sees another's data.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type DatabaseConfig, loadConfig } from "@athar/config";
import pg from "pg";
import { afterAll, beforeAll, describe } from "vitest";

export type DatabaseKind = "sqlite" | "postgres";

const config = loadConfig();
export const DATABASE_KINDS: DatabaseKind[] = config.test.skipPostgres ? ["sqlite"] : ["sqlite", "postgres"];

export interface TestDatabase {
  kind: DatabaseKind;
  config: DatabaseConfig;
  drop(): Promise<void>;
}

export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === "sqlite") {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-test-"));
    return {
      kind,
      config: { kind: "sqlite", file: path.join(dir, "athar.db") },
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const adminUrl = config.test.postgresUrl;
  const name = `athar_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    kind,
    config: { kind: "postgres", url: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`drop database if exists ${name} with (force)`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * Declares `body` once per database; `database()` returns this suite's database inside tests and hooks, and
 * `kind` is known while tests are being declared (for tests that only make sense on one database).
 */
export function describeEachDatabase(
  title: string,
  body: (database: () => TestDatabase, kind: DatabaseKind) => void,
): void {
  for (const kind of DATABASE_KINDS) {
    describe(`${title} [${kind}]`, () => {
      let current: TestDatabase | undefined;
      beforeAll(async () => {
        current = await createTestDatabase(kind);
      });
      afterAll(async () => {
        await current?.drop();
      });
      body(() => {
        if (!current) throw new Error("test database not created yet");
        return current;
      }, kind);
    });
  }
}
