/**
 * Opens the database the configuration names. The rest of the code sees one `Kysely<Database>` and a
 * `dialect` tag; the few places where SQLite and PostgreSQL differ ask the tag, nothing else does.
 */
import fs from "node:fs";
import path from "node:path";
import type { DatabaseConfig } from "@athar/config";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import type { Database } from "./schema";

export type DialectName = "sqlite" | "postgres";

export interface Connection {
  db: Kysely<Database>;
  dialect: DialectName;
  /** The PostgreSQL URL, for listeners that need a connection of their own (LISTEN/NOTIFY). */
  postgresUrl: string | null;
  close(): Promise<void>;
}

// int8 (COUNT(*), bigint columns) arrives as a string by default; our counts and sequence numbers stay far
// below 2^53, so numbers are safe and keep the two dialects returning the same types.
const PG_INT8_OID = 20;
const PG_NUMERIC_OID = 1700;
const pgTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary") => {
    if (oid === PG_INT8_OID || oid === PG_NUMERIC_OID) return (value: string) => Number(value);
    return format === "binary" ? pg.types.getTypeParser(oid, "binary") : pg.types.getTypeParser(oid, "text");
  },
} as pg.CustomTypesConfig;

export function openConnection(config: DatabaseConfig, options: { poolSize?: number } = {}): Connection {
  if (config.kind === "postgres") {
    const pool = new pg.Pool({ connectionString: config.url, max: options.poolSize ?? 10, types: pgTypes });
    // An idle client losing its server must not crash the process; the next query reconnects.
    pool.on("error", () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, dialect: "postgres", postgresUrl: config.url, close: () => db.destroy() };
  }
  if (config.file !== ":memory:") fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const sqlite = new SQLite(config.file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  sqlite.pragma("synchronous = NORMAL");
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  return { db, dialect: "sqlite", postgresUrl: null, close: () => db.destroy() };
}
