/**
 * The real server, in this process, on a random port, on a throw-away SQLite file seeded with the demo
 * facility, serving the built web app. Nothing is built here: `npm test` builds the web app first.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfig } from "@athar/config";
import { Store } from "@athar/db";
import { seedDemo, startServer } from "@athar/server";

export const WEB_DIST = fileURLToPath(new URL("../../packages/web/dist", import.meta.url));

export interface RunningApp {
  url: string;
  siteId: string;
  close(): Promise<void>;
}

export async function startApp(): Promise<RunningApp> {
  if (!fs.existsSync(path.join(WEB_DIST, "index.html"))) {
    throw new Error(
      `the web app is not built (${WEB_DIST}/index.html is missing): run \`npm run build\` first; \`npm test\` does it before the tests`,
    );
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-e2e-"));
  const config = { ...loadConfig(), port: 0, host: "127.0.0.1" };
  const store = await Store.open({ kind: "sqlite", file: path.join(dir, "athar.db") });
  try {
    const { siteId } = await seedDemo(store);
    const server = await startServer(config, store, { webRoot: WEB_DIST, logger: false });
    return {
      url: server.url,
      siteId,
      close: async () => {
        await server.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}
