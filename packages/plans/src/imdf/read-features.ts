/**
 * First pass over an archive: JSON syntax, FeatureCollection structure, ids, feature types and the shape of
 * every geometry. What comes out is structurally sound; what the features mean (references, polygons in
 * metres, placement) is checked by validate-features.ts.
 */
import { isUuid } from "@athar/core";
import { type ArchiveFiles, fileText } from "./archive";
import {
  ALLOWED_GEOMETRY,
  featureFile,
  type GeometryType,
  IMDF_FEATURE_TYPES,
  type ImdfFeatureType,
  MANIFEST_FILE,
} from "./feature-types";
import type { ProblemList } from "./problems";

/** A [lon, lat] position. */
export type Position = [number, number];
/** Rings as in the file: closed (first = last), first ring outer, others holes. */
export type RawPolygon = Position[][];

export type RawGeometry =
  | { type: "Point"; coordinates: Position }
  | { type: "LineString"; coordinates: Position[] }
  | { type: "MultiLineString"; coordinates: Position[][] }
  | { type: "Polygon"; coordinates: RawPolygon }
  | { type: "MultiPolygon"; coordinates: RawPolygon[] };

export interface RawFeature {
  file: string;
  id: string;
  featureType: ImdfFeatureType;
  geometry: RawGeometry | null;
  properties: Record<string, unknown>;
}

export interface RawManifest {
  version: string;
  created: string;
  generatedBy: string | null;
  language: string;
  extensions: string[];
  /** Members of manifest.json beyond those above, kept for export. */
  extra: Record<string, unknown>;
}

export interface RawArchive {
  manifest: RawManifest;
  features: Record<ImdfFeatureType, RawFeature[]>;
  /** Files not read as features (address.geojson, amenity.geojson, …): name → text. */
  passthrough: Record<string, string>;
  /** Feature ids found in pass-through GeoJSON files, with their feature type, so references to them resolve. */
  passthroughIds: Map<string, string>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parseJson(file: string, text: string, problems: ProblemList): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    problems.error(file, null, "invalid_json", error instanceof Error ? error.message : String(error));
    return undefined;
  }
}

function readManifest(files: ArchiveFiles, problems: ProblemList): RawManifest {
  const fallback: RawManifest = {
    version: "1.0.0",
    created: "",
    generatedBy: null,
    language: "en",
    extensions: [],
    extra: {},
  };
  const contents = files.get(MANIFEST_FILE);
  if (contents === undefined) {
    problems.error(MANIFEST_FILE, null, "missing_file", "an IMDF archive must contain manifest.json");
    return fallback;
  }
  const json = parseJson(MANIFEST_FILE, fileText(contents), problems);
  if (json === undefined) return fallback;
  if (!isRecord(json)) {
    problems.error(MANIFEST_FILE, null, "manifest_invalid", "manifest.json must hold a JSON object");
    return fallback;
  }
  const { version, created, generated_by, language, extensions, ...extra } = json;
  if (typeof version !== "string") {
    problems.error(MANIFEST_FILE, null, "manifest_invalid", '"version" must be a string such as "1.0.0"');
  }
  if (typeof created !== "string") {
    problems.warning(MANIFEST_FILE, null, "manifest_invalid", '"created" should be a date-time string');
  }
  if (typeof language !== "string") {
    problems.warning(
      MANIFEST_FILE,
      null,
      "manifest_invalid",
      '"language" should be a language tag; using "en"',
    );
  }
  if (extensions !== undefined && extensions !== null && !Array.isArray(extensions)) {
    problems.error(
      MANIFEST_FILE,
      null,
      "manifest_invalid",
      '"extensions" must be null or a list of identifiers',
    );
  }
  return {
    version: typeof version === "string" ? version : fallback.version,
    created: typeof created === "string" ? created : "",
    generatedBy: typeof generated_by === "string" ? generated_by : null,
    language: typeof language === "string" && language.length > 0 ? language : "en",
    extensions: Array.isArray(extensions) ? extensions.filter((e): e is string => typeof e === "string") : [],
    extra,
  };
}

function checkPosition(value: unknown): value is Position {
  if (!Array.isArray(value) || value.length < 2) return false;
  const [lon, lat] = value;
  return (
    typeof lon === "number" &&
    typeof lat === "number" &&
    Number.isFinite(lon) &&
    Number.isFinite(lat) &&
    lon >= -180 &&
    lon <= 180 &&
    lat >= -90 &&
    lat <= 90
  );
}

/** Checks positions, ring closure and sizes; returns a reason when the coordinates are malformed. */
function coordinateProblem(type: GeometryType, coordinates: unknown): string | null {
  const positions = (value: unknown, min: number, what: string): string | null => {
    if (!Array.isArray(value) || value.length < min) return `${what} needs at least ${min} positions`;
    for (const p of value)
      if (!checkPosition(p)) return `${what} has a position that is not [lon, lat] in range`;
    return null;
  };
  const polygon = (value: unknown): string | null => {
    if (!Array.isArray(value) || value.length === 0) return "a polygon needs at least one ring";
    for (const ring of value) {
      const problem = positions(ring, 4, "a ring");
      if (problem) return problem;
      const first = (ring as Position[])[0]!;
      const last = (ring as Position[])[(ring as Position[]).length - 1]!;
      if (first[0] !== last[0] || first[1] !== last[1])
        return "a ring is not closed (first and last positions differ)";
    }
    return null;
  };
  switch (type) {
    case "Point":
      return checkPosition(coordinates) ? null : "a point must be [lon, lat] in range";
    case "LineString":
      return positions(coordinates, 2, "a line");
    case "MultiLineString":
      if (!Array.isArray(coordinates)) return "a multi-line must be a list of lines";
      for (const line of coordinates) {
        const problem = positions(line, 2, "a line");
        if (problem) return problem;
      }
      return null;
    case "Polygon":
      return polygon(coordinates);
    case "MultiPolygon":
      if (!Array.isArray(coordinates) || coordinates.length === 0)
        return "a multi-polygon needs at least one polygon";
      for (const part of coordinates) {
        const problem = polygon(part);
        if (problem) return problem;
      }
      return null;
    default:
      return `${type} is not read`;
  }
}

function readFeatureFile(
  type: ImdfFeatureType,
  files: ArchiveFiles,
  problems: ProblemList,
  seenIds: Map<string, string>,
): RawFeature[] {
  const file = featureFile(type);
  const contents = files.get(file);
  if (contents === undefined) {
    // A venue, its buildings and levels are the minimum an archive needs to describe anything.
    if (type === "venue" || type === "building" || type === "level") {
      problems.error(file, null, "missing_file", `the archive has no ${file}`);
    }
    return [];
  }
  const json = parseJson(file, fileText(contents), problems);
  if (json === undefined) return [];
  if (!isRecord(json) || json.type !== "FeatureCollection" || !Array.isArray(json.features)) {
    problems.error(
      file,
      null,
      "not_feature_collection",
      'must be a GeoJSON FeatureCollection with a "features" list',
    );
    return [];
  }
  const result: RawFeature[] = [];
  json.features.forEach((feature: unknown, index: number) => {
    if (!isRecord(feature) || feature.type !== "Feature") {
      problems.error(file, null, "not_feature", `entry ${index} of "features" is not a GeoJSON Feature`);
      return;
    }
    const id = typeof feature.id === "string" ? feature.id : String(feature.id ?? `#${index}`);
    if (typeof feature.id !== "string" || !isUuid(feature.id)) {
      problems.error(
        file,
        id,
        "invalid_uuid",
        `feature ${index} has id ${JSON.stringify(feature.id)}, not a UUID`,
      );
      return;
    }
    const previous = seenIds.get(id);
    if (previous) {
      problems.error(file, id, "duplicate_id", `the id is already used in ${previous}`);
      return;
    }
    seenIds.set(id, file);
    if (feature.feature_type !== type) {
      problems.error(
        file,
        id,
        "wrong_feature_type",
        `feature_type is ${JSON.stringify(feature.feature_type)}, expected "${type}"`,
      );
      return;
    }
    const properties = feature.properties;
    if (!isRecord(properties)) {
      problems.error(file, id, "missing_property", '"properties" must be an object');
      return;
    }
    const geometry = feature.geometry ?? null;
    const allowed = ALLOWED_GEOMETRY[type];
    if (geometry === null) {
      if (!allowed.includes(null)) {
        problems.error(
          file,
          id,
          "wrong_geometry_type",
          `a ${type} needs a ${allowed.join(" or ")} geometry, found null`,
        );
        return;
      }
      result.push({ file, id, featureType: type, geometry: null, properties });
      return;
    }
    if (!isRecord(geometry) || typeof geometry.type !== "string") {
      problems.error(file, id, "wrong_geometry_type", "geometry is neither null nor a GeoJSON geometry");
      return;
    }
    const geometryType = geometry.type as GeometryType;
    if (!allowed.includes(geometryType)) {
      const expected = allowed.map((a) => a ?? "null").join(" or ");
      problems.error(
        file,
        id,
        "wrong_geometry_type",
        `a ${type} needs a ${expected} geometry, found ${geometry.type}`,
      );
      return;
    }
    const problem = coordinateProblem(geometryType, geometry.coordinates);
    if (problem) {
      problems.error(file, id, "invalid_coordinates", problem);
      return;
    }
    result.push({
      file,
      id,
      featureType: type,
      geometry: { type: geometryType, coordinates: geometry.coordinates } as RawGeometry,
      properties,
    });
  });
  return result;
}

export function readArchiveFeatures(files: ArchiveFiles, problems: ProblemList): RawArchive {
  const manifest = readManifest(files, problems);
  const seenIds = new Map<string, string>();
  const features = {} as Record<ImdfFeatureType, RawFeature[]>;
  for (const type of IMDF_FEATURE_TYPES) features[type] = readFeatureFile(type, files, problems, seenIds);
  const known = new Set<string>([MANIFEST_FILE, ...IMDF_FEATURE_TYPES.map(featureFile)]);
  const passthrough: Record<string, string> = {};
  const passthroughIds = new Map<string, string>();
  for (const [name, contents] of files) {
    if (known.has(name)) continue;
    const text = fileText(contents);
    passthrough[name] = text;
    if (!name.endsWith(".geojson")) continue;
    const json = parseJson(name, text, problems);
    if (!isRecord(json) || !Array.isArray(json.features)) continue;
    for (const feature of json.features) {
      if (isRecord(feature) && typeof feature.id === "string") {
        passthroughIds.set(feature.id, typeof feature.feature_type === "string" ? feature.feature_type : "");
      }
    }
  }
  return { manifest, features, passthrough, passthroughIds };
}
