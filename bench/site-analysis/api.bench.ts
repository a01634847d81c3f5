/**
 * The site-analysis API on the large benchmark site (packages/plans/test/fixtures/large-site.ts, 20 levels,
 * about 10 000 spaces), in-process through the real app: import preview and commit of its IMDF zip, the
 * hidden-space analysis cold (first call: worker thread start, read, analysis) and warm (cached under the plan
 * version), route queries cold (graph build) and warm, export; and how long a health check waits while the
 * analysis runs (it runs on the worker thread, so the event loop should stay free).
 *
 * Usage: node --import tsx bench/site-analysis/api.bench.ts [levels=20] [cellsPerSide=62] [sqlite|postgres]
 */
import { performance } from "node:perf_hooks";
import { exportImdfZip } from "@athar/plans";
import { largeSite } from "../../packages/plans/test/fixtures/large-site";
import { createTestDatabase } from "../../test-support/databases";
import { startTestServer } from "../../test-support/server";

const levels = Number(process.argv[2] ?? 20);
const cellsPerSide = Number(process.argv[3] ?? 62);
const kind = (process.argv[4] ?? "sqlite") as "sqlite" | "postgres";

const site = largeSite(levels, cellsPerSide);
const zip = Buffer.from(exportImdfZip(site.document, { created: "2024-12-08T06:00:00Z" }));
console.log(
  `site: ${site.document.spaces.length} spaces, ${site.document.openings.length} openings, zip ${(zip.length / 1024 / 1024).toFixed(2)} MiB; database ${kind}`,
);

const database = await createTestDatabase(kind);
const server = await startTestServer(database.config);
const coordinator = await server.userWith(["coordinator"]);

/**
 * Wall time of a step, and the longest gap between ticks of a 5 ms timer during it: how long the event loop
 * was held at once. Work on the plan worker thread does not hold it; reading rows and checking them on the
 * main thread does.
 */
async function timed<T>(label: string, work: () => Promise<T>): Promise<T> {
  let last = performance.now();
  let held = 0;
  const ticker = setInterval(() => {
    const now = performance.now();
    held = Math.max(held, now - last);
    last = now;
  }, 5);
  const start = performance.now();
  const result = await work();
  const wall = performance.now() - start;
  clearInterval(ticker);
  held = Math.max(held, performance.now() - last);
  console.log(`${label}: ${wall.toFixed(0)} ms wall; event loop held at most ${held.toFixed(0)} ms at once`);
  return result;
}

const upload = (url: string) =>
  server.request({
    method: "POST",
    url,
    cookie: coordinator.cookie,
    payload: zip,
    headers: { "content-type": "application/zip", "x-athar-csrf": "1" },
  });
const get = (url: string) => server.request({ method: "GET", url, cookie: coordinator.cookie });
const ok = <R extends { statusCode: number; body: string }>(response: R, status = 200): R => {
  if (response.statusCode !== status)
    throw new Error(`${response.statusCode}: ${response.body.slice(0, 300)}`);
  return response;
};

try {
  await timed("import preview (worker: unzip + validate; main: model rules)", async () =>
    ok(await upload("/api/site-imports/preview")),
  );
  const committed = await timed("import commit (all rows in one transaction)", async () =>
    ok(await upload("/api/site-imports"), 201).json(),
  );
  const siteId = committed.siteId as string;

  // Health checks every 20 ms while the cold analysis runs: the longest wait shows how free the loop is.
  let longest = 0;
  let checks = 0;
  let running = true;
  const probe = (async () => {
    while (running) {
      const start = performance.now();
      await server.request({ method: "GET", url: "/api/health" });
      longest = Math.max(longest, performance.now() - start);
      checks++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const voids = await timed("voids, cold (worker start, read plan, analysis)", async () =>
    ok(await get(`/api/sites/${siteId}/voids`)).json(),
  );
  running = false;
  await probe;
  console.log(`  health checks during it: ${checks}, longest ${longest.toFixed(0)} ms`);
  console.log(`  candidates: ${voids.candidates.length}`);
  for (let k = 1; k <= 3; k++) {
    await timed(`voids, warm #${k} (plan and analysis cached)`, async () =>
      ok(await get(`/api/sites/${siteId}/voids`)),
    );
  }

  const deep = encodeURIComponent(site.deepCellId);
  await timed("route outside → deepest cell, cold (graph build with candidates)", async () =>
    ok(await get(`/api/sites/${siteId}/route?from=outside&to=${deep}&maxBreaches=3`)),
  );
  for (let k = 1; k <= 3; k++) {
    await timed(`route outside → deepest cell, warm #${k}`, async () =>
      ok(await get(`/api/sites/${siteId}/route?from=outside&to=${deep}&maxBreaches=3`)),
    );
  }
  const candidate = encodeURIComponent(`candidate:${voids.candidates[0].id}`);
  await timed("route outside → best candidate, warm", async () =>
    ok(await get(`/api/sites/${siteId}/route?from=outside&to=${candidate}&maxBreaches=2`)),
  );
  await timed("export (read plan, worker writes the zip)", async () =>
    ok(await get(`/api/sites/${siteId}/imdf.zip`)),
  );
} finally {
  await server.close();
  await database.drop();
}
