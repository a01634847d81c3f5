/**
 * Between the stored site model (`@athar/core` records, as the API and database hold them) and a
 * PlanDocument. Storing an imported archive: `coreRecordsFromPlan`. Exporting or analysing a stored site:
 * `planFromCoreRecords`, which fills what the core model does not keep (outlines, IMDF categories) with
 * defaults that export and the analyses understand.
 */
import type { Building, Level, Opening, Site, Space } from "@athar/core";
import type { PlanDocument } from "./plan-document";

export interface CoreRecords {
  site: Pick<Site, "id" | "name" | "description" | "refLat" | "refLon">;
  buildings: Building[];
  levels: Level[];
  spaces: Space[];
  openings: Opening[];
}

export function planFromCoreRecords(records: CoreRecords, language = "en"): PlanDocument {
  const levelOfSpace = new Map(records.spaces.map((s) => [s.id, s.levelId]));
  return {
    language,
    site: {
      id: records.site.id,
      name: records.site.name,
      description: records.site.description,
      refLat: records.site.refLat,
      refLon: records.site.refLon,
      imdfCategory: "",
      outline: [],
      nameLabels: {},
      extra: {},
    },
    buildings: records.buildings.map((b) => ({
      id: b.id,
      siteId: b.siteId,
      name: b.name,
      footprint: b.footprint,
      imdfCategory: "",
      nameLabels: {},
      extra: {},
    })),
    footprints: [],
    levels: records.levels.map((l) => ({
      ...l,
      buildingIds: [l.buildingId],
      outline: [],
      shortName: String(l.ordinal),
      outdoor: false,
      imdfCategory: "",
      nameLabels: {},
      extra: {},
    })),
    spaces: records.spaces.map((s) => ({
      ...s,
      holes: [],
      sourceId: s.id,
      imdfCategory: "",
      nameLabels: null,
      extra: {},
    })),
    walls: [],
    openings: records.openings.map((o) => ({
      ...o,
      levelId: levelOfSpace.get(o.spaceAId) ?? "",
      line: null,
      imdfCategory: "",
      nameLabels: null,
      extra: {},
    })),
    relationships: [],
    passthrough: {},
  };
}

/**
 * The parts of a document the core model stores. What it cannot hold is dropped: holes in spaces, wall
 * bodies, relationships, outlines and IMDF extras (keep the archive itself if those matter).
 */
export function coreRecordsFromPlan(document: PlanDocument): CoreRecords {
  return {
    site: {
      id: document.site.id,
      name: document.site.name,
      description: document.site.description,
      refLat: document.site.refLat,
      refLon: document.site.refLon,
    },
    buildings: document.buildings.map((b) => ({
      id: b.id,
      siteId: b.siteId,
      name: b.name,
      footprint: b.footprint,
    })),
    levels: document.levels.map((l) => ({
      id: l.id,
      buildingId: l.buildingId,
      name: l.name,
      ordinal: l.ordinal,
      status: l.status,
    })),
    spaces: document.spaces.map((s) => ({
      id: s.id,
      levelId: s.levelId,
      name: s.name,
      kind: s.kind,
      status: s.status,
      polygon: s.polygon,
      notes: s.notes,
    })),
    openings: document.openings.map((o) => ({
      id: o.id,
      kind: o.kind,
      name: o.name,
      spaceAId: o.spaceAId,
      spaceBId: o.spaceBId,
      position: o.position,
      widthM: o.widthM,
      barrier: { ...o.barrier },
    })),
  };
}
