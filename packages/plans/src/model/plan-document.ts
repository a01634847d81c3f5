/**
 * A whole site as one value: what IMDF import produces, what export and the analyses consume. It follows the
 * site model of `@athar/core` (site → buildings → levels → spaces, openings between spaces) field for field,
 * and adds what an IMDF archive carries beyond it (footprints, level outlines, wall bodies, relationships), so
 * that an archive survives import → export. Geometry is in local metres (x east, y north) around
 * `site.refLat/refLon`; ids are the IMDF feature UUIDs.
 */
import type {
  BarrierMaterial,
  ExistenceStatus,
  LevelInput,
  OpeningInput,
  Point,
  Polygon,
  SiteInput,
  SpaceInput,
} from "@athar/core";

/** A polygon that may have holes (a courtyard in a footprint, a light well in a level). Rings are open. */
export interface PolygonWithHoles {
  outer: Polygon;
  holes: Polygon[];
}

/**
 * IMDF properties this model does not interpret (restriction, accessibility, display_point, hours, …), kept
 * verbatim so that export writes them back. Never holds the keys the model owns.
 */
export type ExtraProperties = Record<string, unknown>;

/** Multilingual names as IMDF writes them: language tag → text. */
export type Labels = Record<string, string>;

export interface PlanSite extends SiteInput {
  /** The IMDF venue id. */
  id: string;
  imdfCategory: string;
  /** Venue outline. */
  outline: PolygonWithHoles[];
  nameLabels: Labels;
  extra: ExtraProperties;
}

export interface PlanBuilding {
  id: string;
  siteId: string;
  name: string;
  /** The ground footprint, as the core model stores it (first part of the `ground` footprint, if any). */
  footprint: Polygon | null;
  imdfCategory: string;
  nameLabels: Labels;
  extra: ExtraProperties;
}

export const FOOTPRINT_CATEGORIES = ["ground", "aerial", "subterranean"] as const;
export type FootprintCategory = (typeof FOOTPRINT_CATEGORIES)[number];

export interface PlanFootprint {
  id: string;
  buildingIds: string[];
  category: FootprintCategory;
  parts: PolygonWithHoles[];
  nameLabels: Labels | null;
  extra: ExtraProperties;
}

export interface PlanLevel extends LevelInput {
  id: string;
  /** All buildings the level belongs to; `buildingId` is the first. */
  buildingIds: string[];
  /** The level's outline: the area inside which its spaces lie. Empty when unknown. */
  outline: PolygonWithHoles[];
  shortName: string;
  outdoor: boolean;
  imdfCategory: string;
  nameLabels: Labels;
  extra: ExtraProperties;
}

export interface PlanSpace extends SpaceInput {
  id: string;
  /** Holes in the space (a corridor ringing a courtyard). Usually empty. */
  holes: Polygon[];
  /**
   * The IMDF unit this space came from. Equal to `id`, except for the second and later parts of a
   * MultiPolygon unit, which become spaces of their own with derived ids and are merged back on export.
   */
  sourceId: string;
  imdfCategory: string;
  nameLabels: Labels | null;
  extra: ExtraProperties;
}

/** Materials a wall body can be drawn in: the barrier materials plus the IMDF wall categories. */
export type WallMaterial = BarrierMaterial | "drywall" | "glass";

/** A wall body drawn as a feature (IMDF units of category brick, concrete, drywall, …, structure). */
export interface PlanWall {
  id: string;
  levelId: string;
  polygon: Polygon;
  holes: Polygon[];
  material: WallMaterial;
  /** Measured from the polygon on import unless the Athar extension gives it. */
  thicknessM: number | null;
  imdfCategory: string;
  nameLabels: Labels | null;
  extra: ExtraProperties;
}

export interface PlanOpening extends OpeningInput {
  id: string;
  levelId: string;
  /** The opening as drawn (a segment across the doorway); null when only position and width are known. */
  line: [Point, Point] | null;
  imdfCategory: string;
  nameLabels: Labels | null;
  extra: ExtraProperties;
}

export interface FeatureRef {
  id: string;
  featureType: string;
}

export interface PlanRelationship {
  id: string;
  /** elevator, escalator, ramp, stairs, traversal, traversal.path (IMDF). */
  category: string;
  direction: "directed" | "undirected";
  origin: FeatureRef | null;
  intermediary: FeatureRef[];
  destination: FeatureRef | null;
  /** The relationship's own geometry, kept as GeoJSON in WGS84 (rarely used). */
  geometry: unknown;
  extra: ExtraProperties;
}

export interface PlanDocument {
  /** IMDF manifest language: the label language names are read from first. */
  language: string;
  site: PlanSite;
  buildings: PlanBuilding[];
  footprints: PlanFootprint[];
  levels: PlanLevel[];
  spaces: PlanSpace[];
  walls: PlanWall[];
  openings: PlanOpening[];
  relationships: PlanRelationship[];
  /** IMDF files this model does not read (address, amenity, anchor, …): file name → text, written back on export. */
  passthrough: Record<string, string>;
}

export const isKnownToExist = (status: ExistenceStatus): boolean => status !== "ruled_out";
