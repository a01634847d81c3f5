import { approxEqual } from "@athar/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SearchLogEvent } from "../src/events";
import { foldSearchLog, type SearchState } from "../src/fold";
import { uncertain } from "../src/uncertain-value";
import { LogBuilder, podEffort } from "./log-builder";

const poaOf = (state: SearchState, id: string): number =>
  state.segments.find((s) => s.segment.id === id)!.poa;
const segmentOf = (state: SearchState, id: string) => state.segments.find((s) => s.segment.id === id)!;

function primerLog(): LogBuilder {
  return new LogBuilder()
    .segment("A")
    .segment("B")
    .segment("C")
    .estimate("planner-1", { A: 0.5, B: 0.3, C: 0.1, ROW: 0.1 });
}

describe("the fold reproduces the domain primer", () => {
  it("A, B, C, ROW = 0.5, 0.3, 0.1, 0.1; search A (0.6) then B (0.5)", () => {
    const log = primerLog().search("A", "visual", podEffort(0.6));
    let state = foldSearchLog(log.events);
    [0.285714, 0.428571, 0.142857, 0.142857].forEach((expected, i) => {
      expect(poaOf(state, ["A", "B", "C", "ROW"][i]!)).toBeCloseTo(expected, 6);
    });
    log.search("B", "visual", podEffort(0.5));
    state = foldSearchLog(log.events);
    [0.363636, 0.272727, 0.181818, 0.181818].forEach((expected, i) => {
      expect(poaOf(state, ["A", "B", "C", "ROW"][i]!)).toBeCloseTo(expected, 6);
    });
    expect(state.pos.combined).toBeCloseTo(0.45, 12);
    expect(state.pos.responsive).toBeCloseTo(0.45, 12);
    expect(state.pos.unresponsive).toBeCloseTo(0.45, 12);
    // The series ends at the final figure and never decreases while only negative searches happen.
    expect(state.posSeries.at(-1)!.pos.combined).toBeCloseTo(0.45, 12);
    expect(state.posSeries.map((p) => p.pos.combined)).toEqual(
      [...state.posSeries.map((p) => p.pos.combined)].sort((a, b) => a - b),
    );
  });

  it("prior 0.2 and an alert with L1 0.8, L0 0.1 → 0.666667; a second independent alert → 0.941176", () => {
    const log = new LogBuilder()
      .segment("A")
      .estimate("p", { A: 0.2, ROW: 0.8 })
      .alertEvidence("e1", "A", 0.8, 0.1);
    expect(poaOf(foldSearchLog(log.events), "A")).toBeCloseTo(0.666667, 6);
    log.alertEvidence("e2", "A", 0.8, 0.1, { reportedBy: "handler-2" });
    expect(poaOf(foldSearchLog(log.events), "A")).toBeCloseTo(0.941176, 6);
  });

  it("counts echoes of one original report once", () => {
    const log = new LogBuilder()
      .segment("A")
      .estimate("p", { A: 0.2, ROW: 0.8 })
      .alertEvidence("e1", "A", 0.8, 0.1, { originRef: "post-17" })
      .alertEvidence("e2", "A", 0.8, 0.1, { echoOf: "e1", reportedThrough: ["channel-x"] })
      .alertEvidence("e3", "A", 0.8, 0.1, { originRef: "post-17", reportedBy: "someone-else" });
    const state = foldSearchLog(log.events);
    expect(poaOf(state, "A")).toBeCloseTo(0.666667, 6);
    expect(state.evidence.filter((e) => e.counted).map((e) => e.record.id)).toEqual(["e1"]);
    expect(state.evidence.find((e) => e.record.id === "e3")!.note).toBe("echo");
  });

  it("drops a refuted claim and restores it when the refutation is withdrawn", () => {
    const log = new LogBuilder()
      .segment("A")
      .estimate("p", { A: 0.2, ROW: 0.8 })
      .alertEvidence("e1", "A", 0.8, 0.1);
    log.push({ type: "evidence.refuted", evidenceId: "e1", reason: "handler error" } as Omit<
      SearchLogEvent,
      "id" | "at"
    >);
    expect(poaOf(foldSearchLog(log.events), "A")).toBeCloseTo(0.2, 12);
    log.push({
      type: "evidence.changed",
      evidenceId: "e1",
      changes: { status: "unverified" },
      reason: "review",
    } as Omit<SearchLogEvent, "id" | "at">);
    expect(poaOf(foldSearchLog(log.events), "A")).toBeCloseTo(0.666667, 6);
  });
});

describe("graded evidence through the mapping table", () => {
  it("moves the odds of an F3 claim by the default ratio 1.5, and by an edited cell", () => {
    const log = new LogBuilder()
      .segment("A")
      .estimate("p", { A: 0.2, ROW: 0.8 })
      .evidence({ id: "c1", target: { segmentId: "A", about: "subjects" } });
    const odds = (p: number) => p / (1 - p);
    expect(odds(poaOf(foldSearchLog(log.events), "A")) / odds(0.2)).toBeCloseTo(1.5, 9);
    log.push({
      type: "mapping.changed",
      cells: {
        F3: { l1: uncertain(0.5, 0.5, 0.5, "review board"), l0: uncertain(0.25, 0.25, 0.25, "review board") },
      },
      source: "review board, 2024-12-10",
    } as Omit<SearchLogEvent, "id" | "at">);
    expect(odds(poaOf(foldSearchLog(log.events), "A")) / odds(0.2)).toBeCloseTo(2, 9);
  });

  it("reads a corroborated claim at credibility 2 and an 'absent' claim as evidence against", () => {
    const odds = (p: number) => p / (1 - p);
    const corroborated = new LogBuilder()
      .segment("A")
      .estimate("p", { A: 0.2, ROW: 0.8 })
      .evidence({ id: "c1", target: { segmentId: "A", about: "subjects" }, status: "corroborated" });
    expect(odds(poaOf(foldSearchLog(corroborated.events), "A")) / odds(0.2)).toBeCloseTo(2.5, 9);
    const absent = new LogBuilder()
      .segment("A")
      .estimate("p", { A: 0.2, ROW: 0.8 })
      .evidence({
        id: "c1",
        target: { segmentId: "A", about: "subjects" },
        grade: { reliability: "B", credibility: 2 },
        assertion: "absent",
      });
    expect(odds(poaOf(foldSearchLog(absent.events), "A")) / odds(0.2)).toBeCloseTo(1 / 6.25, 9);
  });
});

describe("subject classes and method classes", () => {
  it("a knock search covers responsive people only", () => {
    const state = foldSearchLog(primerLog().search("A", "knock", podEffort(0.6)).events);
    const a = segmentOf(state, "A");
    expect(a.pod.responsive).toBeCloseTo(0.6, 12);
    expect(a.pod.unresponsive).toBe(0);
    expect(a.poaByClass.unresponsive).toBeCloseTo(0.5, 12);
    expect(a.poaByClass.responsive).toBeCloseTo(0.285714, 6);
    expect(state.pos.unresponsive).toBe(0);
    expect(state.pos.responsive).toBeCloseTo(0.3, 12);
    // Not hearing anyone makes an unresponsive person a little more likely than before (prior 0.5).
    expect(state.classPosterior.unresponsive).toBeCloseTo(0.5 / (0.5 + 0.5 * 0.7), 12);
  });

  it("caps repeated looks of one method class but not looks of different classes", () => {
    const log = primerLog();
    for (let i = 0; i < 5; i++) log.search("A", "canine", podEffort(0.6));
    let a = segmentOf(foldSearchLog(log.events), "A");
    expect(a.pod.responsive).toBeCloseTo(0.9, 12);
    expect(a.capsReached).toEqual(["scent"]);
    log.search("A", "visual", podEffort(0.5));
    a = segmentOf(foldSearchLog(log.events), "A");
    expect(a.pod.responsive).toBeCloseTo(1 - 0.1 * 0.5, 12);
  });

  it("turns hours into coverage with the method's sweep rate and the area", () => {
    // Visual: 300 m²/h likely. One hour in a 300 m² space: C = 1.
    const state = foldSearchLog(
      new LogBuilder().segment("A", { areaM2: 300 }).search("A", "visual", { hours: 1 }).events,
    );
    expect(segmentOf(state, "A").pod.responsive).toBeCloseTo(1 - Math.exp(-1), 12);
    const atMin = foldSearchLog(
      new LogBuilder().segment("A", { areaM2: 300 }).search("A", "visual", { hours: 1 }).events,
      {
        scenarioOf: (id) => (id === "method:visual:rate:responsive" ? "min" : "likely"),
      },
    );
    expect(segmentOf(atMin, "A").pod.responsive).toBeCloseTo(1 - Math.exp(-100 / 300), 12);
    expect(segmentOf(atMin, "A").pod.unresponsive).toBeCloseTo(1 - Math.exp(-1), 12);
  });
});

describe("order of events does not matter", () => {
  it("permuting the searches and evidence gives the same figures", () => {
    const actions = fc.array(
      fc.oneof(
        fc.record({
          kind: fc.constant("search" as const),
          seg: fc.integer({ min: 0, max: 3 }),
          pod: fc.double({ min: 0.01, max: 0.95, noNaN: true }),
          method: fc.constantFrom("canine", "knock", "visual", "thermal"),
        }),
        fc.record({
          kind: fc.constant("evidence" as const),
          seg: fc.integer({ min: 0, max: 3 }),
          l1: fc.double({ min: 0.05, max: 1, noNaN: true }),
          l0: fc.double({ min: 0.05, max: 1, noNaN: true }),
        }),
      ),
      { minLength: 1, maxLength: 12 },
    );
    const listAndPermutation = actions.chain((list) =>
      fc.tuple(
        fc.constant(list),
        fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length }),
      ),
    );
    fc.assert(
      fc.property(listAndPermutation, ([list, shuffled]) => {
        const build = (order: typeof list) => {
          const log = new LogBuilder().segment("S0").segment("S1").segment("S2").hypothesis("S3", 0.4);
          order.forEach((action) => {
            const seg = `S${action.seg}`;
            if (action.kind === "search") log.search(seg, action.method, podEffort(action.pod));
            else log.alertEvidence(`e${list.indexOf(action)}`, seg, action.l1, action.l0);
          });
          return foldSearchLog(log.events);
        };
        const x = build(list);
        const y = build(shuffled);
        return (
          approxEqual(x.pos.combined, y.pos.combined) &&
          x.segments.every(
            (s, i) =>
              approxEqual(s.poa, y.segments[i]!.poa) &&
              approxEqual(s.pExists ?? 0, y.segments[i]!.pExists ?? 0),
          )
        );
      }),
      { numRuns: 60 },
    );
  });
});

describe("the fold refuses inconsistent logs", () => {
  const attempt = (build: (log: LogBuilder) => void) => () => {
    const log = new LogBuilder().segment("A").hypothesis("H", 0.3);
    build(log);
    foldSearchLog(log.events);
  };
  it.each([
    ["a search of an unknown segment", (log: LogBuilder) => log.search("Z", "visual", podEffort(0.5))],
    ["a search of ROW", (log: LogBuilder) => log.search("ROW", "visual", podEffort(0.5))],
    ["an unknown method", (log: LogBuilder) => log.search("A", "x-ray", podEffort(0.5))],
    ["a duplicate segment", (log: LogBuilder) => log.segment("A")],
    [
      "existence evidence about a known space",
      (log: LogBuilder) => log.evidence({ id: "e", target: { segmentId: "A", about: "existence" } }),
    ],
    [
      "an echo of unknown evidence",
      (log: LogBuilder) =>
        log.evidence({ id: "e", target: { segmentId: "A", about: "subjects" }, echoOf: "nope" }),
    ],
    ["hours in a segment without area", (log: LogBuilder) => log.search("A", "visual", { hours: 1 })],
    [
      "a radar search of a hypothesis without saying whether a void showed",
      (log: LogBuilder) => log.search("H", "gpr", podEffort(0.5)),
    ],
    [
      "an alert from a method that detects no people",
      (log: LogBuilder) => log.search("H", "gpr", podEffort(0.5), "alert", { void: "not_found" }),
    ],
    [
      "contradictory resolutions",
      (log: LogBuilder) =>
        log
          .push({ type: "hypothesis.resolved", segmentId: "H", exists: true, reason: "breached" } as Omit<
            SearchLogEvent,
            "id" | "at"
          >)
          .push({ type: "hypothesis.resolved", segmentId: "H", exists: false, reason: "?" } as Omit<
            SearchLogEvent,
            "id" | "at"
          >),
    ],
  ])("refuses %s", (_name, build) => {
    expect(attempt(build)).toThrow();
  });

  it("names the event in the error", () => {
    try {
      attempt((log) => log.search("Z", "visual", podEffort(0.5)))();
      expect.unreachable();
    } catch (error) {
      expect((error as { details: { path: string }[] }).details[0]!.path).toBe("events.2.search.segmentId");
    }
  });
});
