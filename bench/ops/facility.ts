/**
 * Shared set-up of the operations benchmarks: a throw-away database, a synthetic facility (levels of cells
 * along a corridor with stairs), a coordinator account, one canine team and many assigned assignments, and
 * the real server listening on 127.0.0.1. Everything is made through the repositories, as the API would.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "@athar/config";
import { assignments, Store, SYSTEM_ACTOR, sites, teams, users } from "@athar/db";
import { buildApp, hashPassword, ROUTE_MODULES, SESSION_COOKIE } from "@athar/server";
import type { FastifyInstance } from "fastify";
import { eventRoutes } from "../../packages/server/src/routes/events";
import { createTestDatabase, type DatabaseKind } from "../../test-support/databases";
import { perClientEventRoutes } from "./per-client-events";

export const BENCH_PASSWORD = "bench-password";

const rect = (x: number, y: number, w: number, h: number): [number, number][] => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];

export interface BenchSite {
  kind: DatabaseKind;
  store: Store;
  app: FastifyInstance;
  baseUrl: string;
  siteId: string;
  cellIds: string[];
  assignmentIds: string[];
  cookie: string;
  close(): Promise<void>;
}

export interface FacilityOptions {
  levels: number;
  cellsPerSide: number;
  assignments: number;
  poolSize?: number;
  /**
   * "batched": the server's event route (packages/server/src/routes/events.ts); "per-client": the route as
   * it was before, one socket write per event per client (per-client-events.ts), for comparison.
   */
  sse?: "batched" | "per-client";
  /** Flush window of the batched fan-out, ms (default: the server's). */
  flushMs?: number;
}

export async function openBenchSite(kind: DatabaseKind, options: FacilityOptions): Promise<BenchSite> {
  const database = await createTestDatabase(kind);
  const filesDir = fs.mkdtempSync(path.join(os.tmpdir(), "athar-bench-files-"));
  const config = loadConfig({
    LOG_LEVEL: "silent",
    ATHAR_FILES_DIR: filesDir,
    ATHAR_LOGIN_PER_IP_PER_MINUTE: "1000",
  });
  const store = await Store.open(database.config, { poolSize: options.poolSize ?? 10 });
  const passwordHash = await hashPassword(BENCH_PASSWORD);

  const { siteId, cellIds, teamId } = await store.write(SYSTEM_ACTOR, async (w) => {
    const user = await users.createUser(w, { username: "bench", roles: ["coordinator"], passwordHash });
    const site = await sites.createSite(
      w,
      { name: "Bench facility", description: "synthetic", refLat: null, refLon: null },
      [user.id],
    );
    const building = await sites.createBuilding(w, { siteId: site.id, name: "Block", footprint: null });
    const cells: string[] = [];
    for (let l = 0; l < options.levels; l++) {
      const level = await sites.createLevel(w, {
        buildingId: building.id,
        name: `Level ${-l}`,
        ordinal: -l,
        status: "known",
      });
      const length = options.cellsPerSide * 3.2;
      const space = (name: string, kind: "cell" | "corridor" | "stairs", polygon: [number, number][]) =>
        sites.createSpace(w, { levelId: level.id, name, kind, status: "known", polygon, notes: "" });
      const corridor = await space("Corridor", "corridor", rect(0, 3.2, length, 2));
      const stairs = await space("Stairs", "stairs", rect(-3.2, 3.2, 3, 2));
      const door = (a: string, b: string, position: [number, number], state: "open" | "closed" | "locked") =>
        sites.createOpening(w, {
          kind: "door",
          name: "",
          spaceAId: a,
          spaceBId: b,
          position,
          widthM: 0.9,
          barrier: { lock: "mechanical", material: "steel", thicknessM: null, concealed: false, state },
        });
      await door(stairs.id, corridor.id, [-0.1, 4.2], "closed");
      for (let i = 0; i < options.cellsPerSide; i++) {
        for (const side of [0, 1]) {
          const x = i * 3.2;
          const cell = await space(`Cell ${l}-${side}-${i}`, "cell", rect(x, side === 0 ? 0 : 5.4, 3, 3));
          await door(
            corridor.id,
            cell.id,
            [x + 1.5, side === 0 ? 3.1 : 5.3],
            i % 4 === 3 ? "locked" : "open",
          );
          cells.push(cell.id);
        }
      }
    }
    const team = await teams.createTeam(w, site.id, {
      callSign: "K9-01",
      name: "Canine",
      organisation: "Bench",
      capabilities: ["canine"],
      members: [],
      leaderUserId: null,
      availability: "available",
      workLimitMinutes: 24 * 60,
      shiftStartedAt: null,
      notes: "",
    });
    return { siteId: site.id, cellIds: cells, teamId: team.id };
  });

  const assignmentIds: string[] = [];
  const batch = 250;
  for (let start = 0; start < options.assignments; start += batch) {
    const ids = await store.write(SYSTEM_ACTOR, async (w) => {
      const made: string[] = [];
      for (let i = start; i < Math.min(options.assignments, start + batch); i++) {
        const created = await assignments.createAssignment(
          w,
          siteId,
          {
            title: `Sweep ${i}`,
            teamId,
            methodId: "canine",
            segmentIds: [cellIds[i % cellIds.length] as string],
            plannedMinutes: 15,
            asrTarget: 3,
            safetyNotes: "",
            notes: "",
          },
          { assign: true },
        );
        made.push(created.id);
      }
      return made;
    });
    assignmentIds.push(...ids);
  }

  // This process only: put the variant under test in the event route's place.
  const index = ROUTE_MODULES.findIndex((m) => m.name === "eventRoutes" || m.name === "benchEventRoutes");
  if (index < 0) throw new Error("event route not found");
  const flushMs = options.flushMs;
  const benchEventRoutes = (context: Parameters<typeof eventRoutes>[0]) =>
    options.sse === "per-client"
      ? perClientEventRoutes(context)
      : eventRoutes(context, flushMs === undefined ? {} : { flushMs });
  (ROUTE_MODULES as unknown as unknown[])[index] = benchEventRoutes;
  const app = await buildApp({ store, config });
  const baseUrl = await app.listen({ port: 0, host: "127.0.0.1" });
  const login = await fetch(`${baseUrl}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: "bench", password: BENCH_PASSWORD }),
  });
  const token = /athar_session=([^;]+)/.exec(login.headers.get("set-cookie") ?? "")?.[1];
  if (!token) throw new Error(`bench login failed: ${login.status}`);
  return {
    kind,
    store,
    app,
    baseUrl,
    siteId,
    cellIds,
    assignmentIds,
    cookie: `${SESSION_COOKIE}=${token}`,
    async close() {
      await app.close();
      await store.close();
      await database.drop();
      fs.rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

/** The machine, for the record: cores, CPU, memory, Node, and how busy it was. */
export function machine(): string {
  const cpu = os.cpus()[0]?.model ?? "unknown CPU";
  const [one, five] = os.loadavg();
  return `${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, load average ${one?.toFixed(1)} (1 min) / ${five?.toFixed(1)} (5 min)`;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index] as number;
}

export function args(defaults: Record<string, string>): Record<string, string> {
  const out = { ...defaults };
  for (let i = 2; i < process.argv.length; i += 2) {
    const key = process.argv[i]?.replace(/^--/, "");
    if (key) out[key] = process.argv[i + 1] ?? "";
  }
  return out;
}
