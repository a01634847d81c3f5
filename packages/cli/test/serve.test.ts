import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, it } from "vitest";
import { ATHAR_BIN } from "./run-cli";

it("athar serve answers health, and shuts down cleanly on SIGTERM", async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-serve-"));
  const child = spawn(process.execPath, [ATHAR_BIN, "serve"], {
    env: {
      PATH: process.env.PATH ?? "",
      ATHAR_SQLITE_FILE: path.join(dir, "a.db"),
      PORT: "0",
      LOG_LEVEL: "info",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (d) => {
    output += d;
  });
  child.stderr.on("data", (d) => {
    output += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));
  try {
    const deadline = Date.now() + 20_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline) {
      url = /Athar is running at (http:\/\/[^\s]+)/.exec(output)?.[1];
      if (!url) await new Promise((r) => setTimeout(r, 100));
    }
    expect(url, output).toBeDefined();
    const health = await fetch(`${url}/api/health`);
    expect(await health.json()).toEqual({ status: "ok" });
    // Structured logs carry the request id.
    expect(output).toMatch(/"reqId":"[0-9a-f-]{36}"/);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(output).toContain("shutting down");
  } finally {
    child.kill("SIGKILL");
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
