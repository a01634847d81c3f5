/**
 * The phones' side of the offline-replay benchmark, in a process of its own: every queued report is sent
 * twice at the same moment (a replay racing a retry), `--concurrency` reports at a time. Prints, per report,
 * the two statuses and the report ids the server answered.
 *   --url --cookie --file <json: [{assignmentId, key}]> --concurrency 16
 */
import fs from "node:fs";
import http from "node:http";

const options: Record<string, string> = {};
for (let i = 2; i < process.argv.length; i += 2)
  options[(process.argv[i] ?? "").replace(/^--/, "")] = process.argv[i + 1] ?? "";
const base = new URL(options.url ?? "http://127.0.0.1");
const queue = JSON.parse(fs.readFileSync(options.file ?? "", "utf8")) as {
  assignmentId: string;
  key: string;
  endedAt: string;
}[];
const concurrency = Number(options.concurrency ?? 16);
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency * 2 });

function post(item: (typeof queue)[number]): Promise<{ status: number; id: string | null }> {
  const body = JSON.stringify({
    idempotencyKey: item.key,
    outcome: "nothing_found",
    effortMinutes: 15,
    endedAt: item.endedAt,
  });
  return new Promise((resolve) => {
    const request = http.request(
      {
        host: base.hostname,
        port: base.port,
        method: "POST",
        path: `/api/assignments/${item.assignmentId}/reports`,
        headers: {
          cookie: options.cookie ?? "",
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
        },
        agent,
      },
      (response) => {
        let text = "";
        response.setEncoding("utf8");
        response.on("data", (c: string) => {
          text += c;
        });
        response.on("end", () => {
          let id: string | null = null;
          try {
            id = (JSON.parse(text) as { id?: string }).id ?? null;
          } catch {
            id = null;
          }
          resolve({ status: response.statusCode ?? 0, id });
        });
      },
    );
    request.on("error", () => resolve({ status: 0, id: null }));
    request.end(body);
  });
}

const results: { key: string; statuses: number[]; ids: (string | null)[] }[] = [];
let next = 0;
const started = performance.now();
async function lane(): Promise<void> {
  while (next < queue.length) {
    const item = queue[next++] as (typeof queue)[number];
    const pair = await Promise.all([post(item), post(item)]);
    results.push({ key: item.key, statuses: pair.map((p) => p.status), ids: pair.map((p) => p.id) });
  }
}
await Promise.all(Array.from({ length: concurrency }, () => lane()));
const elapsedMs = performance.now() - started;
agent.destroy();
await new Promise<void>((resolve) =>
  process.stdout.write(JSON.stringify({ elapsedMs, results }), () => resolve()),
);
process.exit(0);
