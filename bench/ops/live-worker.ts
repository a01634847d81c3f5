/**
 * The client side of the live-board benchmark, run in processes of its own (never in the server's):
 * - `--mode receivers`: opens `--count` server-sent-event streams for one site, says READY when all are
 *   connected, notes the wall-clock time each `ops.report.submitted` event reaches each stream, and prints
 *   them as JSON when told STOP on stdin;
 * - `--mode sender`: posts one field report every 1/`--rate` s for `--seconds` s (fresh assignments, as
 *   teams finishing work), noting when each was sent; prints them as JSON.
 * Times are `performance.timeOrigin + performance.now()` (ms), comparable between processes.
 */
import http from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";

const options: Record<string, string> = {};
for (let i = 2; i < process.argv.length; i += 2)
  options[(process.argv[i] ?? "").replace(/^--/, "")] = process.argv[i + 1] ?? "";
const base = new URL(options.url ?? "http://127.0.0.1");
const cookie = options.cookie ?? "";
const now = () => Math.round((performance.timeOrigin + performance.now()) * 10) / 10;
/** Writes everything before the process exits (stdout to a pipe is asynchronous). */
const emit = (text: string) => new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();

async function receivers(): Promise<void> {
  const count = Number(options.count ?? 250);
  const receipts = new Map<string, number[]>();
  let connected = 0;
  let failed = 0;
  const requests: http.ClientRequest[] = [];
  await new Promise<void>((resolve) => {
    if (count === 0) resolve();
    for (let i = 0; i < count; i++) {
      const request = http.get(
        {
          host: base.hostname,
          port: base.port,
          path: `/api/events?siteId=${options.site}`,
          headers: { cookie },
          agent: false,
        },
        (response) => {
          if (response.statusCode !== 200) {
            failed++;
            response.resume();
            if (connected + failed === count) resolve();
            return;
          }
          response.setEncoding("utf8");
          let buffer = "";
          let ready = false;
          response.on("data", (chunk: string) => {
            const at = now();
            buffer += chunk;
            if (!ready && buffer.includes(": connected")) {
              ready = true;
              connected++;
              if (connected + failed === count) resolve();
            }
            let cut = buffer.indexOf("\n\n");
            while (cut >= 0) {
              const block = buffer.slice(0, cut);
              buffer = buffer.slice(cut + 2);
              if (block.includes('"ops.report.submitted"')) {
                const data = block.slice(block.indexOf("data: ") + 6);
                const event = JSON.parse(data) as { entityId: string };
                const list = receipts.get(event.entityId) ?? [];
                list.push(at);
                receipts.set(event.entityId, list);
              }
              cut = buffer.indexOf("\n\n");
            }
          });
        },
      );
      request.on("error", () => {
        failed++;
        if (connected + failed === count) resolve();
      });
      requests.push(request);
    }
  });
  process.stderr.write(`READY ${connected} ${failed}\n`);
  await new Promise<void>((resolve) => {
    process.stdin.on("data", (data) => {
      if (String(data).includes("STOP")) resolve();
    });
  });
  for (const request of requests) request.destroy();
  await emit(
    JSON.stringify({
      connected,
      failed,
      loopDelayP99Ms: loop.percentile(99) / 1e6,
      receipts: Object.fromEntries(receipts),
    }),
  );
}

async function sender(): Promise<void> {
  const rate = Number(options.rate ?? 50);
  const seconds = Number(options.seconds ?? 20);
  const ids = (options.assignments ?? "").split(",");
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const sent: { key: string; id: string | null; sentAt: number; status: number; ms: number }[] = [];
  const total = Math.min(ids.length, Math.round(rate * seconds));
  const start = now() + 50;
  const pending: Promise<void>[] = [];
  const post = (assignmentId: string, key: string) =>
    new Promise<void>((resolve) => {
      const body = JSON.stringify({ idempotencyKey: key, outcome: "nothing_found", effortMinutes: 15 });
      const sentAt = now();
      const request = http.request(
        {
          host: base.hostname,
          port: base.port,
          method: "POST",
          path: `/api/assignments/${assignmentId}/reports`,
          headers: { cookie, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
          agent,
        },
        (response) => {
          let text = "";
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            text += chunk;
          });
          response.on("end", () => {
            let id: string | null = null;
            try {
              id = (JSON.parse(text) as { id?: string }).id ?? null;
            } catch {
              id = null;
            }
            sent.push({ key, id, sentAt, status: response.statusCode ?? 0, ms: now() - sentAt });
            resolve();
          });
        },
      );
      request.on("error", () => {
        sent.push({ key, id: null, sentAt, status: 0, ms: now() - sentAt });
        resolve();
      });
      request.end(body);
    });
  for (let k = 0; k < total; k++) {
    const wait = start + (k * 1000) / rate - now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(post(ids[k] as string, `live-${process.pid}-${k}`));
  }
  await Promise.all(pending);
  agent.destroy();
  await emit(JSON.stringify({ sent, elapsedMs: now() - start, loopDelayP99Ms: loop.percentile(99) / 1e6 }));
}

await (options.mode === "sender" ? sender() : receivers());
process.exit(0);
