/**
 * Corrections after the fact: `segment.changed` (a hypothesis's prior, a segment's weight or label) and the
 * evidence fields an analyst may correct (where on the plan, when, who reported it and through whom). A log
 * with a correction must give exactly the figures of a log that had the right value from the start.
 */
import { AtharError } from "@athar/core";
import { describe, expect, it } from "vitest";
import { parseSearchLog, parseSearchLogEvent } from "../src/event-parser";
import type { SearchLogEvent } from "../src/events";
import { foldSearchLog, type SearchState } from "../src/fold";
import { LogBuilder, podEffort } from "./log-builder";

const figures = (state: SearchState) =>
  state.segments.map((s) => ({
    id: s.segment.id,
    poa: s.poa,
    poaByClass: s.poaByClass,
    pod: s.pod,
    pExists: s.pExists,
    pExistsPrior: s.pExistsPrior,
    weight: s.segment.weight,
  }));

function expectSameFigures(a: SearchState, b: SearchState): void {
  const left = figures(a);
  const right = figures(b);
  expect(left.map((s) => s.id)).toEqual(right.map((s) => s.id));
  left.forEach((segment, i) => {
    const other = right[i]!;
    expect(segment.poa).toBeCloseTo(other.poa, 12);
    expect(segment.poaByClass.responsive).toBeCloseTo(other.poaByClass.responsive, 12);
    expect(segment.pod.unresponsive).toBeCloseTo(other.pod.unresponsive, 12);
    expect(segment.weight).toBe(other.weight);
    if (segment.pExists === undefined) expect(other.pExists).toBeUndefined();
    else expect(segment.pExists).toBeCloseTo(other.pExists!, 12);
    expect(segment.pExistsPrior).toBe(other.pExistsPrior);
  });
  expect(a.pos.combined).toBeCloseTo(b.pos.combined, 12);
}

const odds = (p: number) => p / (1 - p);

function errorPath(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AtharError);
    return (error as AtharError).details?.[0]?.path;
  }
  throw new Error("expected the fold to refuse the log");
}

describe("segment.changed", () => {
  const built = (pExists: number, weight: number) =>
    new LogBuilder()
      .segment("A")
      .segment("B", { weight })
      .hypothesis("H", pExists, { areaM2: 20 })
      .search("A", "visual", podEffort(0.6))
      .alertEvidence("e1", "H", 0.8, 0.1, { target: { segmentId: "H", about: "existence" } })
      .search("H", "visual", podEffort(0.3));

  it("a corrected prior gives the figures of a log that had it from the start, before or after searches", () => {
    const corrected = built(0.5, 1).push({
      type: "segment.changed",
      segmentId: "H",
      changes: { pExists: 0.2 },
      reason: "second testimony makes the wing less likely",
    } as Omit<SearchLogEvent, "id" | "at">);
    const direct = built(0.2, 1);
    expectSameFigures(foldSearchLog(corrected.events), foldSearchLog(direct.events));
    const state = foldSearchLog(corrected.events);
    expect(state.segments.find((s) => s.segment.id === "H")!.pExistsPrior).toBe(0.2);
    // The correction is on the timeline, naming its segment.
    expect(state.timeline.at(-1)).toMatchObject({ type: "segment.changed", segmentId: "H" });
  });

  it("a corrected weight and label act like the original ones", () => {
    const corrected = built(0.5, 1).push({
      type: "segment.changed",
      segmentId: "B",
      changes: { weight: 3, label: "B (large dormitory)" },
      reason: "B held three times as many people",
    } as Omit<SearchLogEvent, "id" | "at">);
    const state = foldSearchLog(corrected.events);
    expectSameFigures(state, foldSearchLog(built(0.5, 3).events));
    expect(state.segments.find((s) => s.segment.id === "B")!.segment.label).toBe("B (large dormitory)");
  });

  it("refuses a prior on a space, a change of ROW, an unknown segment and an empty change", () => {
    const onSpace = built(0.5, 1).push({
      type: "segment.changed",
      segmentId: "A",
      changes: { pExists: 0.3 },
      reason: "x",
    } as Omit<SearchLogEvent, "id" | "at">);
    expect(errorPath(() => foldSearchLog(onSpace.events))).toBe(
      `events.${onSpace.events.length - 1}.changes.pExists`,
    );
    const row = built(0.5, 1).push({
      type: "segment.changed",
      segmentId: "ROW",
      changes: { weight: 2 },
      reason: "x",
    } as Omit<SearchLogEvent, "id" | "at">);
    expect(errorPath(() => foldSearchLog(row.events))).toBe(`events.${row.events.length - 1}.segmentId`);
    const unknown = built(0.5, 1).push({
      type: "segment.changed",
      segmentId: "Z",
      changes: { weight: 2 },
      reason: "x",
    } as Omit<SearchLogEvent, "id" | "at">);
    expect(errorPath(() => foldSearchLog(unknown.events))).toBe(
      `events.${unknown.events.length - 1}.segmentId`,
    );
    const event = {
      id: "c",
      at: "2024-12-09T10:00:00Z",
      type: "segment.changed",
      segmentId: "H",
      reason: "x",
    };
    expect(() => parseSearchLogEvent({ ...event, changes: {} })).toThrow(AtharError);
    expect(() => parseSearchLogEvent({ ...event, changes: { pExists: 0 } })).toThrow(AtharError);
    expect(() => parseSearchLogEvent({ ...event, changes: { pExists: 0.4 }, reason: "" })).toThrow(
      AtharError,
    );
    expect(parseSearchLogEvent({ ...event, changes: { pExists: 1 } })).toMatchObject({
      changes: { pExists: 1 },
    });
  });
});

describe("evidence.changed corrects where, when and who", () => {
  const log = () =>
    new LogBuilder()
      .segment("A", { levelId: "L1" })
      .segment("B", { levelId: "L1" })
      .evidence({
        id: "e1",
        target: { segmentId: "A", about: "subjects" },
        point: { x: 1, y: 2, levelId: "L1" },
        observedAt: "2024-12-08T22:00:00Z",
        reportedBy: "source-7",
        reportedThrough: ["relay-1"],
        grade: { reliability: "B", credibility: 2 },
      });

  it("replaces or clears the fields; only the target moves the probabilities", () => {
    const original = foldSearchLog(log().events);
    const changed = log().push({
      type: "evidence.changed",
      evidenceId: "e1",
      changes: {
        point: null,
        observedAt: "2024-12-08T23:30:00Z",
        reportedBy: "source-8",
        reportedThrough: ["relay-2", "relay-3"],
      },
      reason: "the interview notes give another time and source",
    } as Omit<SearchLogEvent, "id" | "at">);
    const state = foldSearchLog(changed.events);
    const record = state.evidence[0]!.record;
    expect(record.point).toBeUndefined();
    expect(record.observedAt).toBe("2024-12-08T23:30:00Z");
    expect(record.reportedBy).toBe("source-8");
    expect(record.reportedThrough).toEqual(["relay-2", "relay-3"]);
    expectSameFigures(state, original);

    const moved = log().push({
      type: "evidence.changed",
      evidenceId: "e1",
      changes: { target: { segmentId: "B", about: "subjects" }, point: { x: 9, y: 9, levelId: "L1" } },
      reason: "the cell was misread",
    } as Omit<SearchLogEvent, "id" | "at">);
    const after = foldSearchLog(moved.events);
    expect(after.evidence[0]!.record.point).toEqual({ x: 9, y: 9, levelId: "L1" });
    const poa = (s: SearchState, id: string) => s.segments.find((r) => r.segment.id === id)!.poa;
    expect(poa(after, "B")).toBeCloseTo(poa(original, "A"), 12);
    expect(poa(after, "A")).toBeCloseTo(poa(original, "B"), 12);
  });

  it("validates the new fields like a recorded evidence", () => {
    const base = {
      id: "c",
      at: "2024-12-09T10:00:00Z",
      type: "evidence.changed",
      evidenceId: "e1",
      reason: "x",
    };
    expect(() => parseSearchLogEvent({ ...base, changes: { observedAt: "yesterday" } })).toThrow(AtharError);
    expect(() => parseSearchLogEvent({ ...base, changes: { reportedBy: "" } })).toThrow(AtharError);
    expect(() => parseSearchLogEvent({ ...base, changes: { point: { x: 1 } } })).toThrow(AtharError);
    expect(parseSearchLog([{ ...base, changes: { reportedThrough: [] } }])).toHaveLength(1);
  });
});

describe("claims about a whole level or site", () => {
  const poa = (s: SearchState, id: string) => s.segments.find((r) => r.segment.id === id)!.poa;
  const build = () =>
    new LogBuilder()
      .segment("A", { levelId: "L1", siteId: "S" })
      .segment("B", { levelId: "L1", siteId: "S" })
      .segment("C", { levelId: "L2", siteId: "S" })
      .hypothesis("H", 0.5, { levelId: "L1", siteId: "S" });

  it("multiplies the odds of the whole level by the grade's ratio, each segment in proportion", () => {
    const before = foldSearchLog(build().events);
    const log = build().evidence({
      id: "e1",
      target: { levelId: "L1", about: "subjects" },
      grade: { reliability: "B", credibility: 2 },
    });
    const after = foldSearchLog(log.events);
    const level = (s: SearchState) => poa(s, "A") + poa(s, "B") + poa(s, "H");
    expect(odds(level(after)) / odds(level(before))).toBeCloseTo(6.25, 9);
    // Within the level nothing moves relative to anything else; outside, C and ROW keep their ratio.
    expect(poa(after, "A") / poa(after, "H")).toBeCloseTo(poa(before, "A") / poa(before, "H"), 12);
    expect(poa(after, "C") / poa(after, "ROW")).toBeCloseTo(poa(before, "C") / poa(before, "ROW"), 12);
    // The claim is counted, with its likelihoods, and its timeline entry names the level.
    expect(after.evidence[0]).toMatchObject({ counted: true, likelihood: { grade: "B2" } });
    expect(after.timeline.at(-1)).toMatchObject({ type: "evidence.recorded", levelId: "L1" });
  });

  it("a site-wide claim moves probability from ROW to the site; a segment added later is covered too", () => {
    const claimFirst = new LogBuilder()
      .segment("A", { levelId: "L1", siteId: "S" })
      .evidence({
        id: "e1",
        target: { siteId: "S", about: "subjects" },
        grade: { reliability: "A", credibility: 1 },
      })
      .segment("B", { levelId: "L2", siteId: "S" });
    const claimLast = new LogBuilder()
      .segment("A", { levelId: "L1", siteId: "S" })
      .segment("B", { levelId: "L2", siteId: "S" })
      .evidence({
        id: "e1",
        target: { siteId: "S", about: "subjects" },
        grade: { reliability: "A", credibility: 1 },
      });
    const first = foldSearchLog(claimFirst.events);
    const last = foldSearchLog(claimLast.events);
    for (const id of ["A", "B", "ROW"]) expect(poa(first, id)).toBeCloseTo(poa(last, id), 12);
    // Prior 0.9 in the site, 0.1 in ROW; A1 multiplies the odds by 16.
    expect(odds(1 - poa(last, "ROW")) / odds(0.9)).toBeCloseTo(16, 9);
  });

  it("refuses a level-wide claim about existence, a claim naming two scopes, and a level nobody added", () => {
    const event = (target: object) => ({
      id: "x",
      at: "2024-12-09T10:00:00Z",
      type: "evidence.recorded",
      evidence: {
        id: "e9",
        kind: "testimony",
        target,
        reportedBy: "s",
        reportedThrough: [],
        grade: { reliability: "C", credibility: 3 },
        status: "unverified",
        assertion: "present",
      },
    });
    expect(() => parseSearchLogEvent(event({ levelId: "L1", about: "existence" }))).toThrow(AtharError);
    expect(() => parseSearchLogEvent(event({ levelId: "L1", segmentId: "A", about: "subjects" }))).toThrow(
      AtharError,
    );
    const log = build().push(
      event({ levelId: "L9", about: "subjects" }) as unknown as Omit<SearchLogEvent, "id" | "at">,
    );
    expect(errorPath(() => foldSearchLog(log.events))).toBe(
      `events.${log.events.length - 1}.evidence.target.levelId`,
    );
  });
});
