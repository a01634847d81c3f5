/**
 * PlanDocument → IMDF archive. Writes the seven feature files Athar models plus the files it passed through,
 * and declares the Athar extension in the manifest. Properties Athar does not model come back as they were
 * read; IMDF tools that do not know the extension see an ordinary archive.
 */
import type { Point } from "@athar/core";
import { boundingBox, centroid, polygonArea } from "../geometry/polygon";
import { type LocalProjection, localProjection, roundDegrees } from "../geometry/projection";
import { frameFromLine, frameFromNearestEdge } from "../model/opening-sides";
import type { PlanDocument, PlanOpening, PlanSpace, PolygonWithHoles } from "../model/plan-document";
import { type ArchiveFiles, zipArchive } from "./archive";
import {
  barrierToDoorMaterial,
  lockToAccessControl,
  openingKindToCategory,
  unitCategoryFor,
  wallMaterialToCategory,
} from "./categories";
import { ATHAR_EXTENSION_ID, ATHAR_KEYS } from "./extension";
import { ARCHIVE_VERSION, featureFile, type ImdfFeatureType, MANIFEST_FILE } from "./feature-types";
import { writeLabels } from "./labels";
import { derivedPartId } from "./part-ids";

export interface ExportOptions {
  /** Manifest `created` (ISO 8601 date-time), from the caller's clock. */
  created: string;
  generatedBy?: string;
}

interface Feature {
  id: string;
  type: "Feature";
  feature_type: ImdfFeatureType;
  geometry: unknown;
  properties: Record<string, unknown>;
}

const ring = (points: readonly Point[], projection: LocalProjection): number[][] => {
  const out = points.map((p) => projection.toLonLat(p).map(roundDegrees));
  if (out.length > 0) out.push([...out[0]!]);
  return out;
};

function polygonGeometry(parts: readonly PolygonWithHoles[], projection: LocalProjection): unknown {
  const polygons = parts.map((part) => [
    ring(part.outer, projection),
    ...part.holes.map((h) => ring(h, projection)),
  ]);
  return polygons.length === 1
    ? { type: "Polygon", coordinates: polygons[0] }
    : { type: "MultiPolygon", coordinates: polygons };
}

const pointGeometry = (point: Point, projection: LocalProjection) => ({
  type: "Point",
  coordinates: projection.toLonLat(point).map(roundDegrees),
});

/** A rectangle around everything drawn on the levels, for levels or a venue that have no outline of their own. */
function boxAround(rings: readonly (readonly Point[])[], margin: number): PolygonWithHoles[] {
  const all = rings.flat();
  if (all.length === 0) return [];
  const box = boundingBox(all);
  return [
    {
      outer: [
        [box.minX - margin, box.minY - margin],
        [box.maxX + margin, box.minY - margin],
        [box.maxX + margin, box.maxY + margin],
        [box.minX - margin, box.maxY + margin],
      ],
      holes: [],
    },
  ];
}

/** The doorway as a segment: the drawn line if it still matches position and width, else one along the wall. */
function openingLine(opening: PlanOpening, spaceA: PlanSpace | undefined): [Point, Point] {
  if (opening.line) {
    const frame = frameFromLine(opening.line);
    const length = Math.hypot(
      opening.line[1][0] - opening.line[0][0],
      opening.line[1][1] - opening.line[0][1],
    );
    if (
      frame &&
      Math.hypot(frame.position[0] - opening.position[0], frame.position[1] - opening.position[1]) < 0.01 &&
      Math.abs(length - opening.widthM) < 0.01
    ) {
      return opening.line;
    }
  }
  const frame = spaceA ? frameFromNearestEdge(opening.position, spaceA.polygon) : null;
  const tangent = frame?.tangent ?? [1, 0];
  const half = opening.widthM / 2;
  return [
    [opening.position[0] - tangent[0] * half, opening.position[1] - tangent[1] * half],
    [opening.position[0] + tangent[0] * half, opening.position[1] + tangent[1] * half],
  ];
}

const collection = (features: Feature[]): string =>
  `${JSON.stringify({ type: "FeatureCollection", features }, null, 1)}\n`;

/** The archive as files (file name → text). Throws RangeError when the site has no reference point. */
export function exportImdf(document: PlanDocument, options: ExportOptions): ArchiveFiles {
  const { site, language } = document;
  if (site.refLat === null || site.refLon === null) {
    throw new RangeError("the site has no reference point (refLat/refLon): it cannot be placed in WGS84");
  }
  const projection = localProjection(site.refLon, site.refLat);
  const label = (labels: Record<string, string> | null, name: string) => writeLabels(labels, name, language);
  const spaceById = new Map(document.spaces.map((s) => [s.id, s]));

  const levelRings = new Map<string, Point[][]>();
  for (const item of [...document.spaces, ...document.walls]) {
    const list = levelRings.get(item.levelId) ?? [];
    list.push(item.polygon);
    levelRings.set(item.levelId, list);
  }
  const levelOutline = (levelId: string, outline: PolygonWithHoles[]) =>
    outline.length > 0 ? outline : boxAround(levelRings.get(levelId) ?? [], 1);

  const venueOutline =
    site.outline.length > 0
      ? site.outline
      : boxAround(
          [
            ...document.levels.flatMap((l) => levelOutline(l.id, l.outline).map((p) => p.outer)),
            ...document.footprints.flatMap((f) => f.parts.map((p) => p.outer)),
          ],
          2,
        );
  const venueDisplay = venueOutline[0] ? centroid(venueOutline[0].outer) : ([0, 0] as Point);
  const venue: Feature = {
    id: site.id,
    type: "Feature",
    feature_type: "venue",
    geometry: polygonGeometry(venueOutline, projection),
    properties: {
      restriction: null,
      alt_name: null,
      hours: null,
      phone: null,
      website: null,
      display_point: pointGeometry(venueDisplay, projection),
      address_id: null,
      ...site.extra,
      category: site.imdfCategory || "governmentfacility",
      name: label(site.nameLabels, site.name),
      [ATHAR_KEYS.ref]: [site.refLon, site.refLat],
      ...(site.description ? { [ATHAR_KEYS.description]: site.description } : {}),
    },
  };

  const buildings: Feature[] = document.buildings.map((b) => ({
    id: b.id,
    type: "Feature",
    feature_type: "building",
    geometry: null,
    properties: {
      alt_name: null,
      display_point: null,
      address_id: null,
      restriction: null,
      ...b.extra,
      category: b.imdfCategory || "unspecified",
      name: label(b.nameLabels, b.name),
    },
  }));

  const footprintSource = [...document.footprints];
  for (const b of document.buildings) {
    // A building drawn in Athar has only the core model's single footprint: write it as its ground footprint.
    if (
      b.footprint &&
      !footprintSource.some((f) => f.category === "ground" && f.buildingIds.includes(b.id))
    ) {
      footprintSource.push({
        id: derivedPartId(b.id, 0),
        buildingIds: [b.id],
        category: "ground",
        parts: [{ outer: b.footprint, holes: [] }],
        nameLabels: null,
        extra: {},
      });
    }
  }
  const footprints: Feature[] = footprintSource.map((f) => ({
    id: f.id,
    type: "Feature",
    feature_type: "footprint",
    geometry: polygonGeometry(f.parts, projection),
    properties: { ...f.extra, category: f.category, name: f.nameLabels, building_ids: f.buildingIds },
  }));

  const levels: Feature[] = document.levels.map((l) => {
    const outline = levelOutline(l.id, l.outline);
    return {
      id: l.id,
      type: "Feature",
      feature_type: "level",
      geometry: polygonGeometry(outline, projection),
      properties: {
        restriction: null,
        display_point: outline[0] ? pointGeometry(centroid(outline[0].outer), projection) : null,
        address_id: null,
        ...l.extra,
        category: l.imdfCategory || "unspecified",
        outdoor: l.outdoor,
        ordinal: l.ordinal,
        name: label(l.nameLabels, l.name),
        short_name: label(null, l.shortName || String(l.ordinal)),
        building_ids: l.buildingIds.length > 0 ? l.buildingIds : [l.buildingId],
        [ATHAR_KEYS.status]: l.status,
      },
    };
  });

  // Spaces that were parts of one MultiPolygon unit go back into it.
  const unitsBySource = new Map<string, PlanSpace[]>();
  for (const s of document.spaces) {
    const list = unitsBySource.get(s.sourceId) ?? [];
    list.push(s);
    unitsBySource.set(s.sourceId, list);
  }
  const units: Feature[] = [];
  for (const [sourceId, parts] of unitsBySource) {
    parts.sort((a, b) => (a.id === sourceId ? -1 : b.id === sourceId ? 1 : 0));
    const s = parts[0]!;
    const largest = parts.reduce(
      (best, p) => (polygonArea(p.polygon) > polygonArea(best.polygon) ? p : best),
      s,
    );
    units.push({
      id: sourceId,
      type: "Feature",
      feature_type: "unit",
      geometry: polygonGeometry(
        parts.map((p) => ({ outer: p.polygon, holes: p.holes })),
        projection,
      ),
      properties: {
        restriction: null,
        accessibility: null,
        alt_name: null,
        display_point: pointGeometry(centroid(largest.polygon), projection),
        ...s.extra,
        category: unitCategoryFor(s.kind, s.imdfCategory),
        name: label(s.nameLabels, s.name),
        level_id: s.levelId,
        [ATHAR_KEYS.kind]: s.kind,
        [ATHAR_KEYS.status]: s.status,
        ...(s.notes ? { [ATHAR_KEYS.notes]: s.notes } : {}),
        ...(parts.length > 1 ? { [ATHAR_KEYS.partIds]: parts.map((p) => p.id) } : {}),
      },
    });
  }
  for (const w of document.walls) {
    units.push({
      id: w.id,
      type: "Feature",
      feature_type: "unit",
      geometry: polygonGeometry([{ outer: w.polygon, holes: w.holes }], projection),
      properties: {
        restriction: null,
        accessibility: null,
        alt_name: null,
        display_point: null,
        ...w.extra,
        category: w.imdfCategory || wallMaterialToCategory(w.material),
        name: w.nameLabels,
        level_id: w.levelId,
        [ATHAR_KEYS.material]: w.material,
        ...(w.thicknessM !== null ? { [ATHAR_KEYS.thickness]: w.thicknessM } : {}),
      },
    });
  }

  const openings: Feature[] = document.openings.map((o) => {
    const line = openingLine(o, spaceById.get(o.spaceAId));
    const previousDoor = (o.extra.door ?? null) as Record<string, unknown> | null;
    const doorMaterial = barrierToDoorMaterial(o.barrier.material) ?? previousDoor?.material ?? null;
    const door =
      o.barrier.state === "open" && previousDoor === null
        ? null
        : { type: "swinging", automatic: false, ...(previousDoor ?? {}), material: doorMaterial };
    return {
      id: o.id,
      type: "Feature",
      feature_type: "opening",
      geometry: {
        type: "LineString",
        coordinates: line.map((p) => projection.toLonLat(p).map(roundDegrees)),
      },
      properties: {
        accessibility: null,
        alt_name: null,
        display_point: null,
        ...o.extra,
        category: openingKindToCategory(o.kind, o.imdfCategory),
        access_control: lockToAccessControl(o.barrier.lock),
        door,
        name: label(o.nameLabels, o.name),
        level_id: o.levelId,
        [ATHAR_KEYS.kind]: o.kind,
        [ATHAR_KEYS.barrier]: {
          lock: o.barrier.lock,
          material: o.barrier.material,
          thickness_m: o.barrier.thicknessM,
          concealed: o.barrier.concealed,
          state: o.barrier.state,
        },
        [ATHAR_KEYS.spaceIds]: [o.spaceAId, o.spaceBId],
      },
    };
  });

  const relationships: Feature[] = document.relationships.map((r) => ({
    id: r.id,
    type: "Feature",
    feature_type: "relationship",
    geometry: r.geometry ?? null,
    properties: {
      hours: null,
      ...r.extra,
      category: r.category,
      direction: r.direction,
      origin: r.origin ? { id: r.origin.id, feature_type: r.origin.featureType } : null,
      intermediary:
        r.intermediary.length > 0
          ? r.intermediary.map((i) => ({ id: i.id, feature_type: i.featureType }))
          : null,
      destination: r.destination ? { id: r.destination.id, feature_type: r.destination.featureType } : null,
    },
  }));

  const files: ArchiveFiles = new Map();
  files.set(
    MANIFEST_FILE,
    `${JSON.stringify(
      {
        version: ARCHIVE_VERSION,
        created: options.created,
        generated_by: options.generatedBy ?? "Athar plans",
        language,
        extensions: [ATHAR_EXTENSION_ID],
      },
      null,
      1,
    )}\n`,
  );
  files.set(featureFile("venue"), collection([venue]));
  files.set(featureFile("building"), collection(buildings));
  files.set(featureFile("footprint"), collection(footprints));
  files.set(featureFile("level"), collection(levels));
  files.set(featureFile("unit"), collection(units));
  files.set(featureFile("opening"), collection(openings));
  files.set(featureFile("relationship"), collection(relationships));
  for (const [name, text] of Object.entries(document.passthrough)) files.set(name, text);
  return files;
}

export const exportImdfZip = (document: PlanDocument, options: ExportOptions): Uint8Array =>
  zipArchive(exportImdf(document, options));
