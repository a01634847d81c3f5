import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { DatabaseConfig } from "@athar/config";

export const ATHAR_BIN = fileURLToPath(new URL("../bin/athar.mjs", import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs `athar …` as a real child process, as a user would. */
export function runCli(
  args: string[],
  options: { env?: Record<string, string>; stdin?: string; cwd?: string } = {},
): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [ATHAR_BIN, ...args], {
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "/tmp",
        LOG_LEVEL: "silent",
        ...options.env,
      },
      cwd: options.cwd ?? process.cwd(),
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? "");
  });
}

/** The environment that points the CLI at a test database. */
export const databaseEnv = (config: DatabaseConfig): Record<string, string> =>
  config.kind === "postgres" ? { DATABASE_URL: config.url } : { ATHAR_SQLITE_FILE: config.file };
