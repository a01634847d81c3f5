/**
 * A small synthetic site for the operations tests: one level with a stairs, a corridor and three cells off
 * it. The stairs door is closed (passable); cell 1's door is open, cell 2's is locked, cell 3's is sealed.
 *
 *   stairs | corridor (0..12 × 4..6)
 *          | cell 1 (0..4 × 0..4)  cell 2 (4.2..8.2)  cell 3 (8.4..12.4)
 */
import { expect } from "vitest";
import type { TestServer } from "../../../test-support/server";

export const rect = (x: number, y: number, w: number, h: number) => [
  [x, y],
  [x + w, y],
  [x + w, y + h],
  [x, y + h],
];

export interface OpsFixture {
  siteId: string;
  levelId: string;
  stairs: string;
  corridor: string;
  cells: [string, string, string];
  doors: { stairs: string; cell1: string; cell2: string; cell3: string };
}

export async function buildOpsFixture(server: TestServer, cookie: string): Promise<OpsFixture> {
  const post = async (url: string, payload: object) => {
    const response = await server.request({ method: "POST", url, payload, cookie });
    expect(response.statusCode, `${url}: ${response.body}`).toBe(201);
    return response.json().id as string;
  };
  const siteId = await post("/api/sites", {
    name: `Ops site ${Math.random().toString(36).slice(2, 8)}`,
    description: "synthetic",
  });
  const buildingId = await post("/api/buildings", { siteId, name: "Block" });
  const levelId = await post("/api/levels", { buildingId, name: "Basement 1", ordinal: -1 });
  const corridor = await post("/api/spaces", {
    levelId,
    name: "Corridor",
    kind: "corridor",
    polygon: rect(0, 4.2, 12.4, 2),
  });
  const stairs = await post("/api/spaces", {
    levelId,
    name: "Stairs",
    kind: "stairs",
    polygon: rect(-3.2, 4.2, 3, 2),
  });
  const cell1 = await post("/api/spaces", {
    levelId,
    name: "Cell 1",
    kind: "cell",
    polygon: rect(0, 0, 4, 4),
  });
  const cell2 = await post("/api/spaces", {
    levelId,
    name: "Cell 2",
    kind: "cell",
    polygon: rect(4.2, 0, 4, 4),
  });
  const cell3 = await post("/api/spaces", {
    levelId,
    name: "Cell 3",
    kind: "cell",
    polygon: rect(8.4, 0, 4, 4),
  });
  const door = (a: string, b: string, position: [number, number], state: string) =>
    post("/api/openings", {
      kind: "door",
      spaceAId: a,
      spaceBId: b,
      position,
      barrier: { lock: "mechanical", material: "steel", state },
    });
  const doors = {
    stairs: await door(stairs, corridor, [-0.1, 5.2], "closed"),
    cell1: await door(corridor, cell1, [2, 4.1], "open"),
    cell2: await door(corridor, cell2, [6.2, 4.1], "locked"),
    cell3: await door(corridor, cell3, [10.4, 4.1], "sealed"),
  };
  return { siteId, levelId, stairs, corridor, cells: [cell1, cell2, cell3], doors };
}
