/**
 * The demo facility: fictional, loosely shaped like the three-winged prisons described in public reports.
 * A hexagonal hub with three wings at 120°, three floors above ground, two known basements and a rumoured
 * third. Pure data: this module only computes geometry and returns plain records.
 */
import type {
  BarrierMaterial,
  ExistenceStatus,
  LockKind,
  OpeningKind,
  OpeningState,
  Point,
  Polygon,
  SpaceKind,
} from "@athar/core";

export interface DemoSpace {
  key: string;
  name: string;
  kind: SpaceKind;
  status: ExistenceStatus;
  polygon: Polygon;
}

export interface DemoOpening {
  kind: OpeningKind;
  name: string;
  a: string;
  b: string | null;
  position: Point;
  lock: LockKind;
  material: BarrierMaterial;
  state: OpeningState;
  concealed: boolean;
}

export interface DemoLevel {
  name: string;
  ordinal: number;
  status: ExistenceStatus;
  spaces: DemoSpace[];
  openings: DemoOpening[];
}

const HUB_RADIUS = 12;
const HUB_APOTHEM = HUB_RADIUS * Math.cos(Math.PI / 6);
const WALL = 0.4;
const WING_START = HUB_APOTHEM + WALL;
const CELL_WIDTH = 4;
const CELL_DEPTH = 5;
const CORRIDOR_HALF = 1.5;
const CELLS_PER_SIDE = 12;
const WINGS = [
  { letter: "A", angle: 90 },
  { letter: "B", angle: 210 },
  { letter: "C", angle: 330 },
] as const;

const round = (value: number): number => Math.round(value * 1000) / 1000;

function rotate([x, y]: Point, degrees: number): Point {
  const r = (degrees * Math.PI) / 180;
  return [round(x * Math.cos(r) - y * Math.sin(r)), round(x * Math.sin(r) + y * Math.cos(r))];
}

/** A rectangle in a wing's own frame (x along the wing from the hub, y across it), rotated into place. */
function wingRect(angle: number, x0: number, y0: number, x1: number, y1: number): Polygon {
  return [rotate([x0, y0], angle), rotate([x1, y0], angle), rotate([x1, y1], angle), rotate([x0, y1], angle)];
}

function hub(): Polygon {
  // Vertices at 0°, 60°, …: edges face 30°, 90°, 150°, 210°, 270°, 330°; the wings take three of them.
  return Array.from({ length: 6 }, (_, i) => rotate([HUB_RADIUS, 0], i * 60));
}

interface WingPlan {
  cells: "cells" | "storage" | "solitary" | "none";
  lock: LockKind;
  /** Cell numbers the plan we were given leaves blank: the walls around them are there, the room is not. */
  undrawn?: readonly number[];
}

const WING_LENGTH = CELLS_PER_SIDE * (CELL_WIDTH + WALL);
/** Half the wing's width to the outside face of its outer walls. */
const WING_HALF_WIDTH = CORRIDOR_HALF + WALL + CELL_DEPTH + WALL;

/**
 * The building's outer outline: the hub and the three wings as one polygon (counter-clockwise). Every level
 * of the block lies inside it, so the hidden-space analysis can ask of each level what part of it no drawn
 * space or wall explains: on the basements, whole wings nobody has drawn.
 */
export function demoFootprint(): Polygon {
  const hubHalfEdge = HUB_RADIUS / 2;
  const end = WING_START + WING_LENGTH + WALL;
  return WINGS.flatMap(({ angle }) =>
    (
      [
        [HUB_APOTHEM, -hubHalfEdge],
        [HUB_APOTHEM, -WING_HALF_WIDTH],
        [end, -WING_HALF_WIDTH],
        [end, WING_HALF_WIDTH],
        [HUB_APOTHEM, WING_HALF_WIDTH],
        [HUB_APOTHEM, hubHalfEdge],
      ] as const
    ).map(([x, y]) => rotate([x, y], angle)),
  );
}

function buildLevel(
  ordinal: number,
  name: string,
  plans: Record<string, WingPlan>,
  status: ExistenceStatus = "known",
): DemoLevel {
  const spaces: DemoSpace[] = [];
  const openings: DemoOpening[] = [];
  const prefix = `L${ordinal}`;
  spaces.push({ key: `${prefix}-hub`, name: "Hub", kind: "room", status, polygon: hub() });

  for (const { letter, angle } of WINGS) {
    const plan = plans[letter] ?? { cells: "none", lock: "none" };
    if (plan.cells === "none") continue;
    const length = WING_LENGTH;
    const corridorKey = `${prefix}-${letter}-corridor`;
    spaces.push({
      key: corridorKey,
      name: `${letter} corridor`,
      kind: "corridor",
      status,
      polygon: wingRect(angle, WING_START, -CORRIDOR_HALF, WING_START + length, CORRIDOR_HALF),
    });
    openings.push({
      kind: "gate",
      name: `${letter} wing gate`,
      a: `${prefix}-hub`,
      b: corridorKey,
      position: rotate([HUB_APOTHEM + WALL / 2, 0], angle),
      lock: plan.lock === "none" ? "mechanical" : plan.lock,
      material: "steel_bars",
      state: "locked",
      concealed: false,
    });
    for (const side of [1, -1] as const) {
      for (let i = 0; i < CELLS_PER_SIDE; i++) {
        const x0 = WING_START + WALL / 2 + i * (CELL_WIDTH + WALL);
        const x1 = x0 + CELL_WIDTH;
        const yNear = side * (CORRIDOR_HALF + WALL);
        const yFar = side * (CORRIDOR_HALF + WALL + CELL_DEPTH);
        const number = side === 1 ? i + 1 : CELLS_PER_SIDE + i + 1;
        if (plan.undrawn?.includes(number)) continue;
        const key = `${prefix}-${letter}-${number}`;
        const isStairs = letter === "A" && side === 1 && i === 0;
        const isShaft = letter === "B" && side === -1 && i === CELLS_PER_SIDE - 1;
        const kind: SpaceKind = isStairs
          ? "stairs"
          : isShaft
            ? "shaft"
            : plan.cells === "storage"
              ? "room"
              : "cell";
        const label = isStairs
          ? `${letter} stairs`
          : isShaft
            ? `${letter} shaft`
            : plan.cells === "storage"
              ? `${letter}-${number} store`
              : `${letter}-${number}`;
        spaces.push({
          key,
          name: label,
          kind,
          status,
          polygon: wingRect(angle, x0, Math.min(yNear, yFar), x1, Math.max(yNear, yFar)),
        });
        if (isShaft) continue; // a ventilation shaft has no door onto the corridor
        openings.push({
          kind: "door",
          name: `${label} door`,
          a: corridorKey,
          b: key,
          position: rotate([(x0 + x1) / 2, side * (CORRIDOR_HALF + WALL / 2)], angle),
          lock: isStairs ? "none" : plan.lock,
          material: plan.cells === "solitary" ? "steel" : isStairs ? "wood" : "steel",
          state: isStairs ? "closed" : "locked",
          concealed: false,
        });
      }
    }
  }
  return { name, ordinal, status, spaces, openings };
}

/** The whole demo building, from the top floor down. */
export function demoFacility(): DemoLevel[] {
  const cells = (lock: LockKind): WingPlan => ({ cells: "cells", lock });
  const levels: DemoLevel[] = [
    buildLevel(2, "Second floor", { A: cells("mechanical"), B: cells("mechanical"), C: cells("mechanical") }),
    buildLevel(1, "First floor", { A: cells("mechanical"), B: cells("electronic"), C: cells("mechanical") }),
    // The ground-floor plan leaves the last cell of wing C blank (its walls drawn, the room and its door not):
    // the hidden-space analysis should point at it.
    buildLevel(0, "Ground floor", {
      A: cells("electronic"),
      B: cells("electronic"),
      C: { cells: "cells", lock: "keypad", undrawn: [24] },
    }),
    buildLevel(-1, "Basement 1", {
      A: { cells: "storage", lock: "mechanical" },
      B: { cells: "solitary", lock: "keypad" },
    }),
    buildLevel(-2, "Basement 2", { A: { cells: "solitary", lock: "electronic" } }),
  ];

  // The rumoured third basement: one suspected space under wing A, reached (if at all) by a concealed,
  // sealed hatch from the stairs of basement 2. Its outline is a guess drawn from testimony.
  const suspectedKey = "L-3-suspected";
  const stairsBelow = levels[4]?.spaces.find((s) => s.kind === "stairs");
  const rumoured: DemoLevel = {
    name: "Basement 3 (rumoured)",
    ordinal: -3,
    status: "suspected",
    spaces: [
      {
        key: suspectedKey,
        name: "Suspected cell block",
        kind: "unknown",
        status: "suspected",
        polygon: wingRect(90, WING_START, -7, WING_START + 30, 7),
      },
    ],
    openings: [],
  };
  if (stairsBelow) {
    levels[4]?.openings.push({
      kind: "hatch",
      name: "Sealed hatch (reported)",
      a: stairsBelow.key,
      b: suspectedKey,
      position: rotate([WING_START + 2.5, CORRIDOR_HALF + WALL + 1.5], 90),
      lock: "unknown",
      material: "reinforced_concrete",
      state: "sealed",
      concealed: true,
    });
  }
  levels.push(rumoured);
  return levels;
}
