/**
 * INSARAG markings (Guidelines 2020, Vol. II Manual B; primer §3): the worksite box collects one
 * "TEAM – ASR n – date" line per team and level, hazards above, triage below, victim marks V with L-n / D-n.
 */
import { describe, expect, it } from "vitest";
import { markingDate, triageOf, victimMark } from "../src/ops/markings";
import { composeMarking } from "../src/repositories/worksites";

const observation = (over: Partial<Parameters<typeof composeMarking>[1][number]> = {}) => ({
  teamCallSign: "SYR-01",
  at: "2024-12-09T14:30:00Z",
  asrLevel: 3 as const,
  hazards: [] as string[],
  live: 0,
  deceased: 0,
  alert: false,
  noFurtherWork: false,
  ...over,
});

describe("INSARAG markings", () => {
  it("writes dates that no reader can misread as month/day", () => {
    expect(markingDate("2024-12-09T23:59:00Z")).toBe("09 DEC 2024");
    expect(markingDate("2025-01-02T00:00:00+03:00")).toBe("01 JAN 2025");
  });

  it("marks victims: V alone for a possible victim, L-n and D-n for confirmed ones", () => {
    expect(victimMark(0, 0)).toEqual({ mark: "V", lines: [] });
    expect(victimMark(2, 0)).toEqual({ mark: "V", lines: ["L-2"] });
    expect(victimMark(1, 3)).toEqual({ mark: "V", lines: ["L-1", "D-3"] });
  });

  it("derives the worksite triage category from what was found, a given category first", () => {
    expect(triageOf({ live: 1, deceased: 2, alert: false })).toBe("A");
    expect(triageOf({ live: 1, deceased: 0, alert: false }, "B")).toBe("B");
    expect(triageOf({ live: 0, deceased: 0, alert: true })).toBe("C");
    expect(triageOf({ live: 0, deceased: 2, alert: false })).toBe("D");
    expect(triageOf({ live: 0, deceased: 0, alert: false })).toBeNull();
  });

  it("keeps every team's ASR line in the box, hazards above it and the latest triage below it", () => {
    const marking = composeMarking({ segmentId: "s", label: "B1 · Cell 4", worksiteId: "SYR-01-0007" }, [
      observation({ hazards: ["asbestos"], alert: true }),
      observation({
        teamCallSign: "JOR-02",
        at: "2024-12-10T09:00:00Z",
        asrLevel: 4,
        live: 2,
        hazards: ["asbestos", "gas"],
      }),
      observation({ teamCallSign: "SYR-01", at: "2024-12-11T09:00:00Z", asrLevel: 5, noFurtherWork: true }),
    ]);
    expect(marking.asr.map((a) => `${a.teamCallSign}/${a.level}`)).toEqual([
      "SYR-01/3",
      "JOR-02/4",
      "SYR-01/5",
    ]);
    expect(marking.hazards).toEqual(["asbestos", "gas"]);
    expect(marking.triage).toBe("A");
    expect(marking.victims).toEqual([
      { mark: "V", lines: [] },
      { mark: "V", lines: ["L-2"] },
    ]);
    expect(marking.noFurtherWork).toBe(true);
    const lines = marking.text.split("\n");
    // Hazards above the box, the worksite ID first inside it, triage and victims below it.
    expect(lines[0]).toContain("ASBESTOS");
    expect(lines[1]).toContain("GAS");
    expect(lines[2]?.startsWith("┌")).toBe(true);
    expect(lines[3]).toContain("SYR-01-0007");
    expect(lines[4]).toContain("SYR-01 - ASR 3 - 09 DEC 2024");
    expect(lines[6]).toContain("SYR-01 - ASR 5 - 11 DEC 2024");
    expect(lines[7]?.startsWith("└")).toBe(true);
    expect(lines[8]?.trim()).toBe("A");
    expect(lines.at(-1)).toContain("no further work");
  });
});
