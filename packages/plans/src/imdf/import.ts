/**
 * IMDF archive → PlanDocument. Reads every feature, checks it (structure, UUIDs, geometry types, references,
 * polygons in local metres, units on their level, openings on units), and converts it. All-or-nothing: when
 * any error is found the result lists every problem and carries no document.
 */
import { isUuid, OPENING_REACH_M, type Point } from "@athar/core";
import { distanceToPolygon } from "../geometry/polygon";
import { type LocalProjection, localProjection } from "../geometry/projection";
import { frameFromLine, probeSides } from "../model/opening-sides";
import type {
  ExtraProperties,
  FeatureRef,
  FootprintCategory,
  PlanBuilding,
  PlanDocument,
  PlanFootprint,
  PlanLevel,
  PlanOpening,
  PlanRelationship,
  PlanSpace,
  PlanWall,
} from "../model/plan-document";
import { FOOTPRINT_CATEGORIES } from "../model/plan-document";
import { buildSpaceLocator } from "../model/space-locator";
import { ArchiveError, type ArchiveFiles, type ArchiveLimits, unzipArchive } from "./archive";
import {
  accessControlToLock,
  doorMaterialToBarrier,
  isWallCategory,
  openingCategoryToKind,
  unitCategoryToKind,
  WALL_UNIT_CATEGORIES,
} from "./categories";
import { ATHAR_KEYS, atharSchemas, splitAtharProperties } from "./extension";
import { featureFile } from "./feature-types";
import { pickLabel, readLabels } from "./labels";
import { distanceToRegion, type GeometryContext, localPolygons, openRing } from "./local-geometry";
import { derivedPartId } from "./part-ids";
import { type ImportProblem, ProblemList } from "./problems";
import { type RawArchive, type RawFeature, type RawGeometry, readArchiveFeatures } from "./read-features";
import { wallThickness } from "./wall-thickness";

export type ImportResult =
  | { ok: true; document: PlanDocument; warnings: ImportProblem[] }
  | { ok: false; problems: ImportProblem[] };

/** How far (m) a unit's vertex may stick out of its level's outline before it counts as off the level. */
export const UNIT_ON_LEVEL_TOLERANCE_M = 0.5;

/** How far (m) an opening touching no unit may be from one and still be attached to it. */
const FAR_OPENING_M = 5;

const boxAround = ([x, y]: Point, margin: number) => ({
  minX: x - margin,
  minY: y - margin,
  maxX: x + margin,
  maxY: y + margin,
});

function nearestSpace(
  candidates: readonly PlanSpace[],
  point: Point,
): { space: PlanSpace; distance: number } | null {
  let best: { space: PlanSpace; distance: number } | null = null;
  for (const space of candidates) {
    const distance = distanceToPolygon(point, space.polygon);
    if (!best || distance < best.distance) best = { space, distance };
  }
  return best;
}

/** Imports an archive given as files (a folder read into memory, or an unzipped archive). */
export function importImdf(files: ArchiveFiles): ImportResult {
  const problems = new ProblemList();
  const raw = readArchiveFeatures(files, problems);
  const document = convert(raw, problems);
  if (problems.hasErrors || !document) {
    return { ok: false, problems: problems.problems.length > 0 ? problems.problems : [] };
  }
  return { ok: true, document, warnings: problems.warnings() };
}

/** Imports a zipped archive; a corrupt or oversized zip is reported as a problem, not thrown. */
export function importImdfZip(bytes: Uint8Array, limits?: ArchiveLimits): ImportResult {
  try {
    return importImdf(unzipArchive(bytes, limits));
  } catch (error) {
    if (!(error instanceof ArchiveError)) throw error;
    return {
      ok: false,
      problems: [
        {
          severity: "error",
          file: "(archive)",
          featureId: null,
          rule: "archive_unreadable",
          message: error.message,
        },
      ],
    };
  }
}

const PROPERTY_KEYS = {
  venue: ["category", "name"],
  building: ["category", "name"],
  footprint: ["category", "name", "building_ids"],
  level: ["category", "ordinal", "outdoor", "name", "short_name", "building_ids"],
  unit: ["category", "name", "level_id"],
  opening: ["category", "name", "level_id", "access_control"],
  relationship: ["category", "direction", "origin", "intermediary", "destination"],
} as const;

function extraOf(rest: Record<string, unknown>, modelled: readonly string[]): ExtraProperties {
  const extra: ExtraProperties = {};
  for (const [key, value] of Object.entries(rest)) if (!modelled.includes(key)) extra[key] = value;
  return extra;
}

/** Reads one Athar extension property, logging a problem when it is present but malformed. */
function atharValue<K extends keyof typeof atharSchemas>(
  feature: RawFeature,
  athar: Record<string, unknown>,
  property: string,
  schemaKey: K,
  problems: ProblemList,
): ReturnType<(typeof atharSchemas)[K]["parse"]> | undefined {
  if (!(property in athar)) return undefined;
  const parsed = atharSchemas[schemaKey].safeParse(athar[property]);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    problems.error(
      feature.file,
      feature.id,
      "invalid_extension",
      `${property}: ${issue ? `${issue.path.join(".") || "value"} ${issue.message}` : "invalid"}`,
    );
    return undefined;
  }
  return parsed.data as ReturnType<(typeof atharSchemas)[K]["parse"]>;
}

function requireString(feature: RawFeature, key: string, problems: ProblemList): string | null {
  const value = feature.properties[key];
  if (typeof value === "string" && value.length > 0) return value;
  problems.error(feature.file, feature.id, "missing_property", `"${key}" must be a non-empty string`);
  return null;
}

function referenceProblem(
  feature: RawFeature,
  key: string,
  target: string | unknown,
  expected: Map<string, unknown>,
  what: string,
  problems: ProblemList,
): boolean {
  if (typeof target !== "string" || !isUuid(target)) {
    problems.error(feature.file, feature.id, "invalid_property", `"${key}" must be the UUID of a ${what}`);
    return true;
  }
  if (!expected.has(target)) {
    problems.error(
      feature.file,
      feature.id,
      "dangling_reference",
      `"${key}" names ${target}, which is not a ${what} in the archive`,
    );
    return true;
  }
  return false;
}

function referencePoint(
  venue: RawFeature,
  athar: Record<string, unknown>,
  problems: ProblemList,
): [number, number] | null {
  const ref = atharValue(venue, athar, ATHAR_KEYS.ref, ATHAR_KEYS.ref, problems);
  if (ref) return [ref[0], ref[1]];
  const display = venue.properties.display_point as
    | { type?: unknown; coordinates?: unknown }
    | null
    | undefined;
  if (display && display.type === "Point" && Array.isArray(display.coordinates)) {
    const [lon, lat] = display.coordinates;
    if (typeof lon === "number" && typeof lat === "number" && Math.abs(lat) < 89 && Math.abs(lon) <= 180)
      return [lon, lat];
  }
  const geometry = venue.geometry;
  if (!geometry || (geometry.type !== "Polygon" && geometry.type !== "MultiPolygon")) return null;
  const rings =
    geometry.type === "Polygon" ? [geometry.coordinates[0]!] : geometry.coordinates.map((p) => p[0]!);
  let minLon = Number.POSITIVE_INFINITY;
  let minLat = Number.POSITIVE_INFINITY;
  let maxLon = Number.NEGATIVE_INFINITY;
  let maxLat = Number.NEGATIVE_INFINITY;
  for (const ring of rings) {
    for (const [lon, lat] of ring) {
      minLon = Math.min(minLon, lon);
      maxLon = Math.max(maxLon, lon);
      minLat = Math.min(minLat, lat);
      maxLat = Math.max(maxLat, lat);
    }
  }
  const lat = (minLat + maxLat) / 2;
  if (Math.abs(lat) >= 89) {
    problems.error(
      venue.file,
      venue.id,
      "invalid_coordinates",
      "venues this close to a pole are not supported",
    );
    return null;
  }
  return [(minLon + maxLon) / 2, lat];
}

function lineOf(geometry: RawGeometry | null, projection: LocalProjection): [Point, Point] | null {
  if (geometry?.type !== "LineString") return null;
  const points = openRing(geometry.coordinates.map((p) => projection.toLocal(p)));
  if (points.length < 2) return null;
  // A doorway drawn as a polyline: its end points span it.
  return [points[0]!, points[points.length - 1]!];
}

function readRef(value: unknown): FeatureRef | null {
  if (typeof value !== "object" || value === null) return null;
  const { id, feature_type } = value as { id?: unknown; feature_type?: unknown };
  if (typeof id !== "string" || typeof feature_type !== "string") return null;
  return { id, featureType: feature_type };
}

function convert(raw: RawArchive, problems: ProblemList): PlanDocument | null {
  const { features, manifest } = raw;
  const language = manifest.language;
  const label = (value: unknown): string | null => pickLabel(readLabels(value), language);

  if (features.venue.length !== 1) {
    if (!problems.problems.some((p) => p.file === featureFile("venue"))) {
      problems.error(
        featureFile("venue"),
        null,
        "venue_count",
        `an archive describes exactly one venue, found ${features.venue.length}`,
      );
    }
    return null;
  }
  const venue = features.venue[0]!;
  const venueSplit = splitAtharProperties(venue.properties);
  const ref = referencePoint(venue, venueSplit.athar, problems);
  if (!ref) return null;
  const projection = localProjection(ref[0], ref[1]);
  const context = (feature: RawFeature): GeometryContext => ({
    projection,
    problems,
    file: feature.file,
    featureId: feature.id,
  });

  // Every id in the archive, for references that may point anywhere (relationships).
  const allIds = new Map<string, string>(raw.passthroughIds);
  for (const list of Object.values(features)) for (const f of list) allIds.set(f.id, f.featureType);

  const venueOutline = localPolygons(venue.geometry, context(venue)) ?? [];
  const venueCategory = requireString(venue, "category", problems) ?? "";
  const description = atharValue(
    venue,
    venueSplit.athar,
    ATHAR_KEYS.description,
    ATHAR_KEYS.description,
    problems,
  );
  const site = {
    id: venue.id,
    name: label(venue.properties.name) ?? "Venue",
    description: description ?? "",
    refLat: ref[1],
    refLon: ref[0],
    imdfCategory: venueCategory,
    outline: venueOutline,
    nameLabels: readLabels(venue.properties.name) ?? {},
    extra: extraOf(venueSplit.rest, PROPERTY_KEYS.venue),
  };

  const buildingIds = new Map<string, RawFeature>();
  for (const f of features.building) buildingIds.set(f.id, f);
  const buildings: PlanBuilding[] = features.building.map((f) => ({
    id: f.id,
    siteId: venue.id,
    name: label(f.properties.name) ?? "Building",
    footprint: null,
    imdfCategory: typeof f.properties.category === "string" ? f.properties.category : "unspecified",
    nameLabels: readLabels(f.properties.name) ?? {},
    extra: extraOf(splitAtharProperties(f.properties).rest, PROPERTY_KEYS.building),
  }));

  const footprints: PlanFootprint[] = [];
  for (const f of features.footprint) {
    const category = f.properties.category;
    if (!FOOTPRINT_CATEGORIES.includes(category as FootprintCategory)) {
      problems.error(
        f.file,
        f.id,
        "invalid_property",
        `"category" must be one of ${FOOTPRINT_CATEGORIES.join(", ")}`,
      );
    }
    const ids = f.properties.building_ids;
    if (!Array.isArray(ids) || ids.length === 0) {
      problems.error(f.file, f.id, "missing_property", '"building_ids" must list at least one building');
    } else {
      ids.forEach((id, k) => {
        referenceProblem(f, `building_ids[${k}]`, id, buildingIds, "building", problems);
      });
    }
    const parts = localPolygons(f.geometry, context(f));
    if (!parts) continue;
    footprints.push({
      id: f.id,
      buildingIds: Array.isArray(ids) ? ids.filter((id): id is string => typeof id === "string") : [],
      category: category as FootprintCategory,
      parts,
      nameLabels: readLabels(f.properties.name),
      extra: extraOf(splitAtharProperties(f.properties).rest, PROPERTY_KEYS.footprint),
    });
  }
  for (const building of buildings) {
    const ground = footprints.find((fp) => fp.category === "ground" && fp.buildingIds.includes(building.id));
    building.footprint = ground?.parts[0]?.outer ?? null;
  }

  const levels: PlanLevel[] = [];
  const levelById = new Map<string, PlanLevel>();
  const levelFeatureIds = new Map<string, RawFeature>();
  for (const f of features.level) levelFeatureIds.set(f.id, f);
  for (const f of features.level) {
    const { athar, rest } = splitAtharProperties(f.properties);
    const ordinal = f.properties.ordinal;
    if (typeof ordinal !== "number" || !Number.isInteger(ordinal)) {
      problems.error(f.file, f.id, "missing_property", '"ordinal" must be an integer');
      continue;
    }
    let ids = Array.isArray(f.properties.building_ids)
      ? f.properties.building_ids.filter((id): id is string => typeof id === "string")
      : [];
    if (ids.length === 0) {
      if (buildings.length === 1) ids = [buildings[0]!.id];
      else {
        problems.error(
          f.file,
          f.id,
          "missing_property",
          '"building_ids" must name the level\'s building when the venue has several',
        );
        continue;
      }
    }
    if (ids.some((id, k) => referenceProblem(f, `building_ids[${k}]`, id, buildingIds, "building", problems)))
      continue;
    const outline = localPolygons(f.geometry, context(f));
    if (!outline) continue;
    const status = atharValue(f, athar, ATHAR_KEYS.status, ATHAR_KEYS.status, problems) ?? "known";
    const level: PlanLevel = {
      id: f.id,
      buildingId: ids[0]!,
      buildingIds: ids,
      name: label(f.properties.name) ?? `Level ${ordinal}`,
      ordinal,
      status,
      outline,
      shortName: label(f.properties.short_name) ?? String(ordinal),
      outdoor: f.properties.outdoor === true,
      imdfCategory: typeof f.properties.category === "string" ? f.properties.category : "unspecified",
      nameLabels: readLabels(f.properties.name) ?? {},
      extra: extraOf(rest, PROPERTY_KEYS.level),
    };
    levels.push(level);
    levelById.set(level.id, level);
  }

  const spaces: PlanSpace[] = [];
  const walls: PlanWall[] = [];
  for (const f of features.unit) {
    const { athar, rest } = splitAtharProperties(f.properties);
    const category = requireString(f, "category", problems);
    if (referenceProblem(f, "level_id", f.properties.level_id, levelFeatureIds, "level", problems)) continue;
    const level = levelById.get(f.properties.level_id as string);
    const parts = localPolygons(f.geometry, context(f));
    if (!parts || !category || !level) continue;
    for (const part of parts) {
      const off = part.outer.find((p) => distanceToRegion(p, level.outline) > UNIT_ON_LEVEL_TOLERANCE_M);
      if (off) {
        problems.error(
          f.file,
          f.id,
          "unit_outside_level",
          `the unit reaches ${distanceToRegion(off, level.outline).toFixed(2)} m outside its level's outline (tolerance ${UNIT_ON_LEVEL_TOLERANCE_M} m)`,
        );
        break;
      }
    }
    const footprintParts = footprints
      .filter((fp) => level.buildingIds.some((b) => fp.buildingIds.includes(b)))
      .flatMap((fp) => fp.parts);
    if (footprintParts.length > 0) {
      const outside = parts.some((part) =>
        part.outer.some((p) => distanceToRegion(p, footprintParts) > UNIT_ON_LEVEL_TOLERANCE_M),
      );
      // Footprints are often drawn roughly: a warning, not a reason to refuse the archive.
      if (outside)
        problems.warning(
          f.file,
          f.id,
          "unit_outside_footprint",
          "the unit reaches outside its building's footprints",
        );
    }
    const extra = extraOf(rest, PROPERTY_KEYS.unit);
    const nameLabels = readLabels(f.properties.name);
    if (isWallCategory(category) || "athar:material" in athar) {
      const material =
        atharValue(f, athar, ATHAR_KEYS.material, ATHAR_KEYS.material, problems) ??
        WALL_UNIT_CATEGORIES[category] ??
        "unknown";
      const thickness = atharValue(f, athar, ATHAR_KEYS.thickness, ATHAR_KEYS.thickness, problems);
      parts.forEach((part, index) => {
        walls.push({
          id: index === 0 ? f.id : derivedPartId(f.id, index),
          levelId: level.id,
          polygon: part.outer,
          holes: part.holes,
          material,
          thicknessM: thickness ?? wallThickness(part.outer),
          imdfCategory: category,
          nameLabels,
          extra,
        });
      });
      continue;
    }
    const partIds = atharValue(f, athar, ATHAR_KEYS.partIds, ATHAR_KEYS.partIds, problems);
    if (partIds && (partIds.length !== parts.length || partIds[0] !== f.id)) {
      problems.error(
        f.file,
        f.id,
        "invalid_extension",
        `${ATHAR_KEYS.partIds} must list ${parts.length} ids, the unit's own first`,
      );
    }
    const partId = (index: number): string =>
      partIds?.[index] ?? (index === 0 ? f.id : derivedPartId(f.id, index));
    const kind = atharValue(f, athar, ATHAR_KEYS.kind, "spaceKind", problems) ?? unitCategoryToKind(category);
    const status = atharValue(f, athar, ATHAR_KEYS.status, ATHAR_KEYS.status, problems) ?? "known";
    const notes = atharValue(f, athar, ATHAR_KEYS.notes, ATHAR_KEYS.notes, problems) ?? "";
    parts.forEach((part, index) => {
      spaces.push({
        id: partId(index),
        sourceId: f.id,
        levelId: level.id,
        name: label(f.properties.name) ?? "",
        kind,
        status,
        polygon: part.outer,
        holes: part.holes,
        notes,
        imdfCategory: category,
        nameLabels,
        extra,
      });
    });
  }
  // Derived part ids must not collide with a real feature id.
  for (const space of spaces) {
    if (space.id !== space.sourceId && allIds.has(space.id)) {
      problems.error(
        featureFile("unit"),
        space.sourceId,
        "duplicate_id",
        `derived id ${space.id} for a second polygon collides with another feature`,
      );
    }
  }

  const spaceById = new Map(spaces.map((s) => [s.id, s]));
  const locator = buildSpaceLocator(spaces);
  const openings: PlanOpening[] = [];
  for (const f of features.opening) {
    const { athar, rest } = splitAtharProperties(f.properties);
    const category = requireString(f, "category", problems);
    if (referenceProblem(f, "level_id", f.properties.level_id, levelFeatureIds, "level", problems)) continue;
    const level = levelById.get(f.properties.level_id as string);
    const line = lineOf(f.geometry, projection);
    if (!line || !level || !category) {
      if (!line) problems.error(f.file, f.id, "invalid_coordinates", "the opening's line has no length");
      continue;
    }
    const frame = frameFromLine(line);
    if (!frame) {
      problems.error(f.file, f.id, "invalid_coordinates", "the opening's line has no length");
      continue;
    }
    if (distanceToRegion(frame.position, level.outline) > OPENING_REACH_M) {
      problems.error(f.file, f.id, "opening_off_level", "the opening lies outside its level's outline");
      continue;
    }
    const explicit = atharValue(f, athar, ATHAR_KEYS.spaceIds, ATHAR_KEYS.spaceIds, problems);
    let spaceAId: string | null = null;
    let spaceBId: string | null = null;
    if (explicit) {
      const [a, b] = explicit;
      for (const [k, id] of [a, b].entries()) {
        if (id === null) continue;
        if (!spaceById.has(id)) {
          problems.error(
            f.file,
            f.id,
            "dangling_reference",
            `${ATHAR_KEYS.spaceIds}[${k}] names ${id}, which is not a space (unit) in the archive`,
          );
        }
      }
      spaceAId = a;
      spaceBId = b;
    } else {
      const [left, right] = probeSides(frame, (p) => locator.spaceAt(level.id, p)?.id ?? null);
      const found = [left, right]
        .filter((s): s is { found: string; step: number } => s !== null)
        .sort((x, y) => x.step - y.step)
        .map((s) => s.found);
      spaceAId = found[0] ?? null;
      spaceBId = found[1] !== undefined && found[1] !== spaceAId ? found[1] : null;
      if (!spaceAId) {
        // IMDF does not require an opening to touch a unit. Attach it to the nearest unit within reach of a
        // thick wall, so that it is kept (a door in the middle of nowhere is itself a hidden-space signal).
        const nearest = nearestSpace(
          locator.near(level.id, boxAround(frame.position, FAR_OPENING_M)),
          frame.position,
        );
        if (!nearest || nearest.distance > FAR_OPENING_M) {
          problems.warning(
            f.file,
            f.id,
            "opening_not_on_unit",
            `no unit of its level lies within ${FAR_OPENING_M} m: the opening is left out`,
          );
          continue;
        }
        spaceAId = nearest.space.id;
        problems.warning(
          f.file,
          f.id,
          "opening_not_on_unit",
          `no unit within ${OPENING_REACH_M} m; attached to the nearest unit ${nearest.space.sourceId}, ${nearest.distance.toFixed(2)} m away`,
        );
      }
    }
    const kind =
      atharValue(f, athar, ATHAR_KEYS.kind, "openingKind", problems) ?? openingCategoryToKind(category);
    const barrierExt = atharValue(f, athar, ATHAR_KEYS.barrier, ATHAR_KEYS.barrier, problems);
    const door = f.properties.door as { material?: unknown } | null | undefined;
    const lock = accessControlToLock(f.properties.access_control);
    const barrier = barrierExt
      ? {
          lock: barrierExt.lock,
          material: barrierExt.material,
          thicknessM: barrierExt.thickness_m,
          concealed: barrierExt.concealed,
          state: barrierExt.state,
        }
      : ({
          lock,
          material: doorMaterialToBarrier(door?.material),
          thicknessM: null,
          concealed: false,
          // No door object means an open doorway; a door with access control is taken to be locked.
          state: door ? (lock === "none" || lock === "unknown" ? "closed" : "locked") : "open",
        } as const);
    openings.push({
      id: f.id,
      levelId: level.id,
      kind,
      name: label(f.properties.name) ?? "",
      spaceAId: spaceAId ?? "",
      spaceBId,
      position: frame.position,
      widthM: Math.hypot(line[1][0] - line[0][0], line[1][1] - line[0][1]),
      barrier,
      line,
      imdfCategory: category,
      nameLabels: readLabels(f.properties.name),
      extra: extraOf(rest, PROPERTY_KEYS.opening),
    });
    if (!spaceAId)
      problems.error(f.file, f.id, "missing_property", `${ATHAR_KEYS.spaceIds}[0] must name a unit`);
  }

  const relationships: PlanRelationship[] = [];
  for (const f of features.relationship) {
    const category = requireString(f, "category", problems);
    const direction = f.properties.direction;
    if (direction !== "directed" && direction !== "undirected") {
      problems.error(f.file, f.id, "invalid_property", '"direction" must be "directed" or "undirected"');
      continue;
    }
    const check = (key: string, value: unknown, required: boolean): FeatureRef | null => {
      if (value === null || value === undefined) {
        if (required) problems.error(f.file, f.id, "missing_property", `"${key}" must reference a feature`);
        return null;
      }
      const reference = readRef(value);
      if (!reference) {
        problems.error(f.file, f.id, "invalid_property", `"${key}" must be {"id", "feature_type"}`);
        return null;
      }
      const actual = allIds.get(reference.id);
      if (actual === undefined) {
        problems.error(
          f.file,
          f.id,
          "dangling_reference",
          `"${key}" names ${reference.id}, which is not in the archive`,
        );
        return null;
      }
      if (actual && actual !== reference.featureType) {
        problems.error(
          f.file,
          f.id,
          "dangling_reference",
          `"${key}" says ${reference.id} is a ${reference.featureType}, but it is a ${actual}`,
        );
        return null;
      }
      return reference;
    };
    const origin = check("origin", f.properties.origin, true);
    const destination = check("destination", f.properties.destination, true);
    const intermediaryRaw = f.properties.intermediary;
    const intermediary: FeatureRef[] = [];
    if (Array.isArray(intermediaryRaw)) {
      intermediaryRaw.forEach((value, k) => {
        const reference = check(`intermediary[${k}]`, value, true);
        if (reference) intermediary.push(reference);
      });
    } else if (intermediaryRaw !== null && intermediaryRaw !== undefined) {
      problems.error(f.file, f.id, "invalid_property", '"intermediary" must be null or a list of references');
    }
    if (!category) continue;
    relationships.push({
      id: f.id,
      category,
      direction,
      origin,
      intermediary,
      destination,
      geometry: f.geometry,
      extra: extraOf(splitAtharProperties(f.properties).rest, PROPERTY_KEYS.relationship),
    });
  }

  if (problems.hasErrors) return null;
  return {
    language,
    site,
    buildings,
    footprints,
    levels,
    spaces,
    walls,
    openings,
    relationships,
    passthrough: raw.passthrough,
  };
}
