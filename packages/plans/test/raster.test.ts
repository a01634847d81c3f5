import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { polygonArea } from "../src";
import { labelComponents } from "../src/geometry/components";
import { traceOuterBoundary } from "../src/geometry/contour";
import { featureTransform, squaredDistanceTransform } from "../src/geometry/distance-transform";
import { fillRings, gridAround } from "../src/geometry/raster";

const maskArbitrary = fc
  .record({ width: fc.integer({ min: 1, max: 14 }), height: fc.integer({ min: 1, max: 14 }) })
  .chain(({ width, height }) =>
    fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      bits: fc.array(fc.boolean(), { minLength: width * height, maxLength: width * height }),
    }),
  );

describe("distance transform", () => {
  it("equals brute force on random masks, and names a nearest feature", () => {
    fc.assert(
      fc.property(maskArbitrary, ({ width, height, bits }) => {
        const mask = Uint8Array.from(bits.map((b) => (b ? 1 : 0)));
        const fast = squaredDistanceTransform(mask, width, height);
        const { squared, nearest } = featureTransform(mask, width, height, true);
        for (let p = 0; p < mask.length; p++) {
          let best = Number.POSITIVE_INFINITY;
          for (let q = 0; q < mask.length; q++) {
            if (!mask[q]) continue;
            const dx = (p % width) - (q % width);
            const dy = Math.floor(p / width) - Math.floor(q / width);
            best = Math.min(best, dx * dx + dy * dy);
          }
          if (best === Number.POSITIVE_INFINITY) {
            expect(fast[p]).toBeGreaterThan(1e19);
            continue;
          }
          expect(fast[p]).toBe(best);
          expect(squared[p]).toBe(best);
          const q = nearest![p]!;
          expect(mask[q]).toBe(1);
          const dx = (p % width) - (q % width);
          const dy = Math.floor(p / width) - Math.floor(q / width);
          expect(dx * dx + dy * dy).toBe(best);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe("rasterising and tracing", () => {
  it("fills a polygon with about its area (error within half a pixel of perimeter)", () => {
    fc.assert(
      fc.property(
        fc.tuple(
          fc.double({ min: -20, max: 20, noNaN: true }),
          fc.double({ min: -20, max: 20, noNaN: true }),
        ),
        fc.double({ min: 0.5, max: 15, noNaN: true }),
        fc.double({ min: 0.5, max: 15, noNaN: true }),
        fc.double({ min: -10, max: 10, noNaN: true }),
        ([x, y], w, h, skew) => {
          const polygon: [number, number][] = [
            [x, y],
            [x + w, y],
            [x + w + skew, y + h],
            [x + skew, y + h],
          ];
          const res = 0.1;
          const grid = gridAround({ minX: x - 11, minY: y - 1, maxX: x + w + 11, maxY: y + h + 1 }, res);
          let pixels = 0;
          fillRings(grid, [polygon], (_row, first, last) => {
            pixels += last - first + 1;
          });
          const perimeter = 2 * w + 2 * Math.hypot(skew, h);
          expect(Math.abs(pixels * res * res - polygonArea(polygon))).toBeLessThan(
            (perimeter * res) / 2 + res * res * 4,
          );
        },
      ),
    );
  });

  it("traces a pixel rectangle back to exactly that rectangle", () => {
    const grid = { originX: 10, originY: 20, res: 0.5, width: 12, height: 9 };
    const mask = new Uint8Array(grid.width * grid.height);
    for (let j = 2; j <= 6; j++) for (let i = 3; i <= 9; i++) mask[j * grid.width + i] = 1;
    const ring = traceOuterBoundary(grid, { minI: 0, minJ: 0, maxI: 11, maxJ: 8 }, (p) => mask[p] === 1, 0)!;
    expect(ring.length).toBe(4);
    expect(polygonArea(ring)).toBeCloseTo(7 * 5 * 0.25, 9);
    const xs = ring.map((p) => p[0]).sort((a, b) => a - b);
    expect([xs[0], xs[3]]).toEqual([11.5, 15]);
  });

  it("labels 4-connected components and keeps diagonal touches apart", () => {
    // 1 0 1
    // 0 1 0
    const { components } = labelComponents(Uint8Array.from([1, 0, 1, 0, 1, 0]), 3, 2);
    expect(components.length).toBe(3);
  });
});
