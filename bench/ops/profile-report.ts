/**
 * Time per field report on the server path (no network, no live clients): the cost the live benchmark's
 * server pays for each report. `node --import tsx bench/ops/profile-report.ts [--db sqlite] [--reports 300]`
 */

import type { DatabaseKind } from "../../test-support/databases";
import { args, openBenchSite } from "./facility";

const o = args({ db: "sqlite", reports: "300" });
const n = Number(o.reports);
const site = await openBenchSite(o.db as DatabaseKind, { levels: 4, cellsPerSide: 30, assignments: n });
const times: number[] = [];
for (let k = 0; k < n; k++) {
  const t = performance.now();
  const r = await site.app.inject({
    method: "POST",
    url: `/api/assignments/${site.assignmentIds[k]}/reports`,
    headers: { cookie: site.cookie },
    payload: { idempotencyKey: `profile-${k}`, outcome: "nothing_found", effortMinutes: 15 },
  });
  if (r.statusCode !== 201) throw new Error(r.body);
  times.push(performance.now() - t);
}
times.sort((a, b) => a - b);
process.stdout.write(
  `${o.db}: ${n} reports, median ${times[Math.floor(n / 2)]?.toFixed(1)} ms, p90 ${times[Math.floor(n * 0.9)]?.toFixed(1)} ms\n`,
);
await site.close();
process.exit(0);
