/**
 * Offline replay: `--reports` field reports queued on phones come back at once, each sent twice
 * concurrently (a replay racing a retry). Goal (issue 6): 10,000 reports, no loss, no duplicate — checked
 * in the database afterwards (one stored report and one search event per idempotency key, the same report
 * id in both answers of every pair).
 *
 * The server runs in this process; the phones run in a child process.
 *
 *   node --import tsx bench/ops/replay.ts [--db sqlite|postgres|both] [--reports 10000] [--concurrency 16]
 */
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { searchLog } from "@athar/db";
import type { DatabaseKind } from "../../test-support/databases";
import { args, machine, openBenchSite } from "./facility";

const o = args({ db: "both", reports: "10000", concurrency: "16", levels: "4", cellsPerSide: "30" });
const worker = fileURLToPath(new URL("./replay-worker.ts", import.meta.url));

interface Row {
  db: DatabaseKind;
  reports: number;
  seconds: number;
  perSecond: number;
  statuses: string;
  pairsAgreeing: number;
  stored: number;
  distinctKeys: number;
  searchEvents: number;
  missing: number;
  duplicates: number;
}

async function measure(kind: DatabaseKind): Promise<Row> {
  const n = Number(o.reports);
  process.stderr.write(`[${kind}] seeding ${n} assignments…\n`);
  const seedStart = performance.now();
  const site = await openBenchSite(kind, {
    levels: Number(o.levels),
    cellsPerSide: Number(o.cellsPerSide),
    assignments: n,
    poolSize: 10,
  });
  process.stderr.write(
    `[${kind}] seeded in ${((performance.now() - seedStart) / 1000).toFixed(0)} s; replaying…\n`,
  );
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "athar-replay-")), "queue.json");
  const queue = site.assignmentIds.map((assignmentId, k) => ({
    assignmentId,
    key: `offline-${k.toString().padStart(5, "0")}-${assignmentId.slice(0, 8)}`,
    endedAt: new Date(Date.now() - 3_600_000 + k).toISOString(),
  }));
  fs.writeFileSync(file, JSON.stringify(queue));
  try {
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(
        process.execPath,
        [
          "--import",
          "tsx",
          worker,
          "--url",
          site.baseUrl,
          "--cookie",
          site.cookie,
          "--file",
          file,
          "--concurrency",
          o.concurrency as string,
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.stderr.on("data", (d) => {
        err += d;
      });
      child.on("close", (code) => (code === 0 ? resolve(out) : reject(new Error(err))));
    });
    const { elapsedMs, results } = JSON.parse(output) as {
      elapsedMs: number;
      results: { key: string; statuses: number[]; ids: (string | null)[] }[];
    };
    const statuses = new Map<string, number>();
    let agreeing = 0;
    const answered = new Map<string, string>();
    for (const r of results) {
      const pair = [...r.statuses].sort().join("+");
      statuses.set(pair, (statuses.get(pair) ?? 0) + 1);
      if (r.ids[0] && r.ids[0] === r.ids[1]) {
        agreeing++;
        answered.set(r.key, r.ids[0]);
      }
    }
    // The database is the judge: one report per key, each the one both answers named, one search event each.
    const rows = await site.store.db
      .selectFrom("field_reports")
      .select(["id", "idempotency_key"])
      .where("site_id", "=", site.siteId)
      .execute();
    const byKey = new Map<string, string[]>();
    for (const row of rows)
      byKey.set(row.idempotency_key, [...(byKey.get(row.idempotency_key) ?? []), row.id]);
    const missing = queue.filter((q) => !byKey.has(q.key)).length;
    const duplicates = [...byKey.values()].filter((ids) => ids.length > 1).length;
    const mismatched = queue.filter((q) => (byKey.get(q.key) ?? [])[0] !== answered.get(q.key)).length;
    const events = (await searchLog.listSearchEvents(site.store.db, site.siteId)).filter(
      (e) => e.event.type === "search.completed" && e.event.id.startsWith("ops-report:"),
    );
    const eventReports = new Set(events.map((e) => e.event.id.split(":")[1]));
    if (mismatched > 0)
      process.stderr.write(`[${kind}] ${mismatched} keys answered with another report id than stored\n`);
    return {
      db: kind,
      reports: n,
      seconds: elapsedMs / 1000,
      perSecond: (n / elapsedMs) * 1000,
      statuses: [...statuses].map(([k, v]) => `${k}: ${v}`).join(", "),
      pairsAgreeing: agreeing,
      stored: rows.length,
      distinctKeys: byKey.size,
      searchEvents: events.length === eventReports.size ? events.length : -events.length,
      missing,
      duplicates,
    };
  } finally {
    fs.rmSync(path.dirname(file), { recursive: true, force: true });
    await site.close();
  }
}

const kinds: DatabaseKind[] = o.db === "both" ? ["sqlite", "postgres"] : [o.db as DatabaseKind];
const before = machine();
const rows: Row[] = [];
for (const kind of kinds) rows.push(await measure(kind));
process.stdout.write(`\nMachine at start: ${before}\nMachine at end:   ${machine()}\n\n`);
process.stdout.write(
  "| db | reports (×2 sends) | time s | reports/s | answer pairs | pairs naming one report | stored reports | distinct keys | search events | missing | duplicated |\n|---|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|\n",
);
for (const r of rows) {
  process.stdout.write(
    `| ${r.db} | ${r.reports} | ${r.seconds.toFixed(0)} | ${r.perSecond.toFixed(1)} | ${r.statuses} | ${r.pairsAgreeing} | ${r.stored} | ${r.distinctKeys} | ${r.searchEvents} | ${r.missing} | ${r.duplicates} |\n`,
  );
}
process.exit(0);
