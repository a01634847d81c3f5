import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildCoverageReport } from "../src/coverage-report";
import type { SearchLogEvent } from "../src/events";
import { foldSearchLog } from "../src/fold";
import { HEADLINE_FIGURE_NAMES, headlineFigures } from "../src/headline";
import { searchLogHash } from "../src/log-hash";
import { exportSearchLog, verifySearchExport } from "../src/search-export";
import { sensitivityAnalysis } from "../src/sensitivity";
import { uncertain } from "../src/uncertain-value";
import { LogBuilder, podEffort } from "./log-builder";

function siteLog(): LogBuilder {
  return new LogBuilder()
    .segment("A", { siteId: "sednaya", levelId: "B1", areaM2: 30 })
    .segment("B", { siteId: "sednaya", levelId: "B1", areaM2: 30 })
    .segment("C", { siteId: "sednaya", levelId: "G", areaM2: 120 })
    .hypothesis("H", 0.3, { siteId: "sednaya", levelId: "B2", areaM2: 400 })
    .estimate("p1", { A: 0.72, B: 0.08, C: 0.1, H: 0.1 })
    .search("A", "visual", podEffort(0.1))
    .search("B", "visual", podEffort(0.9))
    .search("C", "knock", { hours: 0.5 })
    .search("H", "gpr", { hours: 2 }, "nothing_found", { void: "not_found" })
    .evidence({ id: "claim-1", target: { segmentId: "H", about: "existence" } });
}

describe("coverage report", () => {
  it("weights POD by POA, never an unweighted average", () => {
    const report = buildCoverageReport(siteLog().events);
    const b1 = report.sites[0]!.levels.find((level) => level.levelId === "B1")!;
    const [a, b] = b1.spaceReports;
    expect(a!.pod.responsive).toBeCloseTo(0.1, 12);
    expect(b!.pod.responsive).toBeCloseTo(0.9, 12);
    // 0.72 and 0.08 of the belief: (0.72·0.1 + 0.08·0.9) / 0.8 = 0.18, where an unweighted mean would say 0.5.
    expect(b1.pod.responsive).toBeCloseTo(0.18, 12);
    expect(b1.pod.combined).toBeCloseTo(0.18, 12);
    expect(b1.spaces).toBe(2);
    expect(b1.spacesSearched).toBe(2);
  });

  it("splits the remaining probability among searched and unsearched spaces, hypotheses and ROW", () => {
    const log = siteLog().segment("D", { siteId: "sednaya", levelId: "G" });
    const report = buildCoverageReport(log.events);
    const h = report.headline;
    expect(
      h.remainingSearchedSpaces + h.remainingUnsearchedSpaces + h.remainingHypotheses + h.remainingRow,
    ).toBeCloseTo(1, 12);
    expect(h.remainingUnsearchedSpaces).toBe(0); // D has no planner estimate: it starts at 0, and the report says so.
    expect(report.warnings.some((w) => w.includes("segment D has no planner estimate"))).toBe(true);
    expect(report.row.remaining).toBeCloseTo(h.remainingRow, 12);
  });

  it("reports the hypothesis: prior and current P(exists), the radar's void POD, and POD for people 0", () => {
    const report = buildCoverageReport(siteLog().events);
    const h = report.sites[0]!.levels.find((level) => level.levelId === "B2")!.spaceReports[0]!;
    expect(h.kind).toBe("hypothesis");
    expect(h.pExistsPrior).toBe(0.3);
    expect(h.podVoid).toBeCloseTo(1 - Math.exp(-(100 * 2) / 400), 12);
    expect(h.pod.responsive).toBe(0);
    // π = P(exists | the person is not there): prior (0.3 − 0.027)/(1 − 0.027) with the planners' 0.09 share,
    // odds × 1.5 for the F3 claim that it exists and × e^(−0.5) for the radar pass that saw nothing.
    const base = 0.09 * 0.3;
    const pi0 = (0.3 - base) / (1 - base);
    const odds = (pi0 / (1 - pi0)) * 1.5 * Math.exp(-0.5);
    const pi = odds / (1 + odds);
    expect(h.pExists).toBeCloseTo(h.remaining + pi * (1 - h.remaining), 12);
    // The negative searches elsewhere made "the person is in H", and so "H exists", more likely than the
    // claim and the radar alone would.
    const alone = (0.3 * 1.5 * Math.exp(-0.5)) / (0.3 * 1.5 * Math.exp(-0.5) + 0.7);
    expect(h.pExists!).toBeGreaterThan(alone);
  });

  it("carries the log hash, the timeline and a POS series that ends at the headline figure", () => {
    const log = siteLog();
    const report = buildCoverageReport(log.events);
    expect(report.logHash).toBe(searchLogHash(log.events));
    expect(report.timeline.filter((entry) => entry.type === "search.completed")).toHaveLength(4);
    expect(report.posSeries.at(-1)!.pos.combined).toBeCloseTo(report.headline.posCombined, 12);
    expect(report.assumptions.some((a) => a.id === "method:visual:rate:responsive")).toBe(false); // coverage given directly
    expect(report.assumptions.some((a) => a.id === "method:knock:rate:responsive" && a.illustrative)).toBe(
      true,
    );
    expect(report.assumptions.some((a) => a.id === "method-class:acoustic" && a.cap === 0.85)).toBe(true);
    expect(report.assumptions.some((a) => a.id === "mapping:F3:l0")).toBe(true);
  });

  it("keeps every figure a probability in [0, 1] for any log", () => {
    const action = fc.record({
      seg: fc.constantFrom("A", "B", "C", "H"),
      method: fc.constantFrom("visual", "knock", "canine", "thermal", "breach-inspect"),
      hours: fc.double({ min: 0, max: 20, noNaN: true }),
      alert: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 15 }), (actions) => {
        const log = siteLog();
        for (const a of actions) {
          const voidFlag =
            a.seg === "H" && a.method === "breach-inspect" ? { void: "not_found" as const } : {};
          log.search(
            a.seg,
            a.method,
            { hours: a.hours + 0.01 },
            a.alert ? "alert" : "nothing_found",
            voidFlag,
          );
        }
        const report = buildCoverageReport(log.events);
        const inUnit = (x: number) => x >= 0 && x <= 1;
        for (const site of report.sites) {
          for (const area of [site, ...site.levels]) {
            expect(
              inUnit(area.pod.responsive) && inUnit(area.pod.unresponsive) && inUnit(area.pod.combined),
            ).toBe(true);
            expect(inUnit(area.remaining) && inUnit(area.poaBeforeSearch) && inUnit(area.pos)).toBe(true);
          }
        }
        for (const name of HEADLINE_FIGURE_NAMES) expect(inUnit(report.headline[name])).toBe(true);
        for (const point of report.posSeries) expect(inUnit(point.pos.combined)).toBe(true);
      }),
      { numRuns: 40 },
    );
  });
});

describe("sensitivity", () => {
  it("re-evaluates each quantity exactly as a fresh fold at that scenario would", () => {
    const log = siteLog()
      .alertEvidence("dog-1", "A", 0.7, 0.15)
      .search("C", "canine", { hours: 0.2 }, "alert")
      .push({
        type: "parameter.changed",
        parameter: "pResponsive",
        value: uncertain(0.3, 0.6, 0.9, "medical team"),
      } as Omit<SearchLogEvent, "id" | "at">);
    const analysis = sensitivityAnalysis(log.events);
    expect(analysis.parameters.length).toBeGreaterThanOrEqual(8);
    for (const parameter of analysis.parameters) {
      for (const scenario of ["min", "max"] as const) {
        const fresh = headlineFigures(
          foldSearchLog(log.events, {
            history: false,
            scenarioOf: (id) => (id === parameter.quantityId ? scenario : "likely"),
          }),
        );
        const seen = scenario === "min" ? parameter.atMin : parameter.atMax;
        for (const name of HEADLINE_FIGURE_NAMES) expect(seen[name]).toBeCloseTo(fresh[name], 12);
      }
    }
    // The fold is left at the likely values.
    expect(analysis.figures.posCombined.likely).toBeCloseTo(
      headlineFigures(foldSearchLog(log.events)).posCombined,
      12,
    );
  });

  it("runs every uncertain quantity at min and max and brackets each figure", () => {
    const log = siteLog();
    const analysis = sensitivityAnalysis(log.events);
    for (const name of HEADLINE_FIGURE_NAMES) {
      const range = analysis.figures[name];
      expect(range.min).toBeLessThanOrEqual(range.likely);
      expect(range.likely).toBeLessThanOrEqual(range.max);
    }
    const knock = analysis.parameters.find((p) => p.quantityId === "method:knock:rate:responsive")!;
    // A slower knock test (min sweep rate) means a lower POS for responsive people, a faster one a higher.
    expect(knock.atMin.posResponsive).toBeLessThan(knock.atMax.posResponsive);
    expect(analysis.figures.posResponsive.min).toBeLessThanOrEqual(knock.atMin.posResponsive);
    // A more effective radar pass that saw nothing leaves less probability in the hypothesis.
    const gpr = analysis.parameters.find((p) => p.quantityId === "method:gpr:rate:void")!;
    expect(gpr.atMin.remainingHypotheses).toBeGreaterThan(gpr.atMax.remainingHypotheses);
    // Sorted by swing, largest first.
    expect(analysis.parameters.map((p) => p.swing)).toEqual(
      [...analysis.parameters.map((p) => p.swing)].sort((a, b) => b - a),
    );
  });
});

describe("export and verification", () => {
  it("verifies an honest export and catches a changed event or a changed figure", () => {
    const exported = exportSearchLog(siteLog().events);
    const roundTrip = JSON.parse(JSON.stringify(exported));
    expect(verifySearchExport(roundTrip).ok).toBe(true);

    const tampered = JSON.parse(JSON.stringify(exported));
    (tampered.log[5] as { search: { effort: { coverage: number } } }).search.effort.coverage = 5;
    const result = verifySearchExport(tampered);
    expect(result.hashMatches).toBe(false);
    expect(result.figuresMatch).toBe(false);
    expect(result.ok).toBe(false);

    const inflated = JSON.parse(JSON.stringify(exported));
    inflated.figures.posCombined += 0.01;
    const check = verifySearchExport(inflated);
    expect(check.hashMatches).toBe(true);
    expect(check.figures.find((f) => f.figure === "posCombined")!.matches).toBe(false);
    expect(check.ok).toBe(false);
  });

  it("refuses something that is not an export", () => {
    expect(() => verifySearchExport({ format: "nope" })).toThrow(/not a search export/);
    const exported = JSON.parse(JSON.stringify(exportSearchLog(siteLog().events)));
    exported.log[0].type = "segment.teleported";
    expect(() => verifySearchExport(exported)).toThrow();
  });

  it("hashes the log exactly as exported", () => {
    const events: SearchLogEvent[] = siteLog().events;
    const exported = exportSearchLog(events);
    expect(exported.logHash).toBe(searchLogHash(JSON.parse(JSON.stringify(events))));
  });
});
