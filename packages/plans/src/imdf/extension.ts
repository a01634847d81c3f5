/**
 * The Athar extension to IMDF. IMDF lets an archive declare extensions in `manifest.json` (`extensions`, a
 * list of identifiers) and carry their data in feature properties; readers that do not know an extension
 * ignore its properties. Athar's properties all start with `athar:` so they can never clash with IMDF's own.
 *
 * | feature | property | value |
 * | --- | --- | --- |
 * | venue | `athar:ref` | [lon, lat] of the local reference point (local 0, 0) |
 * | venue | `athar:description` | site description |
 * | level | `athar:status` | known, suspected, confirmed, ruled_out |
 * | unit (space) | `athar:kind`, `athar:status`, `athar:notes` | space kind (cell, …), status, notes |
 * | unit (wall) | `athar:material`, `athar:thickness_m` | wall material, thickness in metres |
 * | opening | `athar:kind` | door, hatch, vent, gate, breach |
 * | opening | `athar:barrier` | {lock, material, thickness_m, concealed, state} |
 * | opening | `athar:space_ids` | [unit id, unit id or null]: the spaces it joins (else inferred from geometry) |
 * | unit (MultiPolygon) | `athar:part_ids` | ids of the spaces its polygons became (first = the unit's id) |
 */
import {
  BARRIER_MATERIALS,
  EXISTENCE_STATUSES,
  LOCK_KINDS,
  OPENING_KINDS,
  OPENING_STATES,
  SPACE_KINDS,
} from "@athar/core";
import { z } from "zod";

export const ATHAR_EXTENSION_ID = "imdf:extension:athar:site#1.0.0";
export const ATHAR_PREFIX = "athar:";

export const ATHAR_KEYS = {
  ref: "athar:ref",
  description: "athar:description",
  status: "athar:status",
  kind: "athar:kind",
  notes: "athar:notes",
  material: "athar:material",
  thickness: "athar:thickness_m",
  barrier: "athar:barrier",
  spaceIds: "athar:space_ids",
  partIds: "athar:part_ids",
} as const;

export const WALL_MATERIALS = [...BARRIER_MATERIALS, "drywall", "glass"] as const;

export const atharSchemas = {
  [ATHAR_KEYS.ref]: z.tuple([z.number().min(-180).max(180), z.number().min(-89).max(89)]),
  [ATHAR_KEYS.description]: z.string().max(10_000),
  [ATHAR_KEYS.status]: z.enum(EXISTENCE_STATUSES),
  spaceKind: z.enum(SPACE_KINDS),
  openingKind: z.enum(OPENING_KINDS),
  [ATHAR_KEYS.notes]: z.string().max(10_000),
  [ATHAR_KEYS.material]: z.enum(WALL_MATERIALS),
  [ATHAR_KEYS.thickness]: z.number().positive().max(10),
  [ATHAR_KEYS.barrier]: z.strictObject({
    lock: z.enum(LOCK_KINDS),
    material: z.enum(BARRIER_MATERIALS),
    thickness_m: z.number().positive().max(10).nullable(),
    concealed: z.boolean(),
    state: z.enum(OPENING_STATES),
  }),
  [ATHAR_KEYS.spaceIds]: z.tuple([z.uuid(), z.uuid().nullable()]),
  [ATHAR_KEYS.partIds]: z.array(z.uuid()).min(1),
};

/** Splits feature properties into the Athar extension's and everything else. */
export function splitAtharProperties(properties: Record<string, unknown>): {
  athar: Record<string, unknown>;
  rest: Record<string, unknown>;
} {
  const athar: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(properties)) {
    if (key.startsWith(ATHAR_PREFIX)) athar[key] = value;
    else rest[key] = value;
  }
  return { athar, rest };
}
