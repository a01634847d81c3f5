/**
 * The site model: sites → buildings → levels → spaces, with openings between spaces. Geometry is in local
 * metres (x east, y north) around the site's reference point; IMDF import and export convert to WGS84.
 * These zod schemas are the single definition used by the API, the web app and the storage layer.
 */
import { z } from "zod";

export const EXISTENCE_STATUSES = ["known", "suspected", "confirmed", "ruled_out"] as const;
export type ExistenceStatus = (typeof EXISTENCE_STATUSES)[number];

export const SPACE_KINDS = ["cell", "corridor", "room", "stairs", "shaft", "yard", "unknown"] as const;
export type SpaceKind = (typeof SPACE_KINDS)[number];

export const OPENING_KINDS = ["door", "hatch", "vent", "gate", "breach"] as const;
export type OpeningKind = (typeof OPENING_KINDS)[number];

export const LOCK_KINDS = ["none", "mechanical", "electronic", "keypad", "unknown"] as const;
export type LockKind = (typeof LOCK_KINDS)[number];

export const OPENING_STATES = ["open", "closed", "locked", "breached", "sealed"] as const;
export type OpeningState = (typeof OPENING_STATES)[number];

export const BARRIER_MATERIALS = [
  "wood",
  "steel",
  "steel_bars",
  "concrete",
  "reinforced_concrete",
  "brick",
  "unknown",
] as const;
export type BarrierMaterial = (typeof BARRIER_MATERIALS)[number];

/** Largest coordinate accepted, in metres from the reference point: a facility is not 100 km across. */
export const MAX_LOCAL_COORDINATE_M = 100_000;

const coordinate = z.number().finite().min(-MAX_LOCAL_COORDINATE_M).max(MAX_LOCAL_COORDINATE_M);
export const pointSchema = z.tuple([coordinate, coordinate]);
export type Point = z.infer<typeof pointSchema>;

/** A simple polygon as an open ring (the first point is not repeated at the end). */
export const polygonSchema = z.array(pointSchema).min(3).max(10_000);
export type Polygon = z.infer<typeof polygonSchema>;

const name = z.string().trim().min(1).max(200);
const notes = z.string().max(10_000);

export const siteInputSchema = z.strictObject({
  name,
  description: notes.default(""),
  /** WGS84 reference point: local (0, 0). Optional until the site is placed on a map. */
  refLat: z.number().min(-90).max(90).nullable().default(null),
  refLon: z.number().min(-180).max(180).nullable().default(null),
});
export type SiteInput = z.infer<typeof siteInputSchema>;

export const buildingInputSchema = z.strictObject({
  siteId: z.uuid(),
  name,
  footprint: polygonSchema.nullable().default(null),
});
export type BuildingInput = z.infer<typeof buildingInputSchema>;

export const levelInputSchema = z.strictObject({
  buildingId: z.uuid(),
  name,
  /** 0 ground, negative below ground (IMDF `level.ordinal`). */
  ordinal: z.number().int().min(-50).max(200),
  status: z.enum(EXISTENCE_STATUSES).default("known"),
});
export type LevelInput = z.infer<typeof levelInputSchema>;

export const spaceInputSchema = z.strictObject({
  levelId: z.uuid(),
  name: z.string().trim().max(200).default(""),
  kind: z.enum(SPACE_KINDS),
  status: z.enum(EXISTENCE_STATUSES).default("known"),
  polygon: polygonSchema,
  notes: notes.default(""),
});
export type SpaceInput = z.infer<typeof spaceInputSchema>;

export const barrierSchema = z.strictObject({
  lock: z.enum(LOCK_KINDS).default("none"),
  material: z.enum(BARRIER_MATERIALS).default("unknown"),
  thicknessM: z.number().positive().max(10).nullable().default(null),
  concealed: z.boolean().default(false),
  state: z.enum(OPENING_STATES).default("closed"),
});
export type Barrier = z.infer<typeof barrierSchema>;

export const openingInputSchema = z.strictObject({
  kind: z.enum(OPENING_KINDS),
  name: z.string().trim().max(200).default(""),
  /** One space, or two. With one, the opening leads outside (or to nothing known: a hidden-space signal). */
  spaceAId: z.uuid(),
  spaceBId: z.uuid().nullable().default(null),
  /** Centre of the opening, local metres. */
  position: pointSchema,
  widthM: z.number().positive().max(20).default(0.9),
  barrier: barrierSchema.prefault({}),
});
export type OpeningInput = z.infer<typeof openingInputSchema>;

/**
 * How far, in metres, an opening's centre may lie from a space it connects. Spaces are drawn as the inside of
 * rooms, so a door sits in a wall between them; walls thicker than this are rare enough that a plan drawing
 * one should place the door in it explicitly.
 */
export const OPENING_REACH_M = 1.0;

const id = z.uuid();

export const siteSchema = siteInputSchema.extend({ id, createdAt: z.string(), updatedAt: z.string() });
export const buildingSchema = buildingInputSchema.extend({ id });
export const levelSchema = levelInputSchema.extend({ id });
export const spaceSchema = spaceInputSchema.extend({ id });
export const openingSchema = openingInputSchema.extend({ id });

export type Site = z.infer<typeof siteSchema>;
export type Building = z.infer<typeof buildingSchema>;
export type Level = z.infer<typeof levelSchema>;
export type Space = z.infer<typeof spaceSchema>;
export type Opening = z.infer<typeof openingSchema>;
