/**
 * How long it takes to move through a facility and through what stands in the way. Every number is a
 * min / likely / max range in minutes with its source. No public table of breaching times per material was
 * found (see docs/decisions/plans-breach-costs.md): the default breaching rows are illustrative estimates,
 * marked so, to be replaced by a calibrated table passed in by the team (`--costs` on the CLI).
 */
import { z } from "zod";

export const BREACH_TOOLS = ["hand", "power", "hydraulic"] as const;
export type BreachTool = (typeof BREACH_TOOLS)[number];

/** INSARAG classes of USAR team (light, medium, heavy): what equipment and training a team brings. */
export const TEAM_CAPABILITIES = ["light", "medium", "heavy"] as const;
export type TeamCapability = (typeof TEAM_CAPABILITIES)[number];

export const BREACH_TARGETS = ["wall", "slab", "door"] as const;
export type BreachTarget = (typeof BREACH_TARGETS)[number];

export const PASSAGE_MODES = ["open", "unlocked", "key", "badge", "code"] as const;
export type PassageMode = (typeof PASSAGE_MODES)[number];

const timeRangeSchema = z
  .strictObject({ min: z.number().min(0), likely: z.number().min(0), max: z.number().min(0) })
  .refine((t) => t.min <= t.likely && t.likely <= t.max, "needs min ≤ likely ≤ max");
export type TimeRange = z.infer<typeof timeRangeSchema>;

const sourced = z.strictObject({ minutes: timeRangeSchema, source: z.string().min(1) });

export const breachRowSchema = z.strictObject({
  target: z.enum(BREACH_TARGETS),
  /** A barrier or wall material (concrete, brick, steel, …) or "unknown" as the fallback for its target. */
  material: z.string().min(1),
  /** Thickness the times are for (m); times scale linearly with thickness (ignored for doors). */
  thicknessM: z.number().positive(),
  tool: z.enum(BREACH_TOOLS),
  /** A row for one capability, or "any" with the capability factors applied. */
  capability: z.enum([...TEAM_CAPABILITIES, "any"]),
  minutes: timeRangeSchema,
  source: z.string().min(1),
  illustrative: z.boolean(),
});
export type BreachRow = z.infer<typeof breachRowSchema>;

export const costTableSchema = z.strictObject({
  illustrative: z.boolean(),
  /** Seconds per metre walked (the min is the fastest pace). */
  walking: z.strictObject({ secondsPerMetre: timeRangeSchema, source: z.string().min(1) }),
  stairsPerLevel: sourced,
  /** Going up or down a shaft (or a breached slab) by rope or ladder, per level. */
  shaftPerLevel: sourced,
  passage: z.strictObject({
    open: sourced,
    unlocked: sourced,
    key: sourced,
    badge: sourced,
    code: sourced,
  }),
  capabilityFactor: z.strictObject({
    light: z.number().positive(),
    medium: z.number().positive(),
    heavy: z.number().positive(),
    source: z.string().min(1),
  }),
  breaching: z.array(breachRowSchema),
});
export type CostTable = z.infer<typeof costTableSchema>;

export const addTimes = (a: TimeRange, b: TimeRange): TimeRange => ({
  min: a.min + b.min,
  likely: a.likely + b.likely,
  max: a.max + b.max,
});
export const scaleTime = (t: TimeRange, factor: number): TimeRange => ({
  min: t.min * factor,
  likely: t.likely * factor,
  max: t.max * factor,
});
export const ZERO_TIME: TimeRange = { min: 0, likely: 0, max: 0 };

/**
 * Time to breach: the row for the target, material, tool and capability (else the "any" row times the
 * capability factor), falling back to the "unknown" material; scaled by thickness for walls and slabs. Null
 * when the table has no row: that breach is not possible with that tool.
 */
export function breachTime(
  table: CostTable,
  target: BreachTarget,
  material: string,
  thicknessM: number | null,
  tool: BreachTool,
  capability: TeamCapability,
): { time: TimeRange; row: BreachRow } | null {
  for (const wanted of [material, "unknown"]) {
    const rows = table.breaching.filter(
      (r) => r.target === target && r.material === wanted && r.tool === tool,
    );
    const exact = rows.find((r) => r.capability === capability);
    const any = rows.find((r) => r.capability === "any");
    const row = exact ?? any;
    if (!row) continue;
    const capabilityScale = exact ? 1 : table.capabilityFactor[capability];
    const thicknessScale = target === "door" || thicknessM === null ? 1 : thicknessM / row.thicknessM;
    return { time: scaleTime(row.minutes, capabilityScale * thicknessScale), row };
  }
  return null;
}

const ILLUSTRATIVE =
  "Illustrative estimate by the Athar team, not calibrated: no public table of breaching times per material was found. Replace with field data.";

const row = (
  target: BreachTarget,
  material: string,
  thicknessM: number,
  tool: BreachTool,
  min: number,
  likely: number,
  max: number,
): BreachRow => ({
  target,
  material,
  thicknessM,
  tool,
  capability: "any",
  minutes: { min, likely, max },
  source: ILLUSTRATIVE,
  illustrative: true,
});

/**
 * The default table. Breaching times are for a medium team making an opening a person can pass (the doctrine
 * of an inspection hole first, then a triangle about 90 cm a side), through the given thickness.
 */
export const DEFAULT_COST_TABLE: CostTable = {
  illustrative: true,
  walking: {
    secondsPerMetre: { min: 0.7, likely: 1.0, max: 2.5 },
    source:
      "Free walking speed about 1.2–1.5 m/s (Fruin 1971; Knoblauch, Pietrucha & Nitzburg 1996, TRR 1538) gives the minimum; likely and maximum slowed for darkness, debris and caution: judgement, illustrative.",
  },
  stairsPerLevel: {
    minutes: { min: 0.3, likely: 0.5, max: 2 },
    source:
      "About 15–20 steps per storey at roughly 0.5 s a step (Fruin 1971), slowed for carrying kit and debris: illustrative.",
  },
  shaftPerLevel: {
    minutes: { min: 2, likely: 5, max: 15 },
    source:
      "Rigging and a roped descent or ladder through a shaft or breached slab, per storey: judgement, illustrative.",
  },
  passage: {
    open: { minutes: { min: 0, likely: 0, max: 0.05 }, source: "Nothing to do: illustrative." },
    unlocked: {
      minutes: { min: 0.05, likely: 0.1, max: 0.5 },
      source: "Open a closed door, check what is behind: illustrative.",
    },
    key: {
      minutes: { min: 0.2, likely: 0.5, max: 3 },
      source: "Find the key on a ring of unlabelled keys and open: illustrative.",
    },
    badge: {
      minutes: { min: 0.1, likely: 0.2, max: 1 },
      source: "Badge or release from a powered control point: illustrative.",
    },
    code: { minutes: { min: 0.1, likely: 0.3, max: 1 }, source: "Enter a known code: illustrative." },
  },
  capabilityFactor: {
    light: 1.5,
    medium: 1,
    heavy: 0.75,
    source:
      "Relative speed of INSARAG light, medium and heavy teams (equipment and training): judgement, illustrative.",
  },
  breaching: [
    row("wall", "drywall", 0.1, "hand", 2, 4, 8),
    row("wall", "drywall", 0.1, "power", 1, 2, 4),
    row("wall", "drywall", 0.1, "hydraulic", 1, 2, 4),
    row("wall", "glass", 0.02, "hand", 0.5, 1, 3),
    row("wall", "glass", 0.02, "power", 0.5, 1, 3),
    row("wall", "glass", 0.02, "hydraulic", 0.5, 1, 3),
    row("wall", "wood", 0.1, "hand", 3, 6, 12),
    row("wall", "wood", 0.1, "power", 2, 4, 8),
    row("wall", "wood", 0.1, "hydraulic", 2, 4, 8),
    row("wall", "brick", 0.2, "hand", 10, 20, 40),
    row("wall", "brick", 0.2, "power", 6, 12, 25),
    row("wall", "brick", 0.2, "hydraulic", 8, 15, 30),
    row("wall", "concrete", 0.2, "hand", 30, 60, 120),
    row("wall", "concrete", 0.2, "power", 15, 30, 60),
    row("wall", "concrete", 0.2, "hydraulic", 12, 25, 50),
    row("wall", "reinforced_concrete", 0.2, "hand", 90, 180, 360),
    row("wall", "reinforced_concrete", 0.2, "power", 25, 45, 90),
    row("wall", "reinforced_concrete", 0.2, "hydraulic", 20, 40, 80),
    row("wall", "steel", 0.01, "hand", 60, 120, 240),
    row("wall", "steel", 0.01, "power", 10, 20, 40),
    row("wall", "steel", 0.01, "hydraulic", 15, 30, 60),
    // Unknown walls are planned as reinforced concrete: the slow case, so no plan counts on luck.
    row("wall", "unknown", 0.2, "hand", 90, 180, 360),
    row("wall", "unknown", 0.2, "power", 25, 45, 90),
    row("wall", "unknown", 0.2, "hydraulic", 20, 40, 80),
    row("slab", "reinforced_concrete", 0.2, "hand", 120, 240, 480),
    row("slab", "reinforced_concrete", 0.2, "power", 30, 60, 120),
    row("slab", "reinforced_concrete", 0.2, "hydraulic", 25, 50, 100),
    row("slab", "concrete", 0.2, "power", 20, 40, 80),
    row("slab", "concrete", 0.2, "hydraulic", 18, 35, 70),
    row("slab", "wood", 0.05, "hand", 5, 10, 20),
    row("slab", "wood", 0.05, "power", 3, 6, 12),
    row("slab", "unknown", 0.2, "power", 30, 60, 120),
    row("slab", "unknown", 0.2, "hydraulic", 25, 50, 100),
    row("door", "wood", 0.05, "hand", 0.5, 1, 3),
    row("door", "wood", 0.05, "power", 0.5, 1, 2),
    row("door", "wood", 0.05, "hydraulic", 0.3, 0.7, 1.5),
    row("door", "steel", 0.05, "hand", 5, 10, 30),
    row("door", "steel", 0.05, "power", 3, 6, 12),
    row("door", "steel", 0.05, "hydraulic", 1, 3, 6),
    row("door", "steel_bars", 0.05, "hand", 10, 20, 40),
    row("door", "steel_bars", 0.05, "power", 3, 6, 12),
    row("door", "steel_bars", 0.05, "hydraulic", 2, 4, 8),
    row("door", "unknown", 0.05, "hand", 5, 10, 30),
    row("door", "unknown", 0.05, "power", 3, 6, 12),
    row("door", "unknown", 0.05, "hydraulic", 1, 3, 6),
  ],
};

/** Reads a cost table from parsed JSON (a file given to the CLI), naming the first problem found. */
export function parseCostTable(
  json: unknown,
): { ok: true; table: CostTable } | { ok: false; message: string } {
  const parsed = costTableSchema.safeParse(json);
  if (parsed.success) return { ok: true, table: parsed.data };
  const issue = parsed.error.issues[0];
  return {
    ok: false,
    message: issue ? `${issue.path.join(".") || "(root)"}: ${issue.message}` : "invalid cost table",
  };
}
