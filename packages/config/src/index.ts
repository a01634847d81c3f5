/**
 * The one validated configuration module. Nothing else in Athar reads `process.env`: everything that can be
 * configured is declared here with its default, validated once at start-up, and passed down as a value.
 */
import path from "node:path";
import { z } from "zod";

const booleanFlag = z
  .enum(["1", "0", "true", "false", "yes", "no"])
  .transform((value) => value === "1" || value === "true" || value === "yes");

const environmentSchema = z.object({
  /** `postgres://…` selects PostgreSQL; unset selects the embedded SQLite file. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must start with postgres:// or postgresql://")
    .optional(),
  /** SQLite database file, used when DATABASE_URL is not set. */
  ATHAR_SQLITE_FILE: z.string().min(1).default("./data/athar.db"),
  /** SQLite file of the demo (`npm start`, `athar demo`); never the production database. */
  ATHAR_DEMO_SQLITE_FILE: z.string().min(1).default("./data/demo.db"),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  HOST: z.string().min(1).default("127.0.0.1"),
  /** Log level for the server's structured logs (pino). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Whether the public address is HTTPS (sets the Secure flag on the session cookie). */
  ATHAR_HTTPS: booleanFlag.default(false),
  /** How long a session lives without use, in hours. */
  ATHAR_SESSION_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 30)
    .default(12),
  /** Failed logins in a row before an account is locked, and for how long. */
  ATHAR_LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  ATHAR_LOGIN_LOCK_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(15),
  /** Login attempts allowed from one address per minute, whatever the account. */
  ATHAR_LOGIN_PER_IP_PER_MINUTE: z.coerce.number().int().min(1).max(10_000).default(30),
  /** Folder holding attachments (photos, documents), when stored on the local disk. */
  ATHAR_FILES_DIR: z.string().min(1).default("./data/files"),
  /** PostgreSQL server the tests create their own throw-away databases on. */
  ATHAR_TEST_POSTGRES_URL: z.string().default("postgres://postgres@127.0.0.1:5432/test"),
  /** Skip the PostgreSQL half of storage tests (only for machines without PostgreSQL; CI never sets it). */
  ATHAR_TEST_SKIP_POSTGRES: booleanFlag.default(false),
  /** Chromium used by end-to-end tests. */
  ATHAR_CHROMIUM: z.string().default("/usr/bin/chromium"),
  /** Chromium (or Chrome) the server prints PDF reports with; `off` disables PDF (the HTML report stays). */
  ATHAR_PDF_CHROMIUM: z.string().default("/usr/bin/chromium"),
});

export type DatabaseConfig = { kind: "sqlite"; file: string } | { kind: "postgres"; url: string };

export interface AtharConfig {
  database: DatabaseConfig;
  demoDatabase: DatabaseConfig;
  port: number;
  host: string;
  logLevel: z.infer<typeof environmentSchema>["LOG_LEVEL"];
  https: boolean;
  sessionHours: number;
  login: { maxFailures: number; lockMinutes: number; perIpPerMinute: number };
  filesDir: string;
  /** Browser used to print reports as PDF; null when disabled. */
  pdf: { chromium: string | null };
  test: { postgresUrl: string; skipPostgres: boolean; chromium: string };
}

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigError";
  }
}

/** Reads and validates the configuration. Throws ConfigError naming every bad variable. */
export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  cwd: string = process.cwd(),
): AtharConfig {
  const parsed = environmentSchema.safeParse(
    Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== "")),
  );
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`invalid configuration:\n  ${lines.join("\n  ")}`);
  }
  const e = parsed.data;
  return {
    database: e.DATABASE_URL
      ? { kind: "postgres", url: e.DATABASE_URL }
      : { kind: "sqlite", file: path.resolve(cwd, e.ATHAR_SQLITE_FILE) },
    demoDatabase: { kind: "sqlite", file: path.resolve(cwd, e.ATHAR_DEMO_SQLITE_FILE) },
    port: e.PORT,
    host: e.HOST,
    logLevel: e.LOG_LEVEL,
    https: e.ATHAR_HTTPS,
    sessionHours: e.ATHAR_SESSION_HOURS,
    login: {
      maxFailures: e.ATHAR_LOGIN_MAX_FAILURES,
      lockMinutes: e.ATHAR_LOGIN_LOCK_MINUTES,
      perIpPerMinute: e.ATHAR_LOGIN_PER_IP_PER_MINUTE,
    },
    filesDir: path.resolve(cwd, e.ATHAR_FILES_DIR),
    pdf: { chromium: e.ATHAR_PDF_CHROMIUM === "off" ? null : e.ATHAR_PDF_CHROMIUM },
    test: {
      postgresUrl: e.ATHAR_TEST_POSTGRES_URL,
      skipPostgres: e.ATHAR_TEST_SKIP_POSTGRES,
      chromium: e.ATHAR_CHROMIUM,
    },
  };
}

/** The documented variables, for README and `athar serve --help`. */
export const CONFIG_VARIABLES = Object.keys(environmentSchema.shape);
