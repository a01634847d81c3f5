/**
 * The search pages' pure helpers: the heat map's colour scale (the same stops as the report's, light for
 * little probability, ordered so that darker always means more), probabilities typed by people (0.3, 0,3,
 * 30 %, Arabic digits), and relay lists.
 */
import { describe, expect, it } from "vitest";
import { probabilityColour as serverColour } from "../../server/src/search/palette";
import { splitList } from "../src/pages/search/EvidenceForm";
import { parseProbability } from "../src/pages/search/HypothesisPanel";
import { probabilityColour } from "../src/pages/search/palette";

const luminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255) as [
    number,
    number,
    number,
  ];
  const linear = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
};

describe("heat-map colours", () => {
  it("run from light to dark without a step back, and match the report's scale", () => {
    const steps = Array.from({ length: 101 }, (_, i) => i / 100);
    const values = steps.map((t) => luminance(probabilityColour(t)));
    for (let i = 1; i < values.length; i++) expect(values[i]!).toBeLessThan(values[i - 1]!);
    for (const t of steps) expect(probabilityColour(t)).toBe(serverColour(t));
    expect(probabilityColour(0)).toBe("#fde725");
    expect(probabilityColour(1)).toBe("#440154");
    // Out of range and not-a-number values stay on the scale.
    expect(probabilityColour(-1)).toBe(probabilityColour(0));
    expect(probabilityColour(2)).toBe(probabilityColour(1));
    expect(probabilityColour(Number.NaN)).toBe(probabilityColour(0));
  });
});

describe("typed probabilities and lists", () => {
  it("reads 0.3, 0,3, 30 %, ٣٠٪ and refuses 0, negatives and words", () => {
    expect(parseProbability("0.3")).toBeCloseTo(0.3, 12);
    expect(parseProbability("0,3")).toBeCloseTo(0.3, 12);
    expect(parseProbability("30%")).toBeCloseTo(0.3, 12);
    expect(parseProbability("٣٠٪")).toBeCloseTo(0.3, 12);
    expect(parseProbability("1")).toBe(1);
    expect(parseProbability("0")).toBeNull();
    expect(parseProbability("-0.2")).toBeNull();
    expect(parseProbability("150%")).toBeNull();
    expect(parseProbability("half")).toBeNull();
  });

  it("splits relays on Latin and Arabic commas, semicolons and new lines", () => {
    expect(splitList("lawyer-3, channel-9")).toEqual(["lawyer-3", "channel-9"]);
    expect(splitList("محامٍ-٣، قناة;\n x ,, ")).toEqual(["محامٍ-٣", "قناة", "x"]);
    expect(splitList("")).toEqual([]);
  });
});
