/** The IMDF feature types Athar reads, their files, and the geometry each may carry (OGC 20-094). */

export const IMDF_FEATURE_TYPES = [
  "venue",
  "building",
  "footprint",
  "level",
  "unit",
  "opening",
  "relationship",
] as const;
export type ImdfFeatureType = (typeof IMDF_FEATURE_TYPES)[number];

export const featureFile = (type: ImdfFeatureType): string => `${type}.geojson`;
export const MANIFEST_FILE = "manifest.json";

export type GeometryType =
  | "Point"
  | "MultiPoint"
  | "LineString"
  | "MultiLineString"
  | "Polygon"
  | "MultiPolygon"
  | "GeometryCollection";

/** Geometry types allowed per feature type; `null` in the list means the geometry may be null. */
export const ALLOWED_GEOMETRY: Record<ImdfFeatureType, readonly (GeometryType | null)[]> = {
  venue: ["Polygon", "MultiPolygon"],
  building: [null],
  footprint: ["Polygon", "MultiPolygon"],
  level: ["Polygon", "MultiPolygon"],
  unit: ["Polygon", "MultiPolygon"],
  opening: ["LineString"],
  relationship: [null, "Point", "LineString", "Polygon", "MultiPolygon", "MultiLineString"],
};

/** Which feature types each file must hold, for the files whose features may be referenced. */
export const ARCHIVE_VERSION = "1.0.0";
