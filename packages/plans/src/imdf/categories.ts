/**
 * How IMDF categories map onto Athar's site model and back. IMDF describes public venues; a detention site
 * needs more (cells, suspected status, locks), which travels in the Athar extension (see extension.ts). These
 * mappings are used only when the extension is absent (a plain IMDF archive) or to pick the IMDF category to
 * write for a space that was created in Athar.
 */
import type { BarrierMaterial, LockKind, OpeningKind, SpaceKind } from "@athar/core";
import type { WallMaterial } from "../model/plan-document";

/** Unit categories that are wall bodies or structure rather than spaces one can be in. */
export const WALL_UNIT_CATEGORIES: Record<string, WallMaterial> = {
  brick: "brick",
  concrete: "concrete",
  drywall: "drywall",
  glass: "glass",
  wood: "wood",
  steel: "steel",
  structure: "unknown",
  column: "unknown",
};

export const isWallCategory = (category: string): boolean => Object.hasOwn(WALL_UNIT_CATEGORIES, category);

export function wallMaterialToCategory(material: WallMaterial): string {
  switch (material) {
    case "brick":
    case "concrete":
    case "drywall":
    case "glass":
    case "wood":
    case "steel":
      return material;
    case "reinforced_concrete":
      return "concrete";
    default:
      return "structure";
  }
}

const STAIRS = new Set(["stairs", "steps", "escalator", "ramp"]);
const SHAFTS = new Set(["elevator", "opentobelow"]);
const CORRIDORS = new Set(["walkway", "lobby", "footbridge", "movingwalkway", "opentowalkway"]);
const YARDS = new Set(["unenclosedarea", "terrace", "vegetation", "fieldofplay", "road", "parking", "water"]);

export function unitCategoryToKind(category: string): SpaceKind {
  if (STAIRS.has(category)) return "stairs";
  if (SHAFTS.has(category)) return "shaft";
  if (CORRIDORS.has(category)) return "corridor";
  if (YARDS.has(category)) return "yard";
  if (category === "unspecified") return "unknown";
  return "room";
}

export function kindToUnitCategory(kind: SpaceKind): string {
  switch (kind) {
    case "cell":
      return "nonpublic";
    case "corridor":
      return "walkway";
    case "room":
      return "room";
    case "stairs":
      return "stairs";
    case "shaft":
      return "opentobelow";
    case "yard":
      return "unenclosedarea";
    case "unknown":
      return "unspecified";
  }
}

/** The IMDF category stays when it still fits the kind (so a `restroom` stays a restroom), else it is derived. */
export function unitCategoryFor(kind: SpaceKind, previousCategory: string): string {
  if (
    previousCategory &&
    unitCategoryToKind(previousCategory) === kind &&
    !isWallCategory(previousCategory)
  ) {
    return previousCategory;
  }
  if (kind === "cell" && previousCategory === "nonpublic") return previousCategory;
  return kindToUnitCategory(kind);
}

const ELECTRONIC = new Set(["badgereader", "fingerprintreader", "retinascanner", "voicerecognition"]);
const MECHANICAL = new Set(["keyaccess", "outsidelocking"]);

/** `access_control` (null or a list) → the strongest lock it implies. */
export function accessControlToLock(accessControl: unknown): LockKind {
  if (!Array.isArray(accessControl) || accessControl.length === 0) return "none";
  const values = accessControl.filter((v): v is string => typeof v === "string");
  if (values.some((v) => ELECTRONIC.has(v))) return "electronic";
  if (values.includes("passwordaccess")) return "keypad";
  if (values.some((v) => MECHANICAL.has(v))) return "mechanical";
  if (values.every((v) => v === "guard")) return "none";
  return "unknown";
}

export function lockToAccessControl(lock: LockKind): string[] | null {
  switch (lock) {
    case "mechanical":
      return ["keyaccess"];
    case "electronic":
      return ["badgereader"];
    case "keypad":
      return ["passwordaccess"];
    default:
      return null;
  }
}

export function doorMaterialToBarrier(material: unknown): BarrierMaterial {
  switch (material) {
    case "wood":
      return "wood";
    case "metal":
      return "steel";
    case "gate":
      return "steel_bars";
    default:
      return "unknown";
  }
}

export function barrierToDoorMaterial(material: BarrierMaterial): string | null {
  switch (material) {
    case "wood":
      return "wood";
    case "steel":
      return "metal";
    case "steel_bars":
      return "gate";
    default:
      return null;
  }
}

export function openingCategoryToKind(category: string): OpeningKind {
  if (category === "automobile" || category === "bicycle") return "gate";
  return "door";
}

export function openingKindToCategory(kind: OpeningKind, previousCategory: string): string {
  if (previousCategory && openingCategoryToKind(previousCategory) === kind) return previousCategory;
  switch (kind) {
    case "gate":
      return "automobile";
    case "door":
    case "breach":
      return "pedestrian";
    case "hatch":
    case "vent":
      return "service";
  }
}
