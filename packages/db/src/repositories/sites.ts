/**
 * The site model in storage: sites, their members, buildings, levels, spaces and openings. Every write checks
 * the model's rules (valid polygons, references that resolve, openings that touch their spaces) before it
 * touches a row, and records an audit entry with the state before and after.
 */
import {
  AtharError,
  type Barrier,
  type Building,
  type BuildingInput,
  type Level,
  type LevelInput,
  newId,
  notFound,
  OPENING_REACH_M,
  type Opening,
  type OpeningInput,
  type Polygon,
  type Role,
  type Site,
  type SiteInput,
  type Space,
  type SpaceInput,
} from "@athar/core";
import { describePolygonProblem, distanceToPolygon, findPolygonProblem } from "@athar/plans";
import type { Kysely, Selectable } from "kysely";
import type {
  BuildingsTable,
  Database,
  LevelsTable,
  OpeningsTable,
  SitesTable,
  SpacesTable,
} from "../schema";
import type { WriteContext } from "../store";

type Reader = Kysely<Database>;

// ─── row mapping ────────────────────────────────────────────────────────────────────────────────────────

const toSite = (r: Selectable<SitesTable>): Site => ({
  id: r.id,
  name: r.name,
  description: r.description,
  refLat: r.ref_lat,
  refLon: r.ref_lon,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});
const toBuilding = (r: Selectable<BuildingsTable>): Building => ({
  id: r.id,
  siteId: r.site_id,
  name: r.name,
  footprint: r.footprint_json === null ? null : (JSON.parse(r.footprint_json) as Polygon),
});
const toLevel = (r: Selectable<LevelsTable>): Level => ({
  id: r.id,
  buildingId: r.building_id,
  name: r.name,
  ordinal: r.ordinal,
  status: r.status as Level["status"],
});
const toSpace = (r: Selectable<SpacesTable>): Space => ({
  id: r.id,
  levelId: r.level_id,
  name: r.name,
  kind: r.kind as Space["kind"],
  status: r.status as Space["status"],
  polygon: JSON.parse(r.polygon_json) as Polygon,
  notes: r.notes,
});
const toOpening = (r: Selectable<OpeningsTable>): Opening => ({
  id: r.id,
  kind: r.kind as Opening["kind"],
  name: r.name,
  spaceAId: r.space_a_id,
  spaceBId: r.space_b_id,
  position: [r.position_x, r.position_y],
  widthM: r.width_m,
  barrier: {
    lock: r.lock_kind as Barrier["lock"],
    material: r.material as Barrier["material"],
    thicknessM: r.thickness_m,
    concealed: r.concealed === 1,
    state: r.state as Barrier["state"],
  },
});
const openingRow = (id: string, o: OpeningInput): OpeningsTable => ({
  id,
  kind: o.kind,
  name: o.name,
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
});

// ─── access ─────────────────────────────────────────────────────────────────────────────────────────────

export interface Viewer {
  id: string;
  roles: readonly Role[];
}

/** Admins see every site; everyone else sees the sites they are a member of. */
export async function listSitesFor(db: Reader, viewer: Viewer): Promise<Site[]> {
  if (viewer.roles.includes("admin")) {
    return (await db.selectFrom("sites").selectAll().orderBy("name").execute()).map(toSite);
  }
  const rows = await db
    .selectFrom("sites")
    .innerJoin("site_members", "site_members.site_id", "sites.id")
    .selectAll("sites")
    .where("site_members.user_id", "=", viewer.id)
    .orderBy("sites.name")
    .execute();
  return rows.map(toSite);
}

/**
 * Throws not_found (never forbidden) when the viewer may not see the site, so that the answer does not
 * confirm that a site with this id exists.
 */
export async function assertSiteVisible(db: Reader, viewer: Viewer, siteId: string): Promise<void> {
  const site = await db.selectFrom("sites").select("id").where("id", "=", siteId).executeTakeFirst();
  if (!site) throw notFound("site");
  if (viewer.roles.includes("admin")) return;
  const member = await db
    .selectFrom("site_members")
    .select("user_id")
    .where("site_id", "=", siteId)
    .where("user_id", "=", viewer.id)
    .executeTakeFirst();
  if (!member) throw notFound("site");
}

export async function siteIdOfBuilding(db: Reader, buildingId: string): Promise<string> {
  const row = await db
    .selectFrom("buildings")
    .select("site_id")
    .where("id", "=", buildingId)
    .executeTakeFirst();
  if (!row) throw notFound("building");
  return row.site_id;
}

export async function siteIdOfLevel(db: Reader, levelId: string): Promise<string> {
  const row = await db
    .selectFrom("levels")
    .innerJoin("buildings", "buildings.id", "levels.building_id")
    .select("buildings.site_id")
    .where("levels.id", "=", levelId)
    .executeTakeFirst();
  if (!row) throw notFound("level");
  return row.site_id;
}

export async function siteIdOfSpace(db: Reader, spaceId: string): Promise<string> {
  const row = await db
    .selectFrom("spaces")
    .innerJoin("levels", "levels.id", "spaces.level_id")
    .innerJoin("buildings", "buildings.id", "levels.building_id")
    .select("buildings.site_id")
    .where("spaces.id", "=", spaceId)
    .executeTakeFirst();
  if (!row) throw notFound("space");
  return row.site_id;
}

export async function siteIdOfOpening(db: Reader, openingId: string): Promise<string> {
  const row = await db
    .selectFrom("openings")
    .select("space_a_id")
    .where("id", "=", openingId)
    .executeTakeFirst();
  if (!row) throw notFound("opening");
  return siteIdOfSpace(db, row.space_a_id);
}

// ─── reads ──────────────────────────────────────────────────────────────────────────────────────────────

export async function getSite(db: Reader, siteId: string): Promise<Site> {
  const row = await db.selectFrom("sites").selectAll().where("id", "=", siteId).executeTakeFirst();
  if (!row) throw notFound("site");
  return toSite(row);
}

export interface SiteOutline {
  site: Site;
  buildings: Building[];
  levels: (Level & { spaceCount: number })[];
}

export async function getSiteOutline(db: Reader, siteId: string): Promise<SiteOutline> {
  const site = await getSite(db, siteId);
  const buildings = (
    await db.selectFrom("buildings").selectAll().where("site_id", "=", siteId).orderBy("name").execute()
  ).map(toBuilding);
  const buildingIds = buildings.map((b) => b.id);
  const levelRows =
    buildingIds.length === 0
      ? []
      : await db
          .selectFrom("levels")
          .selectAll()
          .where("building_id", "in", buildingIds)
          .orderBy("ordinal", "desc")
          .execute();
  const counts =
    levelRows.length === 0
      ? []
      : await db
          .selectFrom("spaces")
          .select(["level_id", (eb) => eb.fn.countAll<number>().as("n")])
          .where(
            "level_id",
            "in",
            levelRows.map((l) => l.id),
          )
          .groupBy("level_id")
          .execute();
  const countByLevel = new Map(counts.map((c) => [c.level_id, Number(c.n)]));
  return {
    site,
    buildings,
    levels: levelRows.map((l) => ({ ...toLevel(l), spaceCount: countByLevel.get(l.id) ?? 0 })),
  };
}

export async function getLevel(db: Reader, levelId: string): Promise<Level> {
  const row = await db.selectFrom("levels").selectAll().where("id", "=", levelId).executeTakeFirst();
  if (!row) throw notFound("level");
  return toLevel(row);
}

export interface LevelPlan {
  level: Level;
  spaces: Space[];
  /** Openings with at least one side on this level (a hatch to the level below appears on both). */
  openings: Opening[];
}

export async function getLevelPlan(db: Reader, levelId: string): Promise<LevelPlan> {
  const level = await getLevel(db, levelId);
  const spaces = (
    await db.selectFrom("spaces").selectAll().where("level_id", "=", levelId).orderBy("name").execute()
  ).map(toSpace);
  const openings = (
    await db
      .selectFrom("openings")
      .selectAll()
      .where((eb) =>
        eb.or([
          eb("space_a_id", "in", eb.selectFrom("spaces").select("id").where("level_id", "=", levelId)),
          eb("space_b_id", "in", eb.selectFrom("spaces").select("id").where("level_id", "=", levelId)),
        ]),
      )
      .orderBy("id")
      .execute()
  ).map(toOpening);
  return { level, spaces, openings };
}

export async function getSpace(db: Reader, spaceId: string): Promise<Space> {
  const row = await db.selectFrom("spaces").selectAll().where("id", "=", spaceId).executeTakeFirst();
  if (!row) throw notFound("space");
  return toSpace(row);
}

export async function getOpening(db: Reader, openingId: string): Promise<Opening> {
  const row = await db.selectFrom("openings").selectAll().where("id", "=", openingId).executeTakeFirst();
  if (!row) throw notFound("opening");
  return toOpening(row);
}

export async function getBuilding(db: Reader, buildingId: string): Promise<Building> {
  const row = await db.selectFrom("buildings").selectAll().where("id", "=", buildingId).executeTakeFirst();
  if (!row) throw notFound("building");
  return toBuilding(row);
}

// ─── rules ──────────────────────────────────────────────────────────────────────────────────────────────

function assertValidPolygon(polygon: Polygon, path: string): void {
  const problem = findPolygonProblem(polygon);
  if (problem) {
    throw new AtharError(
      "invalid_geometry",
      `${path} is not a valid polygon: ${describePolygonProblem(problem)}`,
      [{ path, message: describePolygonProblem(problem) }],
    );
  }
}

async function assertOpeningTouches(db: Reader, input: OpeningInput): Promise<void> {
  const ids = input.spaceBId ? [input.spaceAId, input.spaceBId] : [input.spaceAId];
  if (input.spaceBId === input.spaceAId) {
    throw new AtharError("validation_failed", "an opening connects two different spaces", [
      { path: "spaceBId", message: "same as spaceAId" },
    ]);
  }
  const rows = await db
    .selectFrom("spaces")
    .innerJoin("levels", "levels.id", "spaces.level_id")
    .select(["spaces.id", "spaces.polygon_json", "levels.building_id"])
    .where("spaces.id", "in", ids)
    .execute();
  for (const [index, id] of ids.entries()) {
    const row = rows.find((r) => r.id === id);
    const path = index === 0 ? "spaceAId" : "spaceBId";
    if (!row)
      throw new AtharError("dangling_reference", `space ${id} does not exist`, [
        { path, message: "no such space" },
      ]);
    const distance = distanceToPolygon(input.position, JSON.parse(row.polygon_json) as Polygon);
    if (distance > OPENING_REACH_M) {
      throw new AtharError(
        "opening_does_not_touch",
        `the opening is ${distance.toFixed(2)} m from space ${id}; it must lie within ${OPENING_REACH_M} m of each space it connects`,
        [{ path: "position", message: `${distance.toFixed(2)} m from ${path}` }],
      );
    }
  }
  const first = rows[0];
  if (first && rows.some((r) => r.building_id !== first.building_id)) {
    // Between buildings there is always the outside; an opening joins spaces of one building.
    throw new AtharError("validation_failed", "an opening connects spaces of one building", [
      { path: "spaceBId", message: "other building" },
    ]);
  }
}

async function assertExists(
  db: Reader,
  table: "sites" | "buildings" | "levels",
  id: string,
  path: string,
): Promise<void> {
  const row = await db.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst();
  if (!row)
    throw new AtharError("dangling_reference", `${path} ${id} does not exist`, [
      { path, message: "no such record" },
    ]);
}

// ─── writes ─────────────────────────────────────────────────────────────────────────────────────────────

export async function createSite(w: WriteContext, input: SiteInput, memberIds: string[]): Promise<Site> {
  const id = newId();
  const at = w.now.toISOString();
  const site: Site = { ...input, id, createdAt: at, updatedAt: at };
  await w.trx
    .insertInto("sites")
    .values({
      id,
      name: input.name,
      description: input.description,
      ref_lat: input.refLat,
      ref_lon: input.refLon,
      created_at: at,
      updated_at: at,
    })
    .execute();
  for (const userId of new Set(memberIds))
    await w.trx.insertInto("site_members").values({ site_id: id, user_id: userId }).execute();
  await w.audit({ action: "site.create", entityType: "site", entityId: id, after: site });
  w.emit({ type: "site.created", siteId: id, entityId: id });
  return site;
}

export async function updateSite(w: WriteContext, siteId: string, input: SiteInput): Promise<Site> {
  const before = await getSite(w.trx, siteId);
  const at = w.now.toISOString();
  await w.trx
    .updateTable("sites")
    .set({
      name: input.name,
      description: input.description,
      ref_lat: input.refLat,
      ref_lon: input.refLon,
      updated_at: at,
    })
    .where("id", "=", siteId)
    .execute();
  const after: Site = { ...before, ...input, updatedAt: at };
  await w.audit({ action: "site.update", entityType: "site", entityId: siteId, before, after });
  w.emit({ type: "site.updated", siteId, entityId: siteId });
  return after;
}

export async function deleteSite(w: WriteContext, siteId: string): Promise<void> {
  const before = await getSite(w.trx, siteId);
  await w.trx.deleteFrom("sites").where("id", "=", siteId).execute();
  await w.audit({ action: "site.delete", entityType: "site", entityId: siteId, before });
  w.emit({ type: "site.deleted", siteId, entityId: siteId });
}

export async function addSiteMember(w: WriteContext, siteId: string, userId: string): Promise<void> {
  await assertExists(w.trx, "sites", siteId, "siteId");
  const existing = await w.trx
    .selectFrom("site_members")
    .select("user_id")
    .where("site_id", "=", siteId)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  if (existing) return;
  await w.trx.insertInto("site_members").values({ site_id: siteId, user_id: userId }).execute();
  await w.audit({ action: "site.member_add", entityType: "site", entityId: siteId, after: { userId } });
}

export async function createBuilding(w: WriteContext, input: BuildingInput): Promise<Building> {
  await assertExists(w.trx, "sites", input.siteId, "siteId");
  if (input.footprint) assertValidPolygon(input.footprint, "footprint");
  const building: Building = { ...input, id: newId() };
  await w.trx
    .insertInto("buildings")
    .values({
      id: building.id,
      site_id: input.siteId,
      name: input.name,
      footprint_json: input.footprint ? JSON.stringify(input.footprint) : null,
    })
    .execute();
  await w.audit({
    action: "building.create",
    entityType: "building",
    entityId: building.id,
    after: building,
  });
  w.emit({ type: "site.building.created", siteId: input.siteId, entityId: building.id });
  return building;
}

export async function updateBuilding(
  w: WriteContext,
  buildingId: string,
  input: Omit<BuildingInput, "siteId">,
): Promise<Building> {
  const before = await getBuilding(w.trx, buildingId);
  if (input.footprint) assertValidPolygon(input.footprint, "footprint");
  await w.trx
    .updateTable("buildings")
    .set({ name: input.name, footprint_json: input.footprint ? JSON.stringify(input.footprint) : null })
    .where("id", "=", buildingId)
    .execute();
  const after: Building = { ...before, ...input };
  await w.audit({ action: "building.update", entityType: "building", entityId: buildingId, before, after });
  w.emit({ type: "site.building.updated", siteId: before.siteId, entityId: buildingId });
  return after;
}

export async function deleteBuilding(w: WriteContext, buildingId: string): Promise<void> {
  const before = await getBuilding(w.trx, buildingId);
  await w.trx.deleteFrom("buildings").where("id", "=", buildingId).execute();
  await w.audit({ action: "building.delete", entityType: "building", entityId: buildingId, before });
  w.emit({ type: "site.building.deleted", siteId: before.siteId, entityId: buildingId });
}

export async function createLevel(w: WriteContext, input: LevelInput): Promise<Level> {
  const siteId = await siteIdOfBuilding(w.trx, input.buildingId).catch(() => {
    throw new AtharError("dangling_reference", `building ${input.buildingId} does not exist`, [
      { path: "buildingId", message: "no such building" },
    ]);
  });
  const level: Level = { ...input, id: newId() };
  await w.trx
    .insertInto("levels")
    .values({
      id: level.id,
      building_id: input.buildingId,
      name: input.name,
      ordinal: input.ordinal,
      status: input.status,
    })
    .execute();
  await w.audit({ action: "level.create", entityType: "level", entityId: level.id, after: level });
  w.emit({ type: "site.level.created", siteId, entityId: level.id });
  return level;
}

export async function updateLevel(
  w: WriteContext,
  levelId: string,
  input: Omit<LevelInput, "buildingId">,
): Promise<Level> {
  const before = await getLevel(w.trx, levelId);
  await w.trx
    .updateTable("levels")
    .set({ name: input.name, ordinal: input.ordinal, status: input.status })
    .where("id", "=", levelId)
    .execute();
  const after: Level = { ...before, ...input };
  await w.audit({ action: "level.update", entityType: "level", entityId: levelId, before, after });
  w.emit({ type: "site.level.updated", siteId: await siteIdOfLevel(w.trx, levelId), entityId: levelId });
  return after;
}

export async function deleteLevel(w: WriteContext, levelId: string): Promise<void> {
  const before = await getLevel(w.trx, levelId);
  const siteId = await siteIdOfLevel(w.trx, levelId);
  await w.trx.deleteFrom("levels").where("id", "=", levelId).execute();
  await w.audit({ action: "level.delete", entityType: "level", entityId: levelId, before });
  w.emit({ type: "site.level.deleted", siteId, entityId: levelId });
}

export async function createSpace(w: WriteContext, input: SpaceInput): Promise<Space> {
  const siteId = await siteIdOfLevel(w.trx, input.levelId).catch(() => {
    throw new AtharError("dangling_reference", `level ${input.levelId} does not exist`, [
      { path: "levelId", message: "no such level" },
    ]);
  });
  assertValidPolygon(input.polygon, "polygon");
  const space: Space = { ...input, id: newId() };
  await w.trx
    .insertInto("spaces")
    .values({
      id: space.id,
      level_id: input.levelId,
      name: input.name,
      kind: input.kind,
      status: input.status,
      polygon_json: JSON.stringify(input.polygon),
      notes: input.notes,
    })
    .execute();
  await w.audit({ action: "space.create", entityType: "space", entityId: space.id, after: space });
  w.emit({ type: "site.space.created", siteId, entityId: space.id, data: { levelId: input.levelId } });
  return space;
}

export async function updateSpace(
  w: WriteContext,
  spaceId: string,
  input: Omit<SpaceInput, "levelId">,
): Promise<Space> {
  const before = await getSpace(w.trx, spaceId);
  assertValidPolygon(input.polygon, "polygon");
  await w.trx
    .updateTable("spaces")
    .set({
      name: input.name,
      kind: input.kind,
      status: input.status,
      polygon_json: JSON.stringify(input.polygon),
      notes: input.notes,
    })
    .where("id", "=", spaceId)
    .execute();
  const after: Space = { ...before, ...input };
  await w.audit({ action: "space.update", entityType: "space", entityId: spaceId, before, after });
  w.emit({
    type: "site.space.updated",
    siteId: await siteIdOfSpace(w.trx, spaceId),
    entityId: spaceId,
    data: { levelId: before.levelId },
  });
  return after;
}

export async function deleteSpace(w: WriteContext, spaceId: string): Promise<void> {
  const before = await getSpace(w.trx, spaceId);
  const siteId = await siteIdOfSpace(w.trx, spaceId);
  await w.trx.deleteFrom("spaces").where("id", "=", spaceId).execute();
  await w.audit({ action: "space.delete", entityType: "space", entityId: spaceId, before });
  w.emit({ type: "site.space.deleted", siteId, entityId: spaceId, data: { levelId: before.levelId } });
}

export async function createOpening(w: WriteContext, input: OpeningInput): Promise<Opening> {
  await assertOpeningTouches(w.trx, input);
  const opening: Opening = { ...input, id: newId() };
  await w.trx.insertInto("openings").values(openingRow(opening.id, input)).execute();
  await w.audit({ action: "opening.create", entityType: "opening", entityId: opening.id, after: opening });
  w.emit({
    type: "site.opening.created",
    siteId: await siteIdOfSpace(w.trx, input.spaceAId),
    entityId: opening.id,
  });
  return opening;
}

export async function updateOpening(
  w: WriteContext,
  openingId: string,
  input: OpeningInput,
): Promise<Opening> {
  const before = await getOpening(w.trx, openingId);
  await assertOpeningTouches(w.trx, input);
  const { id: _id, ...values } = openingRow(openingId, input);
  await w.trx.updateTable("openings").set(values).where("id", "=", openingId).execute();
  const after: Opening = { ...input, id: openingId };
  await w.audit({ action: "opening.update", entityType: "opening", entityId: openingId, before, after });
  w.emit({
    type: "site.opening.updated",
    siteId: await siteIdOfSpace(w.trx, input.spaceAId),
    entityId: openingId,
  });
  return after;
}

export async function deleteOpening(w: WriteContext, openingId: string): Promise<void> {
  const before = await getOpening(w.trx, openingId);
  const siteId = await siteIdOfSpace(w.trx, before.spaceAId);
  await w.trx.deleteFrom("openings").where("id", "=", openingId).execute();
  await w.audit({ action: "opening.delete", entityType: "opening", entityId: openingId, before });
  w.emit({ type: "site.opening.deleted", siteId, entityId: openingId });
}
