import { zipSync } from "fflate";
import { describe, expect, it } from "vitest";
import {
  type ArchiveFiles,
  exportImdf,
  type ImportProblem,
  importImdf,
  importImdfZip,
  zipArchive,
} from "../src";
import { smallFacility } from "./fixtures/small-facility";

type Json = Record<string, unknown> & { features: Feature[] };
type Feature = {
  id: string;
  feature_type: string;
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown>;
};

const base = (): ArchiveFiles => exportImdf(smallFacility(), { created: "2025-01-01T00:00:00Z" });

function edit(files: ArchiveFiles, name: string, change: (json: Json) => void): ArchiveFiles {
  const json = JSON.parse(files.get(name) as string) as Json;
  change(json);
  const copy = new Map(files);
  copy.set(name, JSON.stringify(json));
  return copy;
}

function problemsOf(files: ArchiveFiles): ImportProblem[] {
  const result = importImdf(files);
  expect(result.ok).toBe(false);
  if (result.ok) return [];
  // Nothing imported: the failure carries no document at all.
  expect("document" in result).toBe(false);
  return result.problems.filter((p) => p.severity === "error");
}

const firstUnit = (json: Json): Feature => json.features.find((f) => f.properties["athar:kind"] === "cell")!;

describe("IMDF validation", () => {
  it("accepts the fixture", () => {
    expect(importImdf(base()).ok).toBe(true);
  });

  it("requires manifest.json", () => {
    const files = base();
    files.delete("manifest.json");
    expect(problemsOf(files)).toContainEqual(
      expect.objectContaining({ file: "manifest.json", rule: "missing_file" }),
    );
  });

  it("names the file with broken JSON", () => {
    const files = base();
    files.set("unit.geojson", "{ not json");
    expect(problemsOf(files)).toContainEqual(
      expect.objectContaining({ file: "unit.geojson", rule: "invalid_json" }),
    );
  });

  it("rejects ids that are not UUIDs and ids used twice", () => {
    let files = edit(base(), "unit.geojson", (json) => {
      firstUnit(json).id = "cell-1";
    });
    expect(problemsOf(files)).toContainEqual(
      expect.objectContaining({ file: "unit.geojson", featureId: "cell-1", rule: "invalid_uuid" }),
    );
    const levelId = (JSON.parse(base().get("level.geojson") as string) as Json).features[0]!.id;
    files = edit(base(), "unit.geojson", (json) => {
      firstUnit(json).id = levelId;
    });
    expect(problemsOf(files)).toContainEqual(
      expect.objectContaining({ file: "unit.geojson", featureId: levelId, rule: "duplicate_id" }),
    );
  });

  it("checks the geometry type per feature type", () => {
    const files = edit(base(), "unit.geojson", (json) => {
      const unit = firstUnit(json);
      unit.geometry = {
        type: "LineString",
        coordinates: [
          [36.1, 33.1],
          [36.2, 33.2],
        ],
      };
    });
    const id = (JSON.parse(files.get("unit.geojson") as string) as Json).features.find(
      (f) => f.geometry?.type === "LineString",
    )!.id;
    expect(problemsOf(files)).toContainEqual(
      expect.objectContaining({ file: "unit.geojson", featureId: id, rule: "wrong_geometry_type" }),
    );
    const buildings = edit(base(), "building.geojson", (json) => {
      json.features[0]!.geometry = { type: "Point", coordinates: [36.1, 33.1] };
    });
    expect(problemsOf(buildings)).toContainEqual(
      expect.objectContaining({ file: "building.geojson", rule: "wrong_geometry_type" }),
    );
  });

  it("rejects references that do not resolve", () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    let id = "";
    const files = edit(base(), "unit.geojson", (json) => {
      const unit = firstUnit(json);
      id = unit.id;
      unit.properties.level_id = missing;
    });
    expect(problemsOf(files)).toContainEqual(
      expect.objectContaining({ file: "unit.geojson", featureId: id, rule: "dangling_reference" }),
    );
    const relationships = edit(base(), "relationship.geojson", (json) => {
      json.features[0]!.properties.destination = { id: missing, feature_type: "unit" };
    });
    expect(problemsOf(relationships)).toContainEqual(
      expect.objectContaining({ file: "relationship.geojson", rule: "dangling_reference" }),
    );
  });

  it("rejects self-intersecting polygons and unclosed rings", () => {
    let id = "";
    const bowtie = edit(base(), "unit.geojson", (json) => {
      const unit = firstUnit(json);
      id = unit.id;
      const ring = (unit.geometry!.coordinates as number[][][])[0]!;
      // Swap two corners: the rectangle becomes a bow tie.
      [ring[1], ring[2]] = [ring[2]!, ring[1]!];
    });
    expect(problemsOf(bowtie)).toContainEqual(
      expect.objectContaining({ featureId: id, rule: "invalid_polygon" }),
    );
    const open = edit(base(), "unit.geojson", (json) => {
      const unit = firstUnit(json);
      (unit.geometry!.coordinates as number[][][])[0]!.pop();
    });
    expect(problemsOf(open)).toContainEqual(
      expect.objectContaining({ featureId: id, rule: "invalid_coordinates" }),
    );
  });

  it("rejects units that lie off their level", () => {
    let id = "";
    const files = edit(base(), "unit.geojson", (json) => {
      const unit = firstUnit(json);
      id = unit.id;
      const ring = (unit.geometry!.coordinates as number[][][])[0]!;
      for (const p of ring) p[0] = p[0]! + 0.001; // about 90 m east
    });
    expect(problemsOf(files)).toContainEqual(
      expect.objectContaining({ featureId: id, rule: "unit_outside_level" }),
    );
  });

  it("warns, without refusing, when a unit reaches outside its building's footprints", () => {
    const files = edit(base(), "footprint.geojson", (json) => {
      // Keep only the subterranean footprint: the ground floor's yard now lies outside every footprint.
      json.features = json.features.filter((f) => f.properties.category === "subterranean");
    });
    const result = importImdf(files);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.warnings.some((w) => w.rule === "unit_outside_footprint")).toBe(true);
  });

  it("keeps an opening that touches no unit by attaching it to the nearest, with a warning", () => {
    let id = "";
    const shifted = (east: number, north: number) =>
      edit(base(), "opening.geojson", (json) => {
        const opening = json.features.find((f) => f.properties["athar:kind"] === "gate")!;
        id = opening.id;
        delete opening.properties["athar:space_ids"];
        for (const p of opening.geometry!.coordinates as number[][]) {
          p[0] = p[0]! + east;
          p[1] = p[1]! + north;
        }
      });
    // Into the exercise yard's courtyard hole, 2 m past its edge: no unit within 1 m, the yard within 5 m.
    const near = importImdf(shifted(-0.000083, 0.000054));
    if (!near.ok) throw new Error(near.problems.map((p) => `${p.rule} ${p.message}`).join("; "));
    expect(near.warnings).toContainEqual(
      expect.objectContaining({ featureId: id, rule: "opening_not_on_unit" }),
    );
    expect(near.document.openings.find((o) => o.id === id)).toBeDefined();
    // Far outside the level: an error, nothing imported.
    expect(problemsOf(shifted(0.01, 0))).toContainEqual(
      expect.objectContaining({ featureId: id, rule: "opening_off_level" }),
    );
  });

  it("rejects malformed Athar extension values", () => {
    let id = "";
    const files = edit(base(), "opening.geojson", (json) => {
      const opening = json.features[0]!;
      id = opening.id;
      (opening.properties["athar:barrier"] as Record<string, unknown>).lock = "magic";
    });
    expect(problemsOf(files)).toContainEqual(
      expect.objectContaining({ file: "opening.geojson", featureId: id, rule: "invalid_extension" }),
    );
  });

  it("needs exactly one venue", () => {
    const files = edit(base(), "venue.geojson", (json) => {
      json.features.push({ ...json.features[0]!, id: "11111111-1111-4111-8111-111111111111" });
    });
    expect(problemsOf(files)).toContainEqual(
      expect.objectContaining({ file: "venue.geojson", rule: "venue_count" }),
    );
  });

  it("reports several problems at once, each with file, feature and rule", () => {
    let files = edit(base(), "unit.geojson", (json) => {
      firstUnit(json).properties.level_id = "not-a-uuid";
    });
    files = edit(files, "level.geojson", (json) => {
      json.features[0]!.properties.ordinal = "ground";
    });
    const problems = problemsOf(files);
    expect(new Set(problems.map((p) => p.file))).toEqual(new Set(["unit.geojson", "level.geojson"]));
    for (const p of problems) expect(p.message.length).toBeGreaterThan(5);
  });

  it("turns a corrupt or oversized zip into a problem", () => {
    const corrupt = importImdfZip(new Uint8Array([0x50, 0x4b, 3, 4, 9, 9, 9]));
    expect(corrupt.ok).toBe(false);
    if (!corrupt.ok) expect(corrupt.problems[0]!.rule).toBe("archive_unreadable");
    const big = zipSync({ "unit.geojson": new Uint8Array(2_000_000) });
    const limited = importImdfZip(big, { maxUncompressedBytes: 1_000_000, maxFiles: 10 });
    expect(limited.ok).toBe(false);
    if (!limited.ok) expect(limited.problems[0]!.message).toMatch(/more than 1000000 bytes/);
  });

  it("imports zips whose files sit in a folder", () => {
    const files = base();
    const nested: ArchiveFiles = new Map([...files].map(([name, text]) => [`venue-export/${name}`, text]));
    expect(importImdfZip(zipArchive(nested)).ok).toBe(true);
  });
});

describe("plain IMDF without the Athar extension", () => {
  const stripped = (): ArchiveFiles => {
    let files = base();
    for (const name of ["venue.geojson", "level.geojson", "unit.geojson", "opening.geojson"]) {
      files = edit(files, name, (json) => {
        for (const f of json.features)
          for (const key of Object.keys(f.properties)) if (key.startsWith("athar:")) delete f.properties[key];
      });
    }
    return files;
  };

  it("infers which spaces an opening joins from its geometry", () => {
    const original = smallFacility();
    const result = importImdf(stripped());
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    let compared = 0;
    for (const opening of original.openings) {
      const back = result.document.openings.find((o) => o.id === opening.id)!;
      expect({ id: opening.id, spaces: new Set([back.spaceAId, back.spaceBId]) }).toEqual({
        id: opening.id,
        spaces: new Set([opening.spaceAId, opening.spaceBId]),
      });
      compared++;
    }
    expect(compared).toBe(original.openings.length);
  });

  it("maps IMDF categories and access control to the site model", () => {
    const result = importImdf(stripped());
    if (!result.ok) throw new Error("import failed");
    const kinds = new Set(result.document.spaces.map((s) => s.kind));
    expect(kinds).toEqual(new Set(["room", "corridor", "yard", "stairs"]));
    const gate = result.document.openings.find((o) => o.name === "yard gate")!;
    expect(gate.barrier.lock).toBe("electronic");
    expect(gate.barrier.material).toBe("steel_bars");
    expect(gate.barrier.state).toBe("locked");
    expect(gate.kind).toBe("gate");
  });
});
