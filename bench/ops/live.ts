/**
 * Live board under load: `--clients` coordinator screens hold server-sent-event streams while field reports
 * arrive at `--rate` per second for `--seconds`. For every report and every screen, the delay from the
 * moment the phone sent the report to the moment the screen got `ops.report.submitted`. Goal (issue 6):
 * p99 ≤ 1 s with 500 screens and 50 reports/s.
 *
 * The server runs in this process; the screens (split over `--receiverProcs` processes) and the sender run
 * in child processes.
 *
 *   node --import tsx bench/ops/live.ts [--db sqlite|postgres|both] [--clients 500] [--rate 50] [--seconds 20]
 *                                       [--sse batched|per-client] [--flushMs 25]
 *   (batched: the server's event route; per-client: the route before batching, per-client-events.ts)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { DatabaseKind } from "../../test-support/databases";
import { args, machine, openBenchSite, percentile } from "./facility";

const o = args({
  db: "both",
  clients: "500",
  rate: "50",
  seconds: "20",
  receiverProcs: "2",
  levels: "4",
  cellsPerSide: "30",
  sse: "batched",
  flushMs: "25",
});
const worker = fileURLToPath(new URL("./live-worker.ts", import.meta.url));

function run(argv: string[], onReady?: () => void): { child: ChildProcess; done: Promise<string> } {
  const child = spawn(process.execPath, ["--import", "tsx", worker, ...argv], {
    stdio: ["pipe", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout?.on("data", (d) => {
    out += d;
  });
  child.stderr?.on("data", (d) => {
    err += d;
    if (onReady && String(d).includes("READY")) onReady();
  });
  const done = new Promise<string>((resolve, reject) =>
    child.on("close", (code) =>
      code === 0 ? resolve(out) : reject(new Error(`worker failed (${code}): ${err}`)),
    ),
  );
  return { child, done };
}

interface Row {
  db: DatabaseKind;
  clients: number;
  connected: number;
  reports: number;
  accepted: number;
  rate: number;
  deliveries: number;
  expected: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  postP50: number;
  postP99: number;
  loop: string;
}

async function measure(kind: DatabaseKind): Promise<Row> {
  const clients = Number(o.clients);
  const rate = Number(o.rate);
  const seconds = Number(o.seconds);
  const reports = Math.round(rate * seconds);
  process.stderr.write(`[${kind}] seeding ${reports} assignments…\n`);
  const site = await openBenchSite(kind, {
    levels: Number(o.levels),
    cellsPerSide: Number(o.cellsPerSide),
    assignments: reports,
    poolSize: 10,
    sse: o.sse === "per-client" ? "per-client" : "batched",
    flushMs: Number(o.flushMs),
  });
  try {
    const procs = Number(o.receiverProcs);
    let ready = 0;
    let markReady: () => void = () => undefined;
    const allReady = new Promise<void>((resolve) => {
      markReady = resolve;
    });
    const receivers = Array.from({ length: procs }, (_, i) => {
      const count = Math.floor(clients / procs) + (i < clients % procs ? 1 : 0);
      return run(
        [
          "--mode",
          "receivers",
          "--url",
          site.baseUrl,
          "--site",
          site.siteId,
          "--cookie",
          site.cookie,
          "--count",
          String(count),
        ],
        () => {
          ready++;
          if (ready === procs) markReady();
        },
      );
    });
    await allReady;
    process.stderr.write(
      `[${kind}] ${clients} screens connected; sending ${rate} reports/s for ${seconds} s…\n`,
    );
    const sender = run([
      "--mode",
      "sender",
      "--url",
      site.baseUrl,
      "--cookie",
      site.cookie,
      "--rate",
      String(rate),
      "--seconds",
      String(seconds),
      "--assignments",
      site.assignmentIds.join(","),
    ]);
    const sent = JSON.parse(await sender.done) as {
      sent: { id: string | null; sentAt: number; status: number; ms: number }[];
      elapsedMs: number;
      loopDelayP99Ms: number;
    };
    await new Promise((r) => setTimeout(r, 3000));
    for (const r of receivers) r.child.stdin?.end("STOP\n");
    const received = (await Promise.all(receivers.map((r) => r.done))).map(
      (text) =>
        JSON.parse(text) as { connected: number; loopDelayP99Ms: number; receipts: Record<string, number[]> },
    );
    const connected = received.reduce((n, r) => n + r.connected, 0);
    const latencies: number[] = [];
    let deliveries = 0;
    const accepted = sent.sent.filter((s) => s.status === 201 && s.id);
    for (const s of accepted) {
      for (const r of received) {
        for (const at of r.receipts[s.id as string] ?? []) {
          latencies.push(at - s.sentAt);
          deliveries++;
        }
      }
    }
    latencies.sort((a, b) => a - b);
    const post = sent.sent.map((s) => s.ms).sort((a, b) => a - b);
    return {
      db: kind,
      clients,
      connected,
      reports: sent.sent.length,
      accepted: accepted.length,
      rate: (sent.sent.length / sent.elapsedMs) * 1000,
      deliveries,
      expected: accepted.length * connected,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
      postP50: percentile(post, 50),
      postP99: percentile(post, 99),
      loop: [sent.loopDelayP99Ms, ...received.map((r) => r.loopDelayP99Ms)]
        .map((v) => v.toFixed(0))
        .join(" / "),
    };
  } finally {
    await site.close();
  }
}

const kinds: DatabaseKind[] = o.db === "both" ? ["sqlite", "postgres"] : [o.db as DatabaseKind];
const rows: Row[] = [];
const before = machine();
for (const kind of kinds) rows.push(await measure(kind));
process.stdout.write(
  `\nMachine at start: ${before}\nMachine at end:   ${machine()}\nEvent route: ${o.sse}${o.sse === "batched" ? ` (flush every ${o.flushMs} ms)` : ""}\n\n`,
);
process.stdout.write(
  "| db | screens (connected) | reports sent / accepted | rate /s | deliveries / expected | p50 ms | p95 ms | p99 ms | max ms | POST p50 / p99 ms | client loop delay p99 ms (sender / receivers) |\n|---|---|---|---:|---|---:|---:|---:|---:|---|---|\n",
);
for (const r of rows) {
  process.stdout.write(
    `| ${r.db} | ${r.clients} (${r.connected}) | ${r.reports} / ${r.accepted} | ${r.rate.toFixed(1)} | ${r.deliveries} / ${r.expected} | ${r.p50.toFixed(0)} | ${r.p95.toFixed(0)} | ${r.p99.toFixed(0)} | ${r.max.toFixed(0)} | ${r.postP50.toFixed(0)} / ${r.postP99.toFixed(0)} | ${r.loop} |\n`,
  );
}
process.exit(0);
