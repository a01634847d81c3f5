/**
 * API throughput: an authenticated write (POST /api/spaces) and a read (GET the plan of a level with 2,000
 * spaces), on SQLite and PostgreSQL, beside a bare Fastify route measured in the same run as the ceiling.
 * The server runs in this process; the load generator (autocannon) runs in a child process.
 *
 *   node --import tsx bench/api/throughput.ts [--seconds 10] [--connections 10]
 */
import { spawn } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import { loadConfig } from "@athar/config";
import { Store, SYSTEM_ACTOR, sites, users } from "@athar/db";
import { buildApp, hashPassword, SESSION_COOKIE } from "@athar/server";
import Fastify from "fastify";
import { createTestDatabase, type DatabaseKind } from "../../test-support/databases";

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ""), process.argv[i + 1] ?? "");
const seconds = Number(args.get("seconds") ?? 10);
const connections = Number(args.get("connections") ?? 10);
const autocannonBin = createRequire(import.meta.url).resolve("autocannon/autocannon.js");

interface Result {
  name: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
}

// The server shares this process, so the load generator must run without blocking its event loop.
function runAutocannon(cli: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, cli, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    child.on("close", (code) =>
      code === 0 ? resolve(stdout) : reject(new Error(`autocannon failed: ${stderr}`)),
    );
  });
}

async function load(
  name: string,
  url: string,
  options: { method?: string; body?: string; cookie?: string } = {},
): Promise<Result> {
  const cli = [autocannonBin, "-j", "-d", String(seconds), "-c", String(connections)];
  if (options.method) cli.push("-m", options.method);
  if (options.body) cli.push("-b", options.body, "-H", "content-type=application/json");
  if (options.cookie) cli.push("-H", `cookie=${options.cookie}`);
  cli.push(url);
  const report = JSON.parse(await runAutocannon(cli)) as {
    requests: { average: number };
    latency: { p50: number; p99: number };
    errors: number;
    non2xx: number;
  };
  return {
    name,
    requestsPerSecond: report.requests.average,
    p50: report.latency.p50,
    p99: report.latency.p99,
    errors: report.errors,
    non2xx: report.non2xx,
  };
}

const square = (x: number, y: number): [number, number][] => [
  [x, y],
  [x + 3, y],
  [x + 3, y + 3],
  [x, y + 3],
];

async function benchDatabase(kind: DatabaseKind): Promise<Result[]> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({ LOG_LEVEL: "silent" });
  const store = await Store.open(database.config, { poolSize: 10 });
  try {
    const passwordHash = await hashPassword("bench-password");
    const { readLevelId, writeLevelId } = await store.write(SYSTEM_ACTOR, async (w) => {
      const user = await users.createUser(w, { username: "bench", roles: ["coordinator"], passwordHash });
      const site = await sites.createSite(w, { name: "Bench", description: "", refLat: null, refLon: null }, [
        user.id,
      ]);
      const building = await sites.createBuilding(w, { siteId: site.id, name: "B", footprint: null });
      const read = await sites.createLevel(w, {
        buildingId: building.id,
        name: "Read",
        ordinal: -1,
        status: "known",
      });
      const write = await sites.createLevel(w, {
        buildingId: building.id,
        name: "Write",
        ordinal: -2,
        status: "known",
      });
      for (let i = 0; i < 2000; i++) {
        await sites.createSpace(w, {
          levelId: read.id,
          name: `Cell ${i}`,
          kind: "cell",
          status: "known",
          polygon: square((i % 50) * 4, Math.floor(i / 50) * 4),
          notes: "",
        });
      }
      return { readLevelId: read.id, writeLevelId: write.id };
    });
    const app = await buildApp({ store, config });
    const base = await app.listen({ port: 0, host: "127.0.0.1" });
    const login = await fetch(`${base}/api/auth/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ username: "bench", password: "bench-password" }),
    });
    const token = /athar_session=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1];
    const cookie = `${SESSION_COOKIE}=${token}`;
    const write = await load(`${kind}: POST /api/spaces (authenticated write)`, `${base}/api/spaces`, {
      method: "POST",
      cookie,
      body: JSON.stringify({
        levelId: writeLevelId,
        name: "Bench cell",
        kind: "cell",
        polygon: square(0, 0),
      }),
    });
    const read = await load(
      `${kind}: GET /api/levels/:id/plan (2,000 spaces)`,
      `${base}/api/levels/${readLevelId}/plan`,
      { cookie },
    );
    await app.close();
    return [write, read];
  } finally {
    await store.close();
    await database.drop();
  }
}

async function bare(): Promise<Result> {
  const app = Fastify();
  app.get("/bare", async () => ({ status: "ok" }));
  const base = await app.listen({ port: 0, host: "127.0.0.1" });
  const result = await load("bare Fastify route (ceiling)", `${base}/bare`);
  await app.close();
  return result;
}

const results = [await bare(), ...(await benchDatabase("sqlite")), ...(await benchDatabase("postgres"))];
const cpu = os.cpus()[0]?.model ?? "unknown CPU";
process.stdout.write(
  `\nMachine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ${seconds} s per run, ${connections} connections\n\n`,
);
process.stdout.write(
  "| scenario | requests/s | p50 ms | p99 ms | errors | non-2xx |\n|---|---:|---:|---:|---:|---:|\n",
);
for (const r of results) {
  process.stdout.write(
    `| ${r.name} | ${r.requestsPerSecond.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} |\n`,
  );
}
