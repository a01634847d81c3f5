/** Pure parts of the field view: the plan window around an assignment and the idempotency keys. */
import { describe, expect, it } from "vitest";
import { newKey } from "../src/offline/keys";
import { clipToWindow } from "../src/pages/operations/geometry";
import { concernsTeams } from "../src/pages/operations/relevance";

const area = (ring: readonly (readonly [number, number])[]) =>
  Math.abs(
    ring.reduce((sum, [x, y], i) => {
      const [nx, ny] = ring[(i + 1) % ring.length] as readonly [number, number];
      return sum + x * ny - nx * y;
    }, 0) / 2,
  );

describe("clipToWindow", () => {
  const window = { minX: 0, minY: 0, maxX: 10, maxY: 10 };

  it("keeps a shape inside the window as it is", () => {
    const ring: [number, number][] = [
      [1, 1],
      [4, 1],
      [4, 3],
      [1, 3],
    ];
    expect(clipToWindow(ring, window)).toEqual(ring);
  });

  it("cuts a long corridor crossing the window to the part inside", () => {
    const corridor: [number, number][] = [
      [-50, 4],
      [60, 4],
      [60, 6],
      [-50, 6],
    ];
    const clipped = clipToWindow(corridor, window);
    expect(area(clipped)).toBeCloseTo(20, 9);
    for (const [x, y] of clipped) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(10);
      expect(y).toBeGreaterThanOrEqual(4);
      expect(y).toBeLessThanOrEqual(6);
    }
  });

  it("clips a diagonal shape to the window (a triangle's corner)", () => {
    const triangle: [number, number][] = [
      [5, 5],
      [15, 5],
      [5, 15],
    ];
    const clipped = clipToWindow(triangle, window);
    // The triangle x ≥ 5, y ≥ 5, x + y ≤ 20 clipped to x, y ≤ 10 is the square 5..10 × 5..10 (x + y ≤ 20 holds).
    expect(area(clipped)).toBeCloseTo(25, 9);
  });

  it("drops a shape entirely outside", () => {
    expect(
      clipToWindow(
        [
          [20, 20],
          [30, 20],
          [30, 30],
        ],
        window,
      ),
    ).toEqual([]);
  });
});

describe("newKey", () => {
  it("makes version-4 UUIDs the server accepts as idempotency keys, never the same twice", () => {
    const keys = Array.from({ length: 2000 }, newKey);
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(key).toMatch(/^[A-Za-z0-9_.:-]{8,100}$/); // reportInputSchema's rule
    }
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("concernsTeams", () => {
  const mine = new Set(["team-a"]);
  const change = (type: string, data: Record<string, unknown> = {}) => ({
    type,
    siteId: "site",
    entityId: "x",
    at: "2024-12-08T06:00:00Z",
    data: { seq: 1, ...data },
  });

  it("reloads the phone for its own teams' assignments and reports, team changes and settled conflicts", () => {
    expect(concernsTeams(change("ops.assignment.created", { teamId: "team-a" }), mine)).toBe(true);
    expect(
      concernsTeams(change("ops.assignment.updated", { teamId: "team-b", previousTeamId: "team-a" }), mine),
    ).toBe(true);
    expect(concernsTeams(change("ops.report.conflict", { teamId: "team-a" }), mine)).toBe(true);
    expect(concernsTeams(change("ops.team.updated"), mine)).toBe(true);
    expect(concernsTeams(change("ops.report.resolved"), mine)).toBe(true);
  });

  it("ignores other teams' work and everything else", () => {
    expect(concernsTeams(change("ops.assignment.transitioned", { teamId: "team-b" }), mine)).toBe(false);
    expect(concernsTeams(change("ops.report.submitted", { teamId: "team-b" }), mine)).toBe(false);
    expect(concernsTeams(change("ops.assignment.created", { teamId: null }), mine)).toBe(false);
    expect(concernsTeams(change("ops.attachment.received"), mine)).toBe(false);
    expect(concernsTeams(change("search.log.appended"), mine)).toBe(false);
  });
});
