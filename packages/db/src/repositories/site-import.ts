/**
 * A whole site's plan in and out of storage. An imported IMDF archive becomes site-model rows (buildings,
 * levels, spaces, openings) plus one row of "extras": what the archive carries beyond the model (level
 * outlines, footprints, wall bodies, holes, relationships, IMDF categories and properties, files Athar does
 * not read). Reading a site back merges the two into a PlanDocument for export and analysis; extras of records
 * deleted or redrawn since the import are dropped. See docs/decisions/site-analysis-imdf-storage.md.
 */
import { createHash } from "node:crypto";
import {
  AtharError,
  type Building,
  buildingInputSchema,
  type ErrorDetail,
  type Level,
  levelInputSchema,
  newId,
  notFound,
  OPENING_REACH_M,
  type Opening,
  openingInputSchema,
  type Point,
  type Polygon,
  type Site,
  type Space,
  type SpaceKind,
  siteInputSchema,
  spaceInputSchema,
} from "@athar/core";
import {
  type CoreRecords,
  coreRecordsFromPlan,
  describePolygonProblem,
  distanceToPolygon,
  findPolygonProblem,
  type ImportProblem,
  type PlanDocument,
  type PlanFootprint,
  type PlanRelationship,
  type PlanWall,
  type PolygonWithHoles,
  planFromCoreRecords,
} from "@athar/plans";
import type { Kysely } from "kysely";
import type { Database } from "../schema";
import type { WriteContext } from "../store";
import { getSite } from "./sites";

type Reader = Kysely<Database>;

// ─── what the model does not hold ───────────────────────────────────────────────────────────────────────

type Labels = Record<string, string>;
type Extra = Record<string, unknown>;

/** The parts of an imported PlanDocument that the site-model tables do not hold, keyed by record id. */
export interface PlanExtras {
  format: 1;
  language: string;
  site: { imdfCategory: string; outline: PolygonWithHoles[]; nameLabels: Labels; extra: Extra };
  buildings: Record<string, { imdfCategory: string; nameLabels: Labels; extra: Extra }>;
  footprints: PlanFootprint[];
  levels: Record<
    string,
    {
      buildingIds: string[];
      outline: PolygonWithHoles[];
      shortName: string;
      outdoor: boolean;
      imdfCategory: string;
      nameLabels: Labels;
      extra: Extra;
    }
  >;
  spaces: Record<
    string,
    {
      sourceId: string;
      imdfCategory: string;
      nameLabels: Labels | null;
      extra: Extra;
      /** Holes, with the outline they were cut from: dropped if the space was redrawn since. */
      holes?: { of: Polygon; rings: Polygon[] };
    }
  >;
  walls: PlanWall[];
  openings: Record<
    string,
    {
      imdfCategory: string;
      nameLabels: Labels | null;
      extra: Extra;
      /** The doorway as drawn, with the position it was drawn at: dropped if the opening moved since. */
      line?: { at: Point; points: [Point, Point] };
    }
  >;
  relationships: PlanRelationship[];
  passthrough: Record<string, string>;
}

const samePolygon = (a: Polygon, b: Polygon): boolean =>
  a.length === b.length && a.every((p, k) => p[0] === b[k]?.[0] && p[1] === b[k]?.[1]);

export function extrasOf(document: PlanDocument): PlanExtras {
  const extras: PlanExtras = {
    format: 1,
    language: document.language,
    site: {
      imdfCategory: document.site.imdfCategory,
      outline: document.site.outline,
      nameLabels: document.site.nameLabels,
      extra: document.site.extra,
    },
    buildings: {},
    footprints: document.footprints,
    levels: {},
    spaces: {},
    walls: document.walls,
    openings: {},
    relationships: document.relationships,
    passthrough: document.passthrough,
  };
  for (const b of document.buildings)
    extras.buildings[b.id] = { imdfCategory: b.imdfCategory, nameLabels: b.nameLabels, extra: b.extra };
  for (const l of document.levels) {
    extras.levels[l.id] = {
      buildingIds: l.buildingIds,
      outline: l.outline,
      shortName: l.shortName,
      outdoor: l.outdoor,
      imdfCategory: l.imdfCategory,
      nameLabels: l.nameLabels,
      extra: l.extra,
    };
  }
  for (const s of document.spaces) {
    extras.spaces[s.id] = {
      sourceId: s.sourceId,
      imdfCategory: s.imdfCategory,
      nameLabels: s.nameLabels,
      extra: s.extra,
      ...(s.holes.length > 0 ? { holes: { of: s.polygon, rings: s.holes } } : {}),
    };
  }
  for (const o of document.openings) {
    extras.openings[o.id] = {
      imdfCategory: o.imdfCategory,
      nameLabels: o.nameLabels,
      extra: o.extra,
      ...(o.line ? { line: { at: o.position, points: o.line } } : {}),
    };
  }
  return extras;
}

/**
 * The site's plan: the stored records, with the imported extras of every record still there. A wall body,
 * footprint or relationship whose level, building or features are gone is dropped with them.
 */
export function mergePlan(records: CoreRecords, extras: PlanExtras | null): PlanDocument {
  const document = planFromCoreRecords(records, extras?.language ?? "en");
  if (!extras) return document;
  Object.assign(document.site, extras.site);
  const buildingIds = new Set(records.buildings.map((b) => b.id));
  const levelIds = new Set(records.levels.map((l) => l.id));
  for (const b of document.buildings) Object.assign(b, extras.buildings[b.id] ?? {});
  for (const l of document.levels) {
    const e = extras.levels[l.id];
    if (!e) continue;
    Object.assign(l, e, {
      // The stored building comes first; other buildings the level spans stay if they still exist.
      buildingIds: [
        l.buildingId,
        ...e.buildingIds.filter((id) => id !== l.buildingId && buildingIds.has(id)),
      ],
    });
  }
  for (const s of document.spaces) {
    const e = extras.spaces[s.id];
    if (!e) continue;
    s.sourceId = e.sourceId;
    s.imdfCategory = e.imdfCategory;
    s.nameLabels = e.nameLabels;
    s.extra = e.extra;
    if (e.holes && samePolygon(e.holes.of, s.polygon)) s.holes = e.holes.rings;
  }
  for (const o of document.openings) {
    const e = extras.openings[o.id];
    if (!e) continue;
    o.imdfCategory = e.imdfCategory;
    o.nameLabels = e.nameLabels;
    o.extra = e.extra;
    if (e.line && e.line.at[0] === o.position[0] && e.line.at[1] === o.position[1]) o.line = e.line.points;
  }
  document.footprints = extras.footprints
    .map((f) => ({ ...f, buildingIds: f.buildingIds.filter((id) => buildingIds.has(id)) }))
    .filter((f) => f.buildingIds.length > 0);
  document.walls = extras.walls.filter((w) => levelIds.has(w.levelId));
  const featureIds = new Set<string>([
    ...buildingIds,
    ...levelIds,
    ...records.spaces.map((s) => s.id),
    ...document.spaces.map((s) => s.sourceId),
    ...records.openings.map((o) => o.id),
    ...document.walls.map((w) => w.id),
    ...document.footprints.map((f) => f.id),
    records.site.id,
  ]);
  document.relationships = extras.relationships.filter((r) =>
    [r.origin, r.destination, ...r.intermediary].every((ref) => ref === null || featureIds.has(ref.id)),
  );
  document.passthrough = extras.passthrough;
  return document;
}

// ─── reading a site's plan ──────────────────────────────────────────────────────────────────────────────

export async function readSiteRecords(db: Reader, siteId: string): Promise<CoreRecords> {
  const site: Site = await getSite(db, siteId);
  const buildings: Building[] = (
    await db.selectFrom("buildings").selectAll().where("site_id", "=", siteId).orderBy("id").execute()
  ).map((r) => ({
    id: r.id,
    siteId: r.site_id,
    name: r.name,
    footprint: r.footprint_json === null ? null : (JSON.parse(r.footprint_json) as Polygon),
  }));
  const levels: Level[] = (
    await db
      .selectFrom("levels")
      .innerJoin("buildings", "buildings.id", "levels.building_id")
      .selectAll("levels")
      .where("buildings.site_id", "=", siteId)
      .orderBy("levels.id")
      .execute()
  ).map((r) => ({
    id: r.id,
    buildingId: r.building_id,
    name: r.name,
    ordinal: r.ordinal,
    status: r.status as Level["status"],
  }));
  const spaces: Space[] = (
    await db
      .selectFrom("spaces")
      .innerJoin("levels", "levels.id", "spaces.level_id")
      .innerJoin("buildings", "buildings.id", "levels.building_id")
      .selectAll("spaces")
      .where("buildings.site_id", "=", siteId)
      .orderBy("spaces.id")
      .execute()
  ).map((r) => ({
    id: r.id,
    levelId: r.level_id,
    name: r.name,
    kind: r.kind as Space["kind"],
    status: r.status as Space["status"],
    polygon: JSON.parse(r.polygon_json) as Polygon,
    notes: r.notes,
  }));
  const openings: Opening[] = (
    await db
      .selectFrom("openings")
      .innerJoin("spaces", "spaces.id", "openings.space_a_id")
      .innerJoin("levels", "levels.id", "spaces.level_id")
      .innerJoin("buildings", "buildings.id", "levels.building_id")
      .selectAll("openings")
      .where("buildings.site_id", "=", siteId)
      .orderBy("openings.id")
      .execute()
  ).map((r) => ({
    id: r.id,
    kind: r.kind as Opening["kind"],
    name: r.name,
    spaceAId: r.space_a_id,
    spaceBId: r.space_b_id,
    position: [r.position_x, r.position_y],
    widthM: r.width_m,
    barrier: {
      lock: r.lock_kind as Opening["barrier"]["lock"],
      material: r.material as Opening["barrier"]["material"],
      thicknessM: r.thickness_m,
      concealed: r.concealed === 1,
      state: r.state as Opening["barrier"]["state"],
    },
  }));
  return {
    site: {
      id: site.id,
      name: site.name,
      description: site.description,
      refLat: site.refLat,
      refLon: site.refLon,
    },
    buildings,
    levels,
    spaces,
    openings,
  };
}

export interface ImportSource {
  name: string;
  sha256: string;
  bytes: number;
  importedAt: string;
  importedBy: string;
}

export interface SitePlan {
  document: PlanDocument;
  /**
   * A fingerprint of everything the plan is made of (SHA-256 of the records and the import they came from):
   * equal fingerprints, equal plans. Analyses are cached under it.
   */
  version: string;
  source: ImportSource | null;
}

export async function readSitePlan(db: Reader, siteId: string): Promise<SitePlan> {
  const records = await readSiteRecords(db, siteId);
  const row = await db
    .selectFrom("site_plan_extras")
    .selectAll()
    .where("site_id", "=", siteId)
    .executeTakeFirst();
  const extras = row ? (JSON.parse(row.extras_json) as PlanExtras) : null;
  const source: ImportSource | null = row
    ? {
        name: row.source_name,
        sha256: row.source_sha256,
        bytes: row.source_bytes,
        importedAt: row.imported_at,
        importedBy: row.imported_by,
      }
    : null;
  const version = createHash("sha256")
    .update(JSON.stringify(records))
    .update(row ? `${row.source_sha256}@${row.imported_at}` : "no-import")
    .digest("hex");
  return { document: mergePlan(records, extras), version, source };
}

// ─── checking an archive against the model's rules ──────────────────────────────────────────────────────

/** A problem as the import reports it (the engine's, or one of the site model's rules below). */
export interface SiteImportProblem {
  severity: "error" | "warning";
  file: string;
  featureId: string | null;
  rule: string;
  message: string;
}

export const problemDetail = (p: SiteImportProblem): ErrorDetail & SiteImportProblem => ({
  ...p,
  path: p.featureId ? `${p.file}#${p.featureId}` : p.file,
  message: `${p.rule}: ${p.message}`,
});

export const fromEngineProblem = (p: ImportProblem): SiteImportProblem => ({
  severity: p.severity,
  file: p.file,
  featureId: p.featureId,
  rule: p.rule,
  message: p.message,
});

const zodMessage = (error: { issues: { path: PropertyKey[]; message: string }[] }): string =>
  error.issues.map((i) => `${i.path.map(String).join(".") || "(record)"}: ${i.message}`).join("; ");

/**
 * The rules the site model enforces on every record (the API's schemas, valid polygons, openings within
 * OPENING_REACH_M of their spaces, in one building), checked on an imported document: an archive the IMDF
 * validator accepts may still hold records the model refuses, and those must stop the import too.
 */
export function modelProblems(document: PlanDocument): SiteImportProblem[] {
  const problems: SiteImportProblem[] = [];
  const add = (file: string, featureId: string | null, rule: string, message: string) =>
    problems.push({ severity: "error", file, featureId, rule, message });
  const records = coreRecordsFromPlan(document);
  const site = siteInputSchema.safeParse({
    name: records.site.name.trim() || "Imported site",
    description: records.site.description,
    refLat: records.site.refLat,
    refLon: records.site.refLon,
  });
  if (!site.success) add("venue.geojson", records.site.id, "model_schema", zodMessage(site.error));
  for (const b of records.buildings) {
    const parsed = buildingInputSchema.safeParse({
      siteId: b.siteId,
      name: b.name.trim() || "Building",
      footprint: b.footprint,
    });
    if (!parsed.success) add("building.geojson", b.id, "model_schema", zodMessage(parsed.error));
    const problem = b.footprint ? findPolygonProblem(b.footprint) : null;
    if (problem) add("footprint.geojson", b.id, "invalid_polygon", describePolygonProblem(problem));
  }
  for (const l of records.levels) {
    const parsed = levelInputSchema.safeParse({ ...withoutId(l), name: l.name.trim() || "Level" });
    if (!parsed.success) add("level.geojson", l.id, "model_schema", zodMessage(parsed.error));
  }
  const spaceById = new Map<string, Space>();
  const buildingOfLevel = new Map(records.levels.map((l) => [l.id, l.buildingId]));
  for (const s of records.spaces) {
    spaceById.set(s.id, s);
    const parsed = spaceInputSchema.safeParse(withoutId(s));
    if (!parsed.success) add("unit.geojson", s.id, "model_schema", zodMessage(parsed.error));
    const problem = findPolygonProblem(s.polygon);
    if (problem) add("unit.geojson", s.id, "invalid_polygon", describePolygonProblem(problem));
  }
  for (const o of records.openings) {
    const parsed = openingInputSchema.safeParse(withoutId(o));
    if (!parsed.success) add("opening.geojson", o.id, "model_schema", zodMessage(parsed.error));
    const sides = [o.spaceAId, o.spaceBId].filter((id): id is string => id !== null);
    for (const spaceId of sides) {
      const space = spaceById.get(spaceId);
      if (!space) {
        add("opening.geojson", o.id, "dangling_reference", `space ${spaceId} is not in the archive`);
        continue;
      }
      const distance = distanceToPolygon(o.position, space.polygon);
      if (distance > OPENING_REACH_M) {
        add(
          "opening.geojson",
          o.id,
          "opening_does_not_touch",
          `the opening is ${distance.toFixed(2)} m from unit ${spaceId}; the site model needs it within ${OPENING_REACH_M} m of each space it connects`,
        );
      }
    }
    const a = spaceById.get(o.spaceAId);
    const b = o.spaceBId ? spaceById.get(o.spaceBId) : undefined;
    if (a && b && buildingOfLevel.get(a.levelId) !== buildingOfLevel.get(b.levelId)) {
      add("opening.geojson", o.id, "opening_between_buildings", "an opening connects spaces of one building");
    }
  }
  return problems;
}

function withoutId<T extends { id: string }>(record: T): Omit<T, "id"> {
  const { id: _id, ...rest } = record;
  return rest;
}

// ─── preview ────────────────────────────────────────────────────────────────────────────────────────────

export interface LevelPreview {
  id: string;
  buildingId: string;
  name: string;
  ordinal: number;
  status: string;
  spaces: Partial<Record<SpaceKind, number>>;
  suspectedSpaces: number;
  openings: number;
  walls: number;
  hasOutline: boolean;
}

export interface ImportPreview {
  site: { id: string; name: string; description: string; refLat: number | null; refLon: number | null };
  language: string;
  totals: {
    buildings: number;
    levels: number;
    spaces: number;
    openings: number;
    walls: number;
    footprints: number;
    relationships: number;
  };
  /** IMDF files Athar does not read; kept and written back on export. */
  otherFiles: string[];
  levels: LevelPreview[];
  warnings: SiteImportProblem[];
  /** Ids of the archive already used by records in the database: such an import gets fresh ids. */
  idsInUse: number;
}

export function previewImport(
  document: PlanDocument,
  warnings: readonly SiteImportProblem[],
  idsInUse: number,
): ImportPreview {
  const levels = [...document.levels]
    .sort((a, b) => b.ordinal - a.ordinal)
    .map((level): LevelPreview => {
      const spaces = document.spaces.filter((s) => s.levelId === level.id);
      const kinds: Partial<Record<SpaceKind, number>> = {};
      for (const s of spaces) kinds[s.kind] = (kinds[s.kind] ?? 0) + 1;
      return {
        id: level.id,
        buildingId: level.buildingId,
        name: level.name,
        ordinal: level.ordinal,
        status: level.status,
        spaces: kinds,
        suspectedSpaces: spaces.filter((s) => s.status === "suspected").length,
        openings: document.openings.filter((o) => o.levelId === level.id).length,
        walls: document.walls.filter((w) => w.levelId === level.id).length,
        hasOutline: level.outline.length > 0,
      };
    });
  return {
    site: {
      id: document.site.id,
      name: document.site.name,
      description: document.site.description,
      refLat: document.site.refLat,
      refLon: document.site.refLon,
    },
    language: document.language,
    totals: {
      buildings: document.buildings.length,
      levels: document.levels.length,
      spaces: document.spaces.length,
      openings: document.openings.length,
      walls: document.walls.length,
      footprints: document.footprints.length,
      relationships: document.relationships.length,
    },
    otherFiles: Object.keys(document.passthrough).sort(),
    levels,
    warnings: [...warnings],
    idsInUse,
  };
}

// ─── ids ────────────────────────────────────────────────────────────────────────────────────────────────

const ID_BATCH = 500;

/** Ids of the document's buildings, levels, spaces and openings (and its venue, for a new site) already stored. */
export async function idsInUse(db: Reader, document: PlanDocument, includeSite: boolean): Promise<string[]> {
  const used: string[] = [];
  const check = async (table: "sites" | "buildings" | "levels" | "spaces" | "openings", ids: string[]) => {
    for (let k = 0; k < ids.length; k += ID_BATCH) {
      const batch = ids.slice(k, k + ID_BATCH);
      const rows = await db.selectFrom(table).select("id").where("id", "in", batch).execute();
      used.push(...rows.map((r) => r.id));
    }
  };
  if (includeSite) await check("sites", [document.site.id]);
  await check(
    "buildings",
    document.buildings.map((b) => b.id),
  );
  await check(
    "levels",
    document.levels.map((l) => l.id),
  );
  await check(
    "spaces",
    document.spaces.map((s) => s.id),
  );
  await check(
    "openings",
    document.openings.map((o) => o.id),
  );
  return used;
}

const UUID_IN_TEXT = /[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}/g;

/**
 * The document with ids replaced as `ids` says: every string equal to a mapped id, anywhere in the records
 * (references, part ids in properties), and every mapped UUID in the files passed through (an anchor's
 * unit_id). Ids not in the map stay.
 */
export function remapIds(document: PlanDocument, ids: ReadonlyMap<string, string>): PlanDocument {
  if (ids.size === 0) return document;
  const swap = (value: unknown): unknown => {
    if (typeof value === "string") return ids.get(value) ?? value;
    if (Array.isArray(value)) return value.map(swap);
    if (value !== null && typeof value === "object") {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = swap(item);
      return out;
    }
    return value;
  };
  const { passthrough, ...rest } = document;
  const remapped = swap(rest) as Omit<PlanDocument, "passthrough">;
  const files: Record<string, string> = {};
  for (const [file, text] of Object.entries(passthrough))
    files[file] = text.replace(UUID_IN_TEXT, (match) => ids.get(match) ?? match);
  return { ...remapped, passthrough: files };
}

/** A fresh id for every feature of the document (the venue becomes `siteId`). */
export function freshIdMap(document: PlanDocument, siteId: string): Map<string, string> {
  const ids = new Map<string, string>([[document.site.id, siteId]]);
  const all = [
    ...document.buildings.map((b) => b.id),
    ...document.footprints.map((f) => f.id),
    ...document.levels.map((l) => l.id),
    ...document.spaces.flatMap((s) => [s.id, s.sourceId]),
    ...document.walls.map((w) => w.id),
    ...document.openings.map((o) => o.id),
    ...document.relationships.map((r) => r.id),
  ];
  for (const id of all) if (!ids.has(id)) ids.set(id, newId());
  return ids;
}

// ─── commit ─────────────────────────────────────────────────────────────────────────────────────────────

export type IdPolicy = "auto" | "keep" | "new";

export interface ImportTarget {
  /** Import into this site, which must have no buildings yet; else a new site is created. */
  siteId: string | null;
  /** Name of a new site (default: the venue's name). */
  name?: string;
  /** Members of a new site (the importer). */
  memberIds: string[];
}

export interface ImportOutcome {
  siteId: string;
  createdSite: boolean;
  /** Whether the archive's ids were kept (else every feature got a fresh id). */
  keptIds: boolean;
  totals: ImportPreview["totals"];
  warnings: number;
}

const INSERT_BATCH = 400;

async function insertInBatches<T>(rows: readonly T[], insert: (batch: T[]) => Promise<unknown>) {
  for (let k = 0; k < rows.length; k += INSERT_BATCH) await insert(rows.slice(k, k + INSERT_BATCH));
}

/** Throws conflict unless the site exists, has no buildings and was never filled from an archive. */
export async function assertSiteEmpty(db: Reader, siteId: string): Promise<void> {
  const site = await db.selectFrom("sites").select("id").where("id", "=", siteId).executeTakeFirst();
  if (!site) throw notFound("site");
  const building = await db
    .selectFrom("buildings")
    .select("id")
    .where("site_id", "=", siteId)
    .executeTakeFirst();
  const extras = await db
    .selectFrom("site_plan_extras")
    .select("site_id")
    .where("site_id", "=", siteId)
    .executeTakeFirst();
  if (building || extras) {
    throw new AtharError(
      "conflict",
      "the site already has a plan: import into a new site or into an empty one",
      [{ path: "siteId", message: "site not empty" }],
    );
  }
}

/**
 * Stores an imported document, all or nothing (the caller's store.write is the transaction): a new site or
 * an empty existing one, its buildings, levels, spaces and openings, and the extras. Audit: the site's
 * creation or update, one `site.import` entry naming the archive (SHA-256, size) and the totals, and one
 * entry per building and per level holding what was stored (a level's entry lists its spaces and openings).
 */
export async function commitImport(
  w: WriteContext,
  imported: PlanDocument,
  source: { name: string; sha256: string; bytes: number },
  target: ImportTarget,
  policy: IdPolicy,
  warnings: number,
): Promise<ImportOutcome> {
  const problems = modelProblems(imported);
  if (problems.length > 0) {
    throw new AtharError(
      "import_invalid",
      `the archive holds ${problems.length} record(s) the site model refuses`,
      problems.map(problemDetail),
    );
  }
  if (target.siteId) await assertSiteEmpty(w.trx, target.siteId);
  const inUse = await idsInUse(w.trx, imported, target.siteId === null);
  if (policy === "keep" && inUse.length > 0) {
    throw new AtharError(
      "conflict",
      `${inUse.length} id(s) of the archive are already used (imported before?); import with fresh ids`,
      inUse.slice(0, 20).map((id) => ({ path: "ids", message: id })),
    );
  }
  const keptIds = policy === "keep" || (policy === "auto" && inUse.length === 0);
  const siteId = target.siteId ?? (keptIds ? imported.site.id : newId());
  const ids = keptIds ? new Map([[imported.site.id, siteId]]) : freshIdMap(imported, siteId);
  if (siteId === imported.site.id) ids.delete(imported.site.id);
  const document = remapIds(imported, ids);
  const records = coreRecordsFromPlan(document);
  const at = w.now.toISOString();

  let createdSite = false;
  if (target.siteId) {
    // The plan's geometry is in metres around the archive's reference point: the empty site takes it.
    const before = await getSite(w.trx, siteId);
    await w.trx
      .updateTable("sites")
      .set({ ref_lat: records.site.refLat, ref_lon: records.site.refLon, updated_at: at })
      .where("id", "=", siteId)
      .execute();
    const after: Site = {
      ...before,
      refLat: records.site.refLat,
      refLon: records.site.refLon,
      updatedAt: at,
    };
    await w.audit({ action: "site.update", entityType: "site", entityId: siteId, before, after });
  } else {
    const site: Site = {
      id: siteId,
      name: (target.name ?? records.site.name).trim().slice(0, 200) || "Imported site",
      description: records.site.description,
      refLat: records.site.refLat,
      refLon: records.site.refLon,
      createdAt: at,
      updatedAt: at,
    };
    await w.trx
      .insertInto("sites")
      .values({
        id: site.id,
        name: site.name,
        description: site.description,
        ref_lat: site.refLat,
        ref_lon: site.refLon,
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (const userId of new Set(target.memberIds))
      await w.trx.insertInto("site_members").values({ site_id: siteId, user_id: userId }).execute();
    await w.audit({ action: "site.create", entityType: "site", entityId: siteId, after: site });
    createdSite = true;
  }

  const buildings = records.buildings.map((b) => ({ ...b, siteId, name: b.name.trim() || "Building" }));
  const levels = records.levels.map((l) => ({ ...l, name: l.name.trim() || `Level ${l.ordinal}` }));
  await insertInBatches(buildings, (batch) =>
    w.trx
      .insertInto("buildings")
      .values(
        batch.map((b) => ({
          id: b.id,
          site_id: siteId,
          name: b.name,
          footprint_json: b.footprint ? JSON.stringify(b.footprint) : null,
        })),
      )
      .execute(),
  );
  await insertInBatches(levels, (batch) =>
    w.trx
      .insertInto("levels")
      .values(
        batch.map((l) => ({
          id: l.id,
          building_id: l.buildingId,
          name: l.name,
          ordinal: l.ordinal,
          status: l.status,
        })),
      )
      .execute(),
  );
  await insertInBatches(records.spaces, (batch) =>
    w.trx
      .insertInto("spaces")
      .values(
        batch.map((s) => ({
          id: s.id,
          level_id: s.levelId,
          name: s.name.trim(),
          kind: s.kind,
          status: s.status,
          polygon_json: JSON.stringify(s.polygon),
          notes: s.notes,
        })),
      )
      .execute(),
  );
  await insertInBatches(records.openings, (batch) =>
    w.trx
      .insertInto("openings")
      .values(
        batch.map((o) => ({
          id: o.id,
          kind: o.kind,
          name: o.name.trim(),
          space_a_id: o.spaceAId,
          space_b_id: o.spaceBId,
          position_x: o.position[0],
          position_y: o.position[1],
          width_m: o.widthM,
          lock_kind: o.barrier.lock,
          material: o.barrier.material,
          thickness_m: o.barrier.thicknessM,
          concealed: o.barrier.concealed ? 1 : 0,
          state: o.barrier.state,
        })),
      )
      .execute(),
  );
  await w.trx
    .insertInto("site_plan_extras")
    .values({
      site_id: siteId,
      source_name: source.name,
      source_sha256: source.sha256,
      source_bytes: source.bytes,
      imported_at: at,
      imported_by: w.actor.name,
      extras_json: JSON.stringify(extrasOf(document)),
    })
    .execute();

  const totals: ImportPreview["totals"] = {
    buildings: buildings.length,
    levels: levels.length,
    spaces: records.spaces.length,
    openings: records.openings.length,
    walls: document.walls.length,
    footprints: document.footprints.length,
    relationships: document.relationships.length,
  };
  await w.audit({
    action: "site.import",
    entityType: "site",
    entityId: siteId,
    after: { source, keptIds, totals, warnings, otherFiles: Object.keys(document.passthrough).sort() },
  });
  for (const b of buildings)
    await w.audit({ action: "building.create", entityType: "building", entityId: b.id, after: b });
  const levelOfSpace = new Map(records.spaces.map((s) => [s.id, s.levelId]));
  for (const l of levels) {
    await w.audit({
      action: "level.import",
      entityType: "level",
      entityId: l.id,
      after: {
        level: l,
        spaces: records.spaces.filter((s) => s.levelId === l.id),
        openings: records.openings.filter((o) => levelOfSpace.get(o.spaceAId) === l.id),
      },
    });
  }
  w.emit({ type: "site.imported", siteId, entityId: siteId, data: { ...totals } });
  return { siteId, createdSite, keptIds, totals, warnings };
}
