/**
 * Coverage report benchmark (issue 3): a 5 000-space site, goal < 1 s for the whole report (fold with
 * history, sensitivity over every uncertain quantity, aggregation by site and level, log hash).
 * Run: node --import tsx bench/search/report.bench.ts [spaces] [runs]
 */
import {
  buildCoverageReport,
  exportSearchLog,
  foldSearchLog,
  parseSearchLog,
  searchLogHash,
  sensitivityAnalysis,
  verifySearchExport,
} from "../../packages/search/src";
import { describeMachine, repeat } from "./measure";
import { largeSiteLog } from "./site-log";

const spaces = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 3);
describeMachine();
const events = largeSiteLog(spaces);
const json = JSON.stringify(events);
console.log(`log: ${events.length} events, ${(json.length / 2 ** 20).toFixed(1)} MiB of JSON`);

const report = repeat(`coverage report, ${spaces} spaces (everything)`, 1000, runs, () =>
  buildCoverageReport(events),
);
console.log(
  `  ${report.result.sensitivity.parameters.length} uncertain quantities varied, POS ${report.result.headline.posCombined.toFixed(4)}, ` +
    `${report.result.timeline.length} timeline entries, report JSON ${(JSON.stringify(report.result).length / 2 ** 20).toFixed(1)} MiB`,
);
repeat("  of which: fold with history", null, runs, () => foldSearchLog(events));
repeat("  of which: fold without history (one sensitivity run)", null, runs, () =>
  foldSearchLog(events, { history: false }),
);
repeat("  of which: sensitivity", null, runs, () => sensitivityAnalysis(events));
repeat("  of which: log hash (SHA-256 of canonical JSON)", null, runs, () => searchLogHash(events));
repeat("parse and validate the log", null, runs, () => parseSearchLog(JSON.parse(json)));
const exported = JSON.parse(JSON.stringify(exportSearchLog(events)));
repeat("verify an export (hash + parse + fold)", null, runs, () => verifySearchExport(exported));
