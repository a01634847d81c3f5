import { describe, expect, it } from "vitest";
import { mattsonConsensus } from "../src/mattson";

describe("Mattson consensus", () => {
  it("averages each planner's normalised vector", () => {
    // Planner 1 scores on a 0–100 scale, planner 2 on 0–1; each gets the same say.
    const consensus = mattsonConsensus(
      ["A", "B", "ROW"],
      [
        { A: 60, B: 30, ROW: 10 },
        { A: 0.2, B: 0.6, ROW: 0.2 },
      ],
    );
    expect(consensus[0]).toBeCloseTo(0.4, 12);
    expect(consensus[1]).toBeCloseTo(0.45, 12);
    expect(consensus[2]).toBeCloseTo(0.15, 12);
  });

  it("counts a segment a planner left out as 0 for that planner, and refuses unknown ids", () => {
    expect(mattsonConsensus(["A", "B"], [{ A: 1 }, { A: 1, B: 1 }])).toEqual([0.75, 0.25]);
    expect(() => mattsonConsensus(["A"], [{ Z: 1 }])).toThrow(/unknown segment Z/);
    expect(() => mattsonConsensus(["A"], [])).toThrow();
    expect(() => mattsonConsensus(["A"], [{ A: -1 }])).toThrow();
  });
});
