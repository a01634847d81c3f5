/**
 * The coverage report as the server renders it (issue 3: a 5 000-space site in under 1 s): the engine's
 * report plus the self-contained HTML (plans of 10 levels coloured by remaining probability, a table of every
 * space, timeline, assumptions). The site model is synthetic: each space a rectangle in a grid per level.
 * Run: node --import tsx bench/search/report-html.bench.ts [spaces] [runs]
 */
import { buildCoverageReport } from "../../packages/search/src";
import { type ReportLevel, renderCoverageReportHtml } from "../../packages/server/src/search/report-html";
import { describeMachine, repeat } from "./measure";
import { largeSiteLog } from "./site-log";

const spaces = Number(process.argv[2] ?? 5000);
const runs = Number(process.argv[3] ?? 3);
describeMachine();
const events = largeSiteLog(spaces);
const levels: ReportLevel[] = Array.from({ length: 10 }, (_, l) => ({
  id: `L${l}`,
  name: `Level ${l}`,
  ordinal: 5 - l,
  status: "known",
  spaces: [],
}));
for (let s = 0; s < spaces; s++) {
  const level = levels[s % 10]!;
  const i = level.spaces.length;
  const x = (i % 25) * 4.4;
  const y = Math.floor(i / 25) * 5.4;
  level.spaces.push({
    id: `space-${s}`,
    name: `S-${s}`,
    kind: "cell",
    status: "known",
    polygon: [
      [x, y],
      [x + 4, y],
      [x + 4, y + 5],
      [x, y + 5],
    ],
  });
}

const report = repeat(`engine report, ${spaces} spaces`, null, runs, () => buildCoverageReport(events));
const render = (lang: "ar" | "en") =>
  renderCoverageReportHtml({
    report: report.result,
    lang,
    site: { id: "site-1", name: "Benchmark site" },
    levels,
    generatedAt: new Date(Date.UTC(2024, 11, 10)),
    logUrl: "http://localhost/api/sites/site-1/search/log?download=1",
  });
const html = repeat(`HTML rendering (Arabic), ${spaces} spaces`, null, runs, () => render("ar"));
repeat(`report + HTML, ${spaces} spaces`, 1000, runs, () => {
  buildCoverageReport(events);
  return render("en");
});
console.log(`  HTML ${(html.result.length / 2 ** 20).toFixed(1)} MiB`);
