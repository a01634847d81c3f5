/**
 * The coverage report as one self-contained, printable HTML page (no script, no external file: styles and
 * figures inline), in Arabic (right to left) or English. It renders the engine's CoverageReport: headline
 * figures with their sensitivity ranges, per site, level and space the POA-weighted PODs and what remains,
 * hypotheses, ROW, the plan of each level coloured by remaining probability (viridis, with a legend), the
 * cumulative POS over time, evidence, the timeline, the assumptions with their sources, and the log hash.
 */
import type { Point } from "@athar/core";
import type { AreaFigures, Assumption, CoverageReport, LevelReport, SpaceReport } from "@athar/search";
import { probabilityColour } from "./palette";
import { fill, plural, REPORT_TEXT, type ReportText } from "./report-text";

export interface ReportSpace {
  id: string;
  name: string;
  kind: string;
  status: string;
  polygon: Point[];
}

export interface ReportLevel {
  id: string;
  name: string;
  ordinal: number;
  status: string;
  spaces: ReportSpace[];
}

export interface ReportInput {
  report: CoverageReport;
  lang: "ar" | "en";
  site: { id: string; name: string };
  /** The site model's levels, top floor first. */
  levels: ReportLevel[];
  generatedAt: Date;
  /** Where the log export can be downloaded (shown in the verification note). */
  logUrl: string;
}

const escapeHtml = (value: string): string =>
  value.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

/** A tag with escaped text content. */
const cell = (tag: string, text: string, attributes = ""): string =>
  `<${tag}${attributes ? ` ${attributes}` : ""}>${escapeHtml(text)}</${tag}>`;

interface Formatter {
  pct(value: number): string;
  num(value: number, digits?: number): string;
  time(iso: string | null): string;
}

function formatter(locale: string): Formatter {
  const percentSmall = new Intl.NumberFormat(locale, { style: "percent", maximumSignificantDigits: 2 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 });
  const numbers = new Map<number, Intl.NumberFormat>();
  const time = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });
  return {
    pct: (value) => {
      // Probabilities only: never shown above 100 % or below 0.
      const v = Math.max(0, Math.min(1, value));
      return v > 0 && v < 0.01 ? percentSmall.format(v) : percent.format(v);
    },
    num: (value, digits = 2) => {
      let format = numbers.get(digits);
      if (!format) {
        format = new Intl.NumberFormat(locale, { maximumFractionDigits: digits });
        numbers.set(digits, format);
      }
      return format.format(value);
    },
    time: (iso) => {
      if (!iso) return "—";
      const ms = Date.parse(iso);
      return Number.isNaN(ms) ? iso : time.format(ms);
    },
  };
}

const STYLE = `
*{box-sizing:border-box}
html{font-family:"Noto Naskh Arabic","Noto Sans Arabic","DejaVu Sans","Segoe UI",Tahoma,Arial,sans-serif;font-size:11pt;color:#1b1b1b;background:#fff}
body{margin:0 auto;max-width:190mm;padding:12mm 8mm;line-height:1.45}
h1{font-size:20pt;margin:0 0 4pt}
h2{font-size:14pt;margin:18pt 0 6pt;border-block-end:1.5pt solid #1b1b1b;padding-block-end:2pt;break-after:avoid}
h3{font-size:12pt;margin:12pt 0 4pt;break-after:avoid}
p{margin:4pt 0}
.muted{color:#555}
.hash{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:9pt;word-break:break-all;unicode-bidi:isolate;direction:ltr;display:inline-block;background:#f3f3f3;padding:2pt 4pt;border-radius:2pt}
code{font-family:"DejaVu Sans Mono",Consolas,monospace;font-size:9pt;unicode-bidi:isolate;direction:ltr}
code.block{display:block;text-align:start;margin:2pt 0;word-break:break-all}
.verify{margin:4pt 0}
table{border-collapse:collapse;width:100%;margin:4pt 0 8pt;font-size:9.5pt}
th,td{border:0.5pt solid #999;padding:2pt 4pt;text-align:start;vertical-align:top}
th{background:#ececec}
td.n{text-align:end;white-space:nowrap;font-variant-numeric:tabular-nums}
th.n{text-align:end}
table.level-table,table.space-table{font-size:8.5pt}
table.space-table td:first-child{width:30%}
tr{break-inside:avoid}
thead{display:table-header-group}
.figure{break-inside:avoid;margin:6pt 0}
.figure svg{display:block;max-width:100%;height:auto}
.legend{display:flex;flex-wrap:wrap;gap:4pt 14pt;align-items:center;font-size:9pt;margin:2pt 0 6pt}
.legend span{display:inline-flex;align-items:center;gap:4pt}
.swatch{display:inline-block;width:14pt;height:10pt;border:0.5pt solid #555}
.tag{display:inline-block;border:0.5pt solid #777;border-radius:2pt;padding:0 3pt;font-size:7.5pt;margin-inline-start:3pt;white-space:nowrap}
.illustrative{background:#fff3bf;border-color:#e6a700}
.summary-figures td.n{font-size:11pt;font-weight:700}
.lead{font-size:11.5pt;border-inline-start:3pt solid #1b1b1b;padding-inline-start:8pt;margin:8pt 0}
.toc{columns:2;font-size:9.5pt;margin:4pt 0 8pt;padding-inline-start:14pt}
footer{margin-top:18pt;font-size:8.5pt;color:#555;border-block-start:0.5pt solid #999;padding-block-start:4pt}
[lang=en]{unicode-bidi:isolate}
@page{size:A4;margin:12mm 10mm}
@media print{body{padding:0;max-width:none}a{color:inherit;text-decoration:none}h2{break-before:auto}}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
`;

/** Shares of the remaining probability and their colours (Okabe–Ito, distinguishable with colour vision deficiencies). */
const SHARE_COLOURS = {
  remainingSearchedSpaces: "#0072B2",
  remainingUnsearchedSpaces: "#E69F00",
  remainingHypotheses: "#CC79A7",
  remainingRow: "#999999",
} as const;

const SERIES = [
  { key: "responsive", colour: "#0072B2", dash: "" },
  { key: "unresponsive", colour: "#D55E00", dash: "6 3" },
  { key: "combined", colour: "#000000", dash: "2 2" },
] as const;

export function renderCoverageReportHtml(input: ReportInput): string {
  const { report, lang } = input;
  const text: ReportText = REPORT_TEXT[lang];
  const f = formatter(text.locale);
  const spaceNames = new Map<string, { name: string; level: string }>();
  for (const level of input.levels)
    for (const space of level.spaces)
      spaceNames.set(space.id, { name: space.name || space.kind, level: level.name });
  const levelNames = new Map(input.levels.map((l) => [l.id, l.name]));
  const allSpaces: SpaceReport[] = report.sites.flatMap((s) => s.levels.flatMap((l) => l.spaceReports));
  const segmentLabel = (segmentId: string | undefined): string => {
    if (!segmentId) return "—";
    const space = spaceNames.get(segmentId);
    if (space) return `${space.level} · ${space.name}`;
    return allSpaces.find((s) => s.segmentId === segmentId)?.label ?? segmentId;
  };
  const evidenceNumber = new Map(report.evidence.map((e, i) => [e.record.id, i + 1]));
  const methodName = (id: string): string => text.methods[id] ?? id;

  const parts: string[] = [];
  parts.push(
    `<!doctype html><html lang="${lang}" dir="${text.dir}"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width,initial-scale=1">`,
    `<title>${escapeHtml(`${text.title} · ${input.site.name}`)}</title>`,
    `<meta name="athar-log-hash" content="${escapeHtml(report.logHash)}">`,
    `<style>${STYLE}</style></head><body>`,
  );

  // ─── header ─────────────────────────────────────────────────────────────────────────────────────────
  parts.push(
    `<header>`,
    cell("h1", text.title),
    `<p><strong>${escapeHtml(text.site)}:</strong> <bdi>${escapeHtml(input.site.name)}</bdi></p>`,
    `<p>${escapeHtml(text.logHash)}: <span class="hash" data-log-hash="${escapeHtml(report.logHash)}">${escapeHtml(report.logHash)}</span></p>`,
    `<p class="muted">${escapeHtml(plural(text.events, report.eventCount, text.locale))}${
      report.firstEventAt
        ? ` · ${escapeHtml(fill(text.period, { first: f.time(report.firstEventAt), last: f.time(report.lastEventAt) }))}`
        : ""
    } · ${escapeHtml(text.generatedAt)} ${escapeHtml(f.time(input.generatedAt.toISOString()))} · ${escapeHtml(text.allTimesUtc)} · ${escapeHtml(text.engine)} <code>${escapeHtml(report.engineVersion)}</code></p>`,
    `<div class="muted verify">${verifyNote(text, input.logUrl)}</div>`,
    `</header>`,
  );
  if (report.eventCount === 0) parts.push(cell("p", text.emptyLog, 'class="lead"'));

  const sections: [string, string][] = [
    ["summary", text.summary.heading],
    ["levels", text.levels.heading],
    ["hypotheses", text.hypotheses.heading],
    ["row", text.row.heading],
    ["chart", text.chart.heading],
    ["evidence", text.evidence.heading],
    ["timeline", text.timeline.heading],
    ["assumptions", text.assumptions.heading],
    ["sensitivity", text.sensitivity.heading],
  ];
  parts.push(
    `<nav aria-label="${escapeHtml(text.contents)}"><ol class="toc">`,
    ...sections.map(([id, title]) => `<li><a href="#${id}">${escapeHtml(title)}</a></li>`),
    `</ol></nav>`,
  );

  parts.push(summarySection(report, text, f));
  parts.push(levelsSection(input, text, f, segmentLabel));
  parts.push(hypothesesSection(report, text, f, levelNames, segmentLabel));
  parts.push(
    `<section id="row">`,
    cell("h2", text.row.heading),
    cell(
      "p",
      fill(text.row.text, { before: f.pct(report.row.poaBeforeSearch), now: f.pct(report.row.remaining) }),
    ),
    `</section>`,
  );
  parts.push(chartSection(report, text, f));
  parts.push(evidenceSection(report, text, f, segmentLabel, evidenceNumber, levelNames));
  parts.push(timelineSection(report, text, f, segmentLabel, methodName, levelNames));
  parts.push(assumptionsSection(report, text, f, evidenceNumber, methodName));
  parts.push(sensitivitySection(report, text, f, evidenceNumber, methodName));
  if (report.warnings.length > 0) {
    parts.push(
      `<section id="warnings">`,
      cell("h2", text.warnings.heading),
      `<ul>${report.warnings.map((w) => cell("li", w, 'lang="en" dir="ltr"')).join("")}</ul>`,
      `</section>`,
    );
  }
  parts.push(
    `<footer>${escapeHtml(text.footer)} <span class="hash">${escapeHtml(report.logHash)}</span></footer>`,
    `</body></html>`,
  );
  return parts.join("\n");
}

function verifyNote(text: ReportText, url: string): string {
  // The address and the command are code: each on a line of its own, left to right.
  return [
    escapeHtml(text.verifyHow),
    `<code class="block">${escapeHtml(url)}</code>`,
    `<code class="block">athar search report --verify --in export.json</code>`,
  ].join("");
}

// ─── summary ─────────────────────────────────────────────────────────────────────────────────────────

function summarySection(report: CoverageReport, text: ReportText, f: Formatter): string {
  const h = report.headline;
  const ranges = report.sensitivity.figures;
  const range = (name: keyof typeof h) =>
    ranges[name] ? `${f.pct(ranges[name].min)} – ${f.pct(ranges[name].max)}` : "—";
  const rows: [string, keyof typeof h][] = [
    [text.summary.responsive, "posResponsive"],
    [text.summary.unresponsive, "posUnresponsive"],
    [text.summary.combined, "posCombined"],
  ];
  const shares: [string, keyof typeof SHARE_COLOURS][] = [
    [text.summary.unsearchedSpaces, "remainingUnsearchedSpaces"],
    [text.summary.searchedSpaces, "remainingSearchedSpaces"],
    [text.summary.hypotheses, "remainingHypotheses"],
    [text.summary.row, "remainingRow"],
  ];
  return [
    `<section id="summary">`,
    cell("h2", text.summary.heading),
    cell(
      "p",
      fill(text.summary.sentence, {
        posR: f.pct(h.posResponsive),
        posU: f.pct(h.posUnresponsive),
        unsearched: f.pct(h.remainingUnsearchedSpaces),
        searched: f.pct(h.remainingSearchedSpaces),
        hypotheses: f.pct(h.remainingHypotheses),
        row: f.pct(h.remainingRow),
      }),
      'class="lead"',
    ),
    cell("h3", text.summary.posHeading),
    `<table class="summary-figures"><thead><tr><th></th>${cell("th", text.summary.value, 'class="n"')}${cell("th", text.summary.range, 'class="n"')}</tr></thead><tbody>`,
    ...rows.map(
      ([label, key]) =>
        `<tr data-figure="${key}">${cell("td", label)}${cell("td", f.pct(h[key]), 'class="n"')}${cell("td", range(key), 'class="n"')}</tr>`,
    ),
    `</tbody></table>`,
    cell(
      "p",
      fill(text.summary.classPosterior, { p: f.pct(report.classPosterior.responsive) }),
      'class="muted"',
    ),
    cell("h3", text.summary.remainingHeading),
    shareBar(
      shares.map(([label, key]) => ({ label, value: h[key], colour: SHARE_COLOURS[key] })),
      text.summary.barLabel,
      text.dir,
    ),
    `<table><thead><tr><th></th>${cell("th", text.summary.value, 'class="n"')}${cell("th", text.summary.range, 'class="n"')}</tr></thead><tbody>`,
    ...shares.map(
      ([label, key]) =>
        `<tr data-figure="${key}"><td><span class="swatch" style="background:${SHARE_COLOURS[key]}"></span> ${escapeHtml(label)}</td>${cell("td", f.pct(h[key]), 'class="n"')}${cell("td", range(key), 'class="n"')}</tr>`,
    ),
    `</tbody></table>`,
    cell("p", text.summary.weighting, 'class="muted"'),
    `</section>`,
  ].join("\n");
}

function shareBar(
  shares: { label: string; value: number; colour: string }[],
  label: string,
  dir: "ltr" | "rtl",
): string {
  const width = 600;
  const height = 22;
  let x = 0;
  const rects = shares.map((share) => {
    const w = Math.max(0, share.value) * width;
    const start = dir === "rtl" ? width - x - w : x;
    x += w;
    return `<rect x="${start.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${height}" fill="${share.colour}"><title>${escapeHtml(share.label)}</title></rect>`;
  });
  return `<div class="figure"><svg role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} ${height}" width="100%" preserveAspectRatio="none">${rects.join("")}<rect x="0" y="0" width="${width}" height="${height}" fill="none" stroke="#555" stroke-width="0.5"/></svg></div>`;
}

// ─── levels and spaces ───────────────────────────────────────────────────────────────────────────────

function levelsSection(
  input: ReportInput,
  text: ReportText,
  f: Formatter,
  segmentLabel: (id: string) => string,
): string {
  const { report } = input;
  const t = text.levels;
  const site = report.sites.find((s) => s.siteId === input.site.id) ?? report.sites[0];
  const out: string[] = [`<section id="levels">`, cell("h2", t.heading)];
  if (!site) {
    out.push(cell("p", text.emptyLog, 'class="muted"'), `</section>`);
    return out.join("\n");
  }
  const reportLevels = new Map(site.levels.map((l) => [l.levelId, l]));
  // Site model order (top floor first), then levels the model no longer has.
  const ordered: { level: LevelReport; name: string; model?: ReportLevel }[] = [];
  for (const model of input.levels) {
    const level = reportLevels.get(model.id);
    if (level) ordered.push({ level, name: model.name, model });
  }
  for (const level of site.levels)
    if (!input.levels.some((m) => m.id === level.levelId))
      ordered.push({ level, name: level.levelId === null ? t.noLevel : `${t.noLevel} (${level.levelId})` });

  const header = `<tr>${cell("th", t.level)}${cell("th", t.spaces, 'class="n"')}${cell("th", t.searched, 'class="n"')}${cell("th", t.hypotheses, 'class="n"')}${cell("th", t.podR, 'class="n"')}${cell("th", t.podU, 'class="n"')}${cell("th", t.pos, 'class="n"')}${cell("th", t.remaining, 'class="n"')}</tr>`;
  const row = (name: string, a: AreaFigures, attrs: string) =>
    `<tr ${attrs}>${cell("td", name)}${cell("td", f.num(a.spaces, 0), 'class="n"')}${cell("td", f.num(a.spacesSearched, 0), 'class="n"')}${cell("td", f.num(a.hypotheses, 0), 'class="n"')}${cell("td", f.pct(a.pod.responsive), 'class="n"')}${cell("td", f.pct(a.pod.unresponsive), 'class="n"')}${cell("td", f.pct(a.pos), 'class="n"')}${cell("td", f.pct(a.remaining), 'class="n"')}</tr>`;
  out.push(
    `<table class="level-table"><thead>${header}</thead><tbody>`,
    row(t.wholeSite, site, 'data-level="site"'),
    ...ordered.map(({ level, name }) => row(name, level, `data-level="${escapeHtml(level.levelId ?? "")}"`)),
    `</tbody></table>`,
  );

  const maxRemaining = Math.max(0, ...site.levels.flatMap((l) => l.spaceReports.map((s) => s.remaining)));
  for (const { level, name, model } of ordered) {
    out.push(`<section class="level" data-level-id="${escapeHtml(level.levelId ?? "")}">`, cell("h3", name));
    if (model && model.spaces.length > 0) out.push(levelPlan(model, level, maxRemaining, text, f));
    out.push(spaceTable(level, text, f, segmentLabel, model));
    out.push(`</section>`);
  }
  out.push(`</section>`);
  return out.join("\n");
}

function levelPlan(
  model: ReportLevel,
  level: LevelReport,
  maxRemaining: number,
  text: ReportText,
  f: Formatter,
): string {
  const t = text.levels;
  const bySegment = new Map(level.spaceReports.map((s) => [s.segmentId, s]));
  let minX = Number.POSITIVE_INFINITY;
  let minY = Number.POSITIVE_INFINITY;
  let maxX = Number.NEGATIVE_INFINITY;
  let maxY = Number.NEGATIVE_INFINITY;
  for (const space of model.spaces)
    for (const [x, y] of space.polygon) {
      minX = Math.min(minX, x);
      minY = Math.min(minY, y);
      maxX = Math.max(maxX, x);
      maxY = Math.max(maxY, y);
    }
  const spanX = Math.max(1e-6, maxX - minX);
  const spanY = Math.max(1e-6, maxY - minY);
  const width = 680;
  const scale = Math.min(width / spanX, 420 / spanY);
  const height = Math.max(40, spanY * scale);
  const pad = 4;
  // Plan metres have y up; SVG has y down.
  const point = ([x, y]: Point) =>
    `${((x - minX) * scale + pad).toFixed(1)},${((maxY - y) * scale + pad).toFixed(1)}`;
  const shapes = model.spaces.map((space) => {
    const report = bySegment.get(space.id);
    const points = space.polygon.map(point).join(" ");
    if (!report)
      return `<polygon points="${points}" fill="url(#none-${model.id})" stroke="#777" stroke-width="0.4"><title>${escapeHtml(space.name)}</title></polygon>`;
    const t = maxRemaining > 0 ? report.remaining / maxRemaining : 0;
    const searched = report.searches > 0;
    const title = `${space.name || space.kind}: ${f.pct(report.remaining)}`;
    return [
      `<polygon data-segment-id="${escapeHtml(space.id)}" points="${points}" fill="${probabilityColour(t)}" stroke="${searched ? "#000" : "#555"}" stroke-width="${searched ? 1.2 : 0.4}"${searched ? ' stroke-dasharray="2 1.5"' : ""}><title>${escapeHtml(title)}</title></polygon>`,
      report.kind === "hypothesis"
        ? `<polygon points="${points}" fill="url(#hatch-${model.id})" stroke="none"/>`
        : "",
    ].join("");
  });
  const defs = `<defs><pattern id="hatch-${model.id}" patternUnits="userSpaceOnUse" width="6" height="6"><path d="M-1 1 L1 -1 M0 6 L6 0 M5 7 L7 5" stroke="#ffffff" stroke-width="1"/></pattern><pattern id="none-${model.id}" patternUnits="userSpaceOnUse" width="5" height="5"><rect width="5" height="5" fill="#eeeeee"/><path d="M0 5 L5 0" stroke="#bbbbbb" stroke-width="0.7"/></pattern></defs>`;
  const caption = fill(t.planCaption, { level: model.name });
  return [
    `<div class="figure plan"><svg role="img" aria-label="${escapeHtml(caption)}" viewBox="0 0 ${(spanX * scale + 2 * pad).toFixed(1)} ${(height + 2 * pad).toFixed(1)}" width="${(spanX * scale + 2 * pad).toFixed(0)}">${defs}${shapes.join("")}</svg>`,
    cell("p", caption, 'class="muted"'),
    probabilityLegend(maxRemaining, text, f, model.id),
    `</div>`,
  ].join("");
}

function probabilityLegend(max: number, text: ReportText, f: Formatter, id: string): string {
  const t = text.levels;
  const width = 220;
  const rtl = text.dir === "rtl";
  // Offsets must increase: right to left, the colour of each offset is read from the other end.
  const stops = Array.from({ length: 11 }, (_, i) => {
    const offset = i / 10;
    return `<stop offset="${offset}" stop-color="${probabilityColour(rtl ? 1 - offset : offset)}"/>`;
  });
  const ticks = [0, 0.5, 1].map((at) => {
    const x = rtl ? width - at * width : at * width;
    const anchor = at === 0 ? (rtl ? "end" : "start") : at === 1 ? (rtl ? "start" : "end") : "middle";
    return `<text x="${x}" y="30" font-size="9" text-anchor="${anchor}">${escapeHtml(f.pct(at * max))}</text>`;
  });
  return [
    `<div class="legend" aria-label="${escapeHtml(t.legendTitle)}">`,
    `<span>${escapeHtml(t.legendTitle)}</span>`,
    `<svg width="${width}" height="34" viewBox="0 0 ${width} 34" aria-hidden="true" style="overflow:visible"><defs><linearGradient id="scale-${id}" x1="0" x2="1" y1="0" y2="0">${stops.join("")}</linearGradient></defs><rect x="0" y="2" width="${width}" height="16" fill="url(#scale-${id})" stroke="#555" stroke-width="0.5"/>${ticks.join("")}</svg>`,
    `<span><span class="swatch" style="background:repeating-linear-gradient(45deg,#eee 0 3px,#bbb 3px 4px)"></span>${escapeHtml(t.legendNone)}</span>`,
    `<span><span class="swatch" style="background:repeating-linear-gradient(45deg,#31688e 0 3px,#fff 3px 4px)"></span>${escapeHtml(t.legendHypothesis)}</span>`,
    `<span><span class="swatch" style="border:1.2pt dashed #000;background:#b5de2b"></span>${escapeHtml(t.legendSearched)}</span>`,
    `</div>`,
  ].join("");
}

function spaceTable(
  level: LevelReport,
  text: ReportText,
  f: Formatter,
  segmentLabel: (id: string) => string,
  model: ReportLevel | undefined,
): string {
  const t = text.levels;
  const inModel = new Map((model?.spaces ?? []).map((s) => [s.id, s]));
  const rows = [...level.spaceReports]
    .sort((a, b) => b.remaining - a.remaining)
    .map((space) => {
      const name = inModel.get(space.segmentId)?.name ?? "";
      const tags: string[] = [];
      if (space.kind === "hypothesis")
        tags.push(`<span class="tag">${escapeHtml(text.hypotheses.name)}</span>`);
      if (!space.reachable) tags.push(`<span class="tag">${escapeHtml(t.behindBarrier)}</span>`);
      if (model && !inModel.has(space.segmentId) && !space.segmentId.startsWith("hypothesis:"))
        tags.push(`<span class="tag">${escapeHtml(t.formerSpace)}</span>`);
      if (space.capsReached.length > 0) tags.push(`<span class="tag">${escapeHtml(t.capReached)}</span>`);
      if (space.subjectsFound > 0)
        tags.push(
          `<span class="tag">${escapeHtml(fill(t.subjectsFound, { n: f.num(space.subjectsFound, 0) }))}</span>`,
        );
      return `<tr data-segment-id="${escapeHtml(space.segmentId)}"><td><bdi>${escapeHtml(name || segmentLabel(space.segmentId))}</bdi>${tags.join("")}</td>${cell("td", f.pct(space.poaBeforeSearch), 'class="n"')}${cell("td", f.pct(space.remaining), 'class="n"')}${cell("td", f.pct(space.pod.responsive), 'class="n"')}${cell("td", f.pct(space.pod.unresponsive), 'class="n"')}${cell("td", f.num(space.searches, 0), 'class="n"')}${cell("td", space.methodsUsed.map((m) => text.methods[m] ?? m).join(text.dir === "rtl" ? "، " : ", "))}</tr>`;
    });
  return `<table class="space-table"><thead><tr>${cell("th", t.space)}${cell("th", t.before, 'class="n"')}${cell("th", t.remaining, 'class="n"')}${cell("th", t.podR, 'class="n"')}${cell("th", t.podU, 'class="n"')}${cell("th", t.searches, 'class="n"')}${cell("th", t.methods)}</tr></thead><tbody>${rows.join("")}</tbody></table>`;
}

// ─── hypotheses ──────────────────────────────────────────────────────────────────────────────────────

function hypothesesSection(
  report: CoverageReport,
  text: ReportText,
  f: Formatter,
  levelNames: Map<string, string>,
  segmentLabel: (id: string) => string,
): string {
  const t = text.hypotheses;
  const levelOf = new Map<string, string | null>();
  for (const site of report.sites)
    for (const level of site.levels)
      for (const space of level.spaceReports) levelOf.set(space.segmentId, level.levelId);
  const hypotheses = report.sites
    .flatMap((s) => s.levels.flatMap((l) => l.spaceReports))
    .filter((s) => s.kind === "hypothesis");
  const out = [`<section id="hypotheses">`, cell("h2", t.heading), cell("p", t.intro, 'class="muted"')];
  if (hypotheses.length === 0) out.push(cell("p", t.none));
  else {
    out.push(
      `<table><thead><tr>${cell("th", t.name)}${cell("th", text.levels.level)}${cell("th", t.prior, 'class="n"')}${cell("th", t.now, 'class="n"')}${cell("th", t.remaining, 'class="n"')}${cell("th", t.podVoid, 'class="n"')}${cell("th", t.resolution)}</tr></thead><tbody>`,
      ...hypotheses.map((h) => {
        const levelId = levelOf.get(h.segmentId) ?? null;
        const resolution = h.resolved === undefined ? t.open : h.resolved ? t.exists : t.doesNotExist;
        return `<tr data-segment-id="${escapeHtml(h.segmentId)}"><td><bdi>${escapeHtml(segmentLabel(h.segmentId))}</bdi></td>${cell("td", levelId ? (levelNames.get(levelId) ?? "—") : "—")}${cell("td", f.pct(h.pExistsPrior ?? 1), 'class="n"')}${cell("td", f.pct(h.pExists ?? 1), 'class="n"')}${cell("td", f.pct(h.remaining), 'class="n"')}${cell("td", f.pct(h.podVoid ?? 0), 'class="n"')}${cell("td", resolution)}</tr>`;
      }),
      `</tbody></table>`,
    );
  }
  out.push(`</section>`);
  return out.join("\n");
}

// ─── POS over time ───────────────────────────────────────────────────────────────────────────────────

function chartSection(report: CoverageReport, text: ReportText, f: Formatter): string {
  const t = text.chart;
  const out = [`<section id="chart">`, cell("h2", t.heading)];
  const series = report.posSeries;
  if (series.length === 0 || !report.timeline.some((e) => e.type === "search.completed")) {
    out.push(cell("p", t.none, 'class="muted"'), `</section>`);
    return out.join("\n");
  }
  const width = 680;
  const height = 260;
  const left = 48;
  const right = 12;
  const top = 10;
  const bottom = 40;
  const times = series.map((p) => Date.parse(p.at));
  const t0 = Math.min(...times);
  const t1 = Math.max(...times);
  const span = t1 > t0 ? t1 - t0 : 1;
  const x = (ms: number) => left + ((ms - t0) / span) * (width - left - right);
  // The axis ends at the smallest of 10, 25, 50, 100 % that holds every point, labelled: a search that has
  // covered little still shows its course, and the labels say how little.
  const highest = Math.max(
    ...series.map((p) => Math.max(p.pos.responsive, p.pos.unresponsive, p.pos.combined)),
  );
  const ceiling = [0.1, 0.25, 0.5, 1].find((c) => highest <= c) ?? 1;
  const y = (p: number) => top + (1 - Math.max(0, Math.min(1, p / ceiling))) * (height - top - bottom);
  const grid = [0, 0.25, 0.5, 0.75, 1]
    .map((share) => share * ceiling)
    .map(
      (p) =>
        `<line x1="${left}" x2="${width - right}" y1="${y(p).toFixed(1)}" y2="${y(p).toFixed(1)}" stroke="#ddd"/><text x="${left - 4}" y="${(y(p) + 3).toFixed(1)}" font-size="9" text-anchor="end">${escapeHtml(f.pct(p))}</text>`,
    );
  const lines = SERIES.map(({ key, colour, dash }) => {
    // A step line: the POS holds until the next event.
    let d = "";
    series.forEach((point, i) => {
      const px = x(times[i]!);
      const py = y(point.pos[key]);
      d += i === 0 ? `M${px.toFixed(1)},${py.toFixed(1)}` : `H${px.toFixed(1)}V${py.toFixed(1)}`;
    });
    return `<path d="${d}" fill="none" stroke="${colour}" stroke-width="1.8"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`;
  });
  const axis = `<text x="${left}" y="${height - 22}" font-size="9">${escapeHtml(f.time(series[0]!.at))}</text><text x="${width - right}" y="${height - 22}" font-size="9" text-anchor="end">${escapeHtml(f.time(series.at(-1)!.at))}</text>`;
  const labels: Record<string, string> = {
    responsive: text.summary.responsive,
    unresponsive: text.summary.unresponsive,
    combined: text.summary.combined,
  };
  out.push(
    `<div class="figure"><svg role="img" aria-label="${escapeHtml(t.heading)}" viewBox="0 0 ${width} ${height}" width="${width}" style="direction:ltr">${grid.join("")}${lines.join("")}${axis}<text x="12" y="${(height - bottom) / 2}" font-size="9" transform="rotate(-90 12 ${(height - bottom) / 2})" text-anchor="middle">${escapeHtml(t.yAxis)}</text></svg>`,
    `<div class="legend">${SERIES.map(
      ({ key, colour, dash }) =>
        `<span><svg width="28" height="10" aria-hidden="true"><line x1="0" x2="28" y1="5" y2="5" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/></svg>${escapeHtml(labels[key] ?? key)}</span>`,
    ).join("")}</div>`,
    cell("p", `${fill(t.axis, { max: f.pct(ceiling) })} ${t.drops}`, 'class="muted"'),
    `</div></section>`,
  );
  return out.join("\n");
}

// ─── evidence and timeline ───────────────────────────────────────────────────────────────────────────

function evidenceSection(
  report: CoverageReport,
  text: ReportText,
  f: Formatter,
  segmentLabel: (id: string) => string,
  numbers: Map<string, number>,
  levelNames: Map<string, string>,
): string {
  const t = text.evidence;
  const out = [`<section id="evidence">`, cell("h2", t.heading)];
  if (report.evidence.length === 0) {
    out.push(cell("p", t.none, 'class="muted"'), `</section>`);
    return out.join("\n");
  }
  out.push(
    `<table><thead><tr>${cell("th", t.number, 'class="n"')}${cell("th", t.kind)}${cell("th", t.where)}${cell("th", t.grade)}${cell("th", t.status)}${cell("th", t.effect)}</tr></thead><tbody>`,
  );
  report.evidence.forEach((result, index) => {
    const r = result.record;
    const grade = `${r.grade.reliability}${r.grade.credibility}`;
    const gradeText = `${grade} — ${text.reliability[r.grade.reliability] ?? ""}; ${text.credibility[String(r.grade.credibility)] ?? ""}`;
    let effect: string;
    if (result.note === "echo") effect = fill(t.echo, { n: f.num(numbers.get(result.countedAs) ?? 0, 0) });
    else if (result.note === "refuted" || !result.likelihood) effect = t.refuted;
    else {
      const ratio = result.likelihood.l1.responsive / result.likelihood.l0;
      effect = `${t.counted}; ${fill(t.odds, { f: f.num(r.assertion === "present" ? ratio : 1 / ratio, 2) })}`;
    }
    const place =
      r.target.segmentId !== undefined
        ? segmentLabel(r.target.segmentId)
        : r.target.levelId !== undefined
          ? fill(t.wholeLevel, { level: levelNames.get(r.target.levelId) ?? r.target.levelId })
          : t.wholeSite;
    const where = `${place}${r.target.about === "existence" ? ` ${t.existence}` : ""}${r.assertion === "absent" ? ` ${t.absent}` : ""}`;
    const status = `${text.statuses[r.status] ?? r.status}${r.statusReason ? `: ${r.statusReason}` : ""}`;
    const source = `${t.source}: ${r.reportedBy}${r.reportedThrough.length > 0 ? ` · ${t.relays}: ${r.reportedThrough.join(" ← ")}` : ""}`;
    out.push(
      `<tr data-evidence-id="${escapeHtml(r.id)}">${cell("td", f.num(index + 1, 0), 'class="n"')}<td>${escapeHtml(text.kinds[r.kind] ?? r.kind)}<br><span class="muted"><bdi>${escapeHtml(source)}</bdi></span></td><td><bdi>${escapeHtml(where)}</bdi>${r.summary ? `<br><span class="muted"><bdi>${escapeHtml(r.summary)}</bdi></span>` : ""}</td>${cell("td", gradeText)}<td><bdi>${escapeHtml(status)}</bdi></td>${cell("td", effect)}</tr>`,
    );
  });
  out.push(`</tbody></table></section>`);
  return out.join("\n");
}

function timelineSection(
  report: CoverageReport,
  text: ReportText,
  f: Formatter,
  segmentLabel: (id: string) => string,
  methodName: (id: string) => string,
  levelNames: Map<string, string>,
): string {
  const t = text.timeline;
  const out = [`<section id="timeline">`, cell("h2", t.heading)];
  const entries = report.timeline.filter((e) => e.type !== "segment.added");
  const placeOf = (entry: (typeof entries)[number]): string =>
    entry.segmentId
      ? segmentLabel(entry.segmentId)
      : entry.levelId
        ? fill(text.evidence.wholeLevel, { level: levelNames.get(entry.levelId) ?? entry.levelId })
        : entry.siteId
          ? text.evidence.wholeSite
          : "—";
  if (entries.length === 0) {
    out.push(cell("p", t.none, 'class="muted"'), `</section>`);
    return out.join("\n");
  }
  out.push(
    `<table><thead><tr>${cell("th", t.time)}${cell("th", t.what)}${cell("th", t.where)}${cell("th", t.details)}</tr></thead><tbody>`,
  );
  for (const entry of entries) {
    const details: string[] = [];
    if (entry.methodId) details.push(methodName(entry.methodId));
    if (entry.outcome) details.push(text.outcomes[entry.outcome] ?? entry.outcome);
    if (entry.pod)
      details.push(
        fill(t.pod, {
          r: entry.pod.responsive === undefined ? "—" : f.pct(entry.pod.responsive),
          u: entry.pod.unresponsive === undefined ? "—" : f.pct(entry.pod.unresponsive),
        }),
      );
    if (entry.grade) details.push(fill(t.grade, { g: entry.grade }));
    if (entry.status) details.push(text.statuses[entry.status] ?? entry.status);
    out.push(
      `<tr>${cell("td", f.time(entry.at))}${cell("td", text.eventTypes[entry.type] ?? entry.type)}<td><bdi>${escapeHtml(placeOf(entry))}</bdi></td>${cell("td", details.join(" · "))}</tr>`,
    );
  }
  out.push(`</tbody></table></section>`);
  return out.join("\n");
}

// ─── assumptions and sensitivity ─────────────────────────────────────────────────────────────────────

function quantityLabel(
  id: string,
  text: ReportText,
  numbers: Map<string, number>,
  methodName: (id: string) => string,
): string {
  const t = text.assumptions;
  const [prefix, subject = "", ...rest] = id.split(":");
  const what = rest.join(":");
  const side = (key: string) =>
    key === "l1" ? t.l1 : key === "l0" ? t.l0 : key === "l1Unresponsive" ? t.l1Unresponsive : key;
  switch (prefix) {
    case "method":
      if (what.startsWith("rate:"))
        return fill(t.rate, {
          method: methodName(subject),
          target: text.targets[what.slice(5)] ?? what.slice(5),
        });
      return fill(t.falseAlert, { method: methodName(subject) });
    case "mapping":
      return fill(t.mapping, { grade: subject, side: side(what) });
    case "evidence":
      return fill(t.evidence, { n: String(numbers.get(subject) ?? subject), side: side(what) });
    case "parameter":
      return t.parameters[subject] ?? subject;
    case "method-class":
      return fill(t.cap, { class: text.methodClasses[subject] ?? subject });
    default:
      return id;
  }
}

function assumptionsSection(
  report: CoverageReport,
  text: ReportText,
  f: Formatter,
  numbers: Map<string, number>,
  methodName: (id: string) => string,
): string {
  const t = text.assumptions;
  const value = (a: Assumption): string => {
    if (a.value) return `${f.num(a.value.min, 4)} / ${f.num(a.value.likely, 4)} / ${f.num(a.value.max, 4)}`;
    if (a.cap !== undefined) return f.pct(a.cap);
    return "";
  };
  const quantities = report.assumptions.filter((a) => a.kind !== "model");
  const model = report.assumptions.filter((a) => a.kind === "model");
  return [
    `<section id="assumptions">`,
    cell("h2", t.heading),
    cell("p", t.intro, 'class="muted"'),
    `<table><thead><tr>${cell("th", t.name)}${cell("th", t.value, 'class="n"')}${cell("th", t.source)}</tr></thead><tbody>`,
    ...quantities.map(
      (a) =>
        `<tr data-assumption="${escapeHtml(a.id)}"><td>${escapeHtml(quantityLabel(a.id, text, numbers, methodName))}${a.illustrative ? `<span class="tag illustrative">${escapeHtml(t.illustrative)}</span>` : ""}${a.statement ? `<br><span class="muted" dir="auto">${escapeHtml(a.statement)}</span>` : ""}</td>${cell("td", value(a), 'class="n"')}${cell("td", a.source, 'dir="auto"')}</tr>`,
    ),
    `</tbody></table>`,
    cell("h3", text.modelHeading),
    `<ul>${model.map((a) => `<li>${escapeHtml(text.model[a.id] ?? a.statement ?? a.id)} <span class="muted" dir="auto">(${escapeHtml(a.source)})</span></li>`).join("")}</ul>`,
    `</section>`,
  ].join("\n");
}

function sensitivitySection(
  report: CoverageReport,
  text: ReportText,
  f: Formatter,
  numbers: Map<string, number>,
  methodName: (id: string) => string,
): string {
  const t = text.sensitivity;
  const figures = Object.entries(report.sensitivity.figures);
  const top = report.sensitivity.parameters.filter((p) => p.swing > 0).slice(0, 10);
  return [
    `<section id="sensitivity">`,
    cell("h2", t.heading),
    cell("p", t.intro, 'class="muted"'),
    `<table><thead><tr>${cell("th", t.figure)}${cell("th", t.likely, 'class="n"')}${cell("th", t.min, 'class="n"')}${cell("th", t.max, 'class="n"')}</tr></thead><tbody>`,
    ...figures.map(
      ([name, range]) =>
        `<tr data-figure="${escapeHtml(name)}">${cell("td", t.figures[name] ?? name)}${cell("td", f.pct(range.likely), 'class="n"')}${cell("td", f.pct(range.min), 'class="n"')}${cell("td", f.pct(range.max), 'class="n"')}</tr>`,
    ),
    `</tbody></table>`,
    top.length > 0 ? cell("h3", t.top) : "",
    top.length > 0
      ? `<table><thead><tr>${cell("th", text.assumptions.name)}${cell("th", t.swing, 'class="n"')}</tr></thead><tbody>${top
          .map(
            (p) =>
              `<tr>${cell("td", quantityLabel(p.quantityId, text, numbers, methodName))}${cell("td", f.pct(p.swing), 'class="n"')}</tr>`,
          )
          .join("")}</tbody></table>`
      : "",
    `</section>`,
  ].join("\n");
}
