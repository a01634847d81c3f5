import { describe, expect, it } from "vitest";
import { parseSearchLog, parseSearchLogEvent, SEARCH_LOG_FORMAT } from "../src/event-parser";
import { foldSearchLog } from "../src/fold";
import { LogBuilder, podEffort } from "./log-builder";

const detailsOf = (fn: () => unknown): { path: string; message: string }[] => {
  try {
    fn();
  } catch (error) {
    return (error as { details: { path: string; message: string }[] }).details;
  }
  throw new Error("expected an error");
};

describe("search-log parser", () => {
  it("accepts what the builder writes, as an array or in the envelope, and folds it", () => {
    const log = new LogBuilder()
      .segment("A", { areaM2: 20, siteId: "s", levelId: "B1" })
      .hypothesis("H", 0.2)
      .search("A", "canine", { hours: 0.5 })
      .search("H", "gpr", podEffort(0.5), "nothing_found", { void: "not_found" })
      .evidence({ id: "e1", target: { segmentId: "H", about: "existence" }, echoOf: undefined });
    const events = JSON.parse(JSON.stringify(log.events));
    expect(parseSearchLog(events)).toHaveLength(5);
    expect(parseSearchLog({ format: SEARCH_LOG_FORMAT, events })).toHaveLength(5);
    expect(foldSearchLog(parseSearchLog(events)).segments).toHaveLength(3);
  });

  it("names the field of every problem", () => {
    const details = detailsOf(() =>
      parseSearchLogEvent({
        id: "e",
        at: "yesterday",
        type: "search.completed",
        search: { id: "s", segmentId: "A", methodId: "canine", effort: { hours: -1 }, outcome: "maybe" },
      }),
    );
    const paths = details.map((d) => d.path);
    expect(paths).toContain("at");
    expect(paths).toContain("search.outcome");
    expect(paths.some((p) => p.startsWith("search.effort"))).toBe(true);
  });

  it("refuses ROW as a segment id, a hypothesis without pExists, an unknown field and a duplicate event id", () => {
    const base = { at: "2024-12-09T10:00:00Z", type: "segment.added" };
    expect(
      detailsOf(() => parseSearchLogEvent({ ...base, id: "1", segment: { id: "ROW", kind: "space" } }))[0]!
        .path,
    ).toBe("segment.id");
    expect(
      detailsOf(() => parseSearchLogEvent({ ...base, id: "1", segment: { id: "H", kind: "hypothesis" } }))[0]!
        .path,
    ).toBe("segment.pExists");
    expect(
      detailsOf(() =>
        parseSearchLogEvent({ ...base, id: "1", segment: { id: "A", kind: "space", colour: "red" } }),
      )[0]!.path,
    ).toBe("segment");
    const duplicate = detailsOf(() =>
      parseSearchLog([
        { ...base, id: "1", segment: { id: "A", kind: "space" } },
        { ...base, id: "1", segment: { id: "B", kind: "space" } },
      ]),
    );
    expect(duplicate[0]).toEqual({ path: "1.id", message: "duplicate event id 1" });
  });

  it("checks ranges of uncertain values: min ≤ likely ≤ max and likelihoods in (0, 1]", () => {
    const event = (l0: object) => ({
      id: "m",
      at: "2024-12-09T10:00:00Z",
      type: "mapping.changed",
      source: "board",
      cells: { F3: { l1: { min: 0.5, likely: 0.5, max: 0.5, source: "b", illustrative: true }, l0 } },
    });
    expect(() =>
      parseSearchLogEvent(event({ min: 0.1, likely: 0.2, max: 0.3, source: "b", illustrative: true })),
    ).not.toThrow();
    expect(() =>
      parseSearchLogEvent(event({ min: 0.3, likely: 0.2, max: 0.4, source: "b", illustrative: true })),
    ).toThrow();
    expect(() =>
      parseSearchLogEvent(event({ min: 0, likely: 0.2, max: 0.4, source: "b", illustrative: true })),
    ).toThrow();
  });
});
