/**
 * The heat map's colour scale: viridis (perceptually uniform, readable with the common colour vision
 * deficiencies and in greyscale), from light (little probability) to dark (much). The coverage report uses
 * the same stops (packages/server/src/search/palette.ts).
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

function rgb(value: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(value.slice(i, i + 2), 16)) as [number, number, number];
}

/** Colour of t in [0, 1]: 0 light yellow, 1 dark purple. */
export function probabilityColour(t: number): string {
  const clamped = Math.max(0, Math.min(1, Number.isFinite(t) ? t : 0));
  const position = (1 - clamped) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(position));
  const f = position - i;
  const a = rgb(VIRIDIS[i] ?? "#000000");
  const b = rgb(VIRIDIS[i + 1] ?? "#000000");
  const mix = a.map((c, k) => Math.round(c + ((b[k] ?? c) - c) * f));
  return `#${mix.map((c) => c.toString(16).padStart(2, "0")).join("")}`;
}

/** Fill of a space the search log does not know (not synced yet, or ruled out). */
export const NOT_IN_LOG = "#dee2e6";
