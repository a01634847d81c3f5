/**
 * The colour scale of probability on plans: viridis (perceptually uniform, readable with the common colour
 * vision deficiencies and in greyscale), run from light (little probability) to dark (much), so that on a
 * white page the likeliest spaces stand out. The web app's heat map uses the same stops
 * (packages/web/src/pages/search/palette.ts).
 */
const VIRIDIS = [
  "#440154",
  "#482878",
  "#3e4989",
  "#31688e",
  "#26828e",
  "#1f9e89",
  "#35b779",
  "#6ece58",
  "#b5de2b",
  "#fde725",
];

function hex(value: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(value.slice(i, i + 2), 16)) as [number, number, number];
}

/** Colour of t in [0, 1]: 0 light yellow, 1 dark purple. */
export function probabilityColour(t: number): string {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  const position = (1 - clamped) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - i;
  const a = hex(VIRIDIS[i]!);
  const b = hex(VIRIDIS[i + 1]!);
  const mix = a.map((c, k) => Math.round(c + (b[k]! - c) * f));
  return `#${mix.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

/** Text colour that stays readable on a scale colour. */
export const inkOn = (t: number): string => (t > 0.45 ? "#ffffff" : "#1b1b1b");
