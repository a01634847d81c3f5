import type { Point } from "@athar/core";
import { describe, expect, it } from "vitest";
import {
  ATHAR_EXTENSION_ID,
  exportImdf,
  exportImdfZip,
  fileText,
  importImdf,
  importImdfZip,
  type PlanDocument,
  unzipArchive,
} from "../src";
import { smallFacility } from "./fixtures/small-facility";

const CREATED = "2025-01-01T00:00:00Z";

function expectClosePoints(actual: readonly Point[], expected: readonly Point[], tolerance = 1e-3): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((p, k) => {
    expect(Math.abs(p[0] - expected[k]![0])).toBeLessThan(tolerance);
    expect(Math.abs(p[1] - expected[k]![1])).toBeLessThan(tolerance);
  });
}

function roundTrip(doc: PlanDocument): PlanDocument {
  const result = importImdf(exportImdf(doc, { created: CREATED }));
  if (!result.ok)
    throw new Error(
      result.problems.map((p) => `${p.file} ${p.featureId} ${p.rule}: ${p.message}`).join("\n"),
    );
  return result.document;
}

describe("IMDF export → import", () => {
  const original = smallFacility();
  const back = roundTrip(original);

  it("keeps every feature with its id", () => {
    expect(back.site.id).toBe(original.site.id);
    expect(back.buildings.map((b) => b.id).sort()).toEqual(original.buildings.map((b) => b.id).sort());
    expect(back.levels.map((l) => l.id).sort()).toEqual(original.levels.map((l) => l.id).sort());
    expect(back.spaces.map((s) => s.id).sort()).toEqual(original.spaces.map((s) => s.id).sort());
    expect(back.openings.map((o) => o.id).sort()).toEqual(original.openings.map((o) => o.id).sort());
    expect(back.walls.map((w) => w.id)).toEqual(original.walls.map((w) => w.id));
    expect(back.relationships.map((r) => r.id)).toEqual(original.relationships.map((r) => r.id));
  });

  it("keeps the reference point and geometry to a millimetre", () => {
    expect(back.site.refLat).toBe(original.site.refLat);
    expect(back.site.refLon).toBe(original.site.refLon);
    for (const space of original.spaces) {
      const twin = back.spaces.find((s) => s.id === space.id)!;
      expectClosePoints(twin.polygon, space.polygon);
      expect(twin.holes.length).toBe(space.holes.length);
      for (const [k, hole] of space.holes.entries()) expectClosePoints(twin.holes[k]!, hole);
    }
    const level = original.levels.find((l) => l.ordinal === 0)!;
    expectClosePoints(
      back.levels.find((l) => l.id === level.id)!.outline[0]!.holes[0]!,
      level.outline[0]!.holes[0]!,
    );
  });

  it("keeps Athar's own data through the extension", () => {
    for (const space of original.spaces) {
      const twin = back.spaces.find((s) => s.id === space.id)!;
      expect([twin.kind, twin.status, twin.notes, twin.name, twin.sourceId]).toEqual([
        space.kind,
        space.status,
        space.notes,
        space.name,
        space.sourceId,
      ]);
    }
    for (const opening of original.openings) {
      const twin = back.openings.find((o) => o.id === opening.id)!;
      expect(twin.barrier).toEqual(opening.barrier);
      expect([twin.kind, twin.spaceAId, twin.spaceBId]).toEqual([
        opening.kind,
        opening.spaceAId,
        opening.spaceBId,
      ]);
      expect(twin.widthM).toBeCloseTo(opening.widthM, 3);
      expectClosePoints([twin.position], [opening.position]);
    }
    expect(back.levels.find((l) => l.ordinal === -2)!.status).toBe("suspected");
    expect(back.walls[0]!.material).toBe("concrete");
    expect(back.walls[0]!.thicknessM).toBeCloseTo(0.2, 6);
  });

  it("is stable: a second round trip changes nothing", () => {
    const again = roundTrip(back);
    expect(exportImdf(again, { created: CREATED })).toEqual(exportImdf(back, { created: CREATED }));
  });

  it("writes a manifest declaring the extension and a zip that reads back", () => {
    const zip = exportImdfZip(original, { created: CREATED });
    const files = unzipArchive(zip);
    const manifest = JSON.parse(fileText(files.get("manifest.json")!));
    expect(manifest.extensions).toContain(ATHAR_EXTENSION_ID);
    expect(manifest.version).toBe("1.0.0");
    const result = importImdfZip(zip);
    expect(result.ok).toBe(true);
  });

  it("writes every property IMDF 1.0 lists for each feature type (null where unknown)", () => {
    const files = exportImdf(original, { created: CREATED });
    const required: Record<string, string[]> = {
      venue: [
        "category",
        "restriction",
        "name",
        "alt_name",
        "hours",
        "phone",
        "website",
        "display_point",
        "address_id",
      ],
      building: ["category", "restriction", "name", "alt_name", "display_point", "address_id"],
      footprint: ["category", "name", "building_ids"],
      level: [
        "category",
        "restriction",
        "outdoor",
        "ordinal",
        "name",
        "short_name",
        "display_point",
        "address_id",
        "building_ids",
      ],
      unit: ["category", "restriction", "accessibility", "name", "alt_name", "display_point", "level_id"],
      opening: [
        "category",
        "accessibility",
        "access_control",
        "door",
        "name",
        "alt_name",
        "display_point",
        "level_id",
      ],
      relationship: ["category", "direction", "origin", "intermediary", "destination", "hours"],
    };
    for (const [type, keys] of Object.entries(required)) {
      const collection = JSON.parse(files.get(`${type}.geojson`) as string);
      expect(collection.features.length).toBeGreaterThan(0);
      for (const feature of collection.features) {
        expect(feature.feature_type).toBe(type);
        for (const key of keys) expect(Object.keys(feature.properties)).toContain(key);
      }
    }
  });

  it("writes plain IMDF where it can: categories, access control, door, closed rings", () => {
    const files = exportImdf(original, { created: CREATED });
    const units = JSON.parse(files.get("unit.geojson") as string);
    const cell = units.features.find(
      (f: { properties: Record<string, unknown> }) => f.properties["athar:kind"] === "cell",
    );
    expect(cell.properties.category).toBe("nonpublic");
    const ring = cell.geometry.coordinates[0];
    expect(ring[0]).toEqual(ring[ring.length - 1]);
    const guard = units.features.find(
      (f: { id: string }) => f.id === original.spaces.find((s) => s.name === "guard room")!.sourceId,
    );
    expect(guard.geometry.type).toBe("MultiPolygon");
    const openings = JSON.parse(files.get("opening.geojson") as string);
    const gate = openings.features.find(
      (f: { properties: Record<string, unknown> }) => f.properties["athar:kind"] === "gate",
    );
    expect(gate.properties.access_control).toEqual(["badgereader"]);
    expect(gate.properties.door.material).toBe("gate");
    expect(gate.geometry.type).toBe("LineString");
  });
});
