/** `athar serve`, `athar demo`, `athar migrate`: run the server, the demo, or the migrations. */
import fs from "node:fs";
import { fileURLToPath } from "node:url";
import { type AtharConfig, CONFIG_VARIABLES, type DatabaseConfig, loadConfig } from "@athar/config";
import type { Command } from "commander";
import type { Kysely } from "kysely";

// The server, storage and their dependencies load only when a command needs them, so that `athar --help`
// and the engine commands start quickly.
const loadServer = () => import("@athar/server");
const loadDb = () => import("@athar/db");

/** The built web app, next to this package in the repository. */
export const WEB_ROOT = fileURLToPath(new URL("../../../web/dist", import.meta.url));

function describeDatabase(database: DatabaseConfig): string {
  if (database.kind === "sqlite") return `SQLite ${database.file}`;
  const url = new URL(database.url);
  url.password = url.password ? "***" : "";
  return `PostgreSQL ${url.toString()}`;
}

async function serve(
  config: AtharConfig,
  database: DatabaseConfig,
  banner: (url: string) => string[],
): Promise<void> {
  const { Store } = await loadDb();
  const { startServer } = await loadServer();
  const store = await Store.open(database);
  const webRoot = fs.existsSync(WEB_ROOT) ? WEB_ROOT : null;
  const server = await startServer(config, store, { webRoot, handleSignals: true });
  for (const line of banner(server.url)) process.stdout.write(`${line}\n`);
  if (!webRoot)
    process.stdout.write("(the web app is not built: run `npm run build`; the API works without it)\n");
}

export function register(program: Command): void {
  program
    .command("serve")
    .description("Run the API and web app on the configured database (migrating it first)")
    .addHelpText(
      "after",
      `\nConfiguration (environment variables): ${CONFIG_VARIABLES.join(", ")}\nSee README.md for each.`,
    )
    .action(async () => {
      const config = loadConfig();
      await serve(config, config.database, (url) => [
        `Athar is running at ${url} on ${describeDatabase(config.database)}`,
      ]);
    });

  program
    .command("demo")
    .description(
      "Run the demo: a fictional facility and demo accounts on an embedded SQLite database of its own",
    )
    .action(async () => {
      const config = loadConfig();
      const { Store } = await loadDb();
      const { DEMO_ACCOUNTS, DEMO_PASSWORD, isSeeded, seedDemo } = await loadServer();
      const store = await Store.open(config.demoDatabase);
      const fresh = !(await isSeeded(store));
      if (fresh) await seedDemo(store);
      await store.close();
      await serve(config, config.demoDatabase, (url) => [
        "",
        `  Athar demo ${fresh ? "(new demo database)" : "(reusing the demo database)"}: ${url}`,
        `  Database: ${describeDatabase(config.demoDatabase)}`,
        `  Accounts (password "${DEMO_PASSWORD}"): ${DEMO_ACCOUNTS.map((a) => `${a.username} (${a.roles.join(", ")})`).join("; ")}`,
        "  Stop with Ctrl+C.",
        "",
      ]);
    });

  program
    .command("migrate")
    .description("Bring the configured database's schema up to date")
    .action(async () => {
      const config = loadConfig();
      const { Store, migrateToLatest } = await loadDb();
      const store = await Store.open(config.database, { migrate: false });
      try {
        const { applied } = await migrateToLatest(store.db as unknown as Kysely<unknown>);
        process.stdout.write(applied.length ? `applied: ${applied.join(", ")}\n` : "already up to date\n");
      } finally {
        await store.close();
      }
    });
}
