import type { Point } from "@athar/core";
import { approxEqual } from "@athar/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  fitBox,
  MAX_SCALE,
  MIN_SCALE,
  panBy,
  scaleBarMetres,
  toScreen,
  toWorld,
  type Viewport,
  zoomAt,
} from "../src/plan/viewport";

const coordinate = fc.double({ min: -5000, max: 5000, noNaN: true });
const point = fc.tuple(coordinate, coordinate) as fc.Arbitrary<Point>;
const view: fc.Arbitrary<Viewport> = fc.record({
  scale: fc.double({ min: MIN_SCALE, max: MAX_SCALE, noNaN: true }),
  tx: coordinate,
  ty: coordinate,
});
const close = (a: Point, b: Point, tolerance = 1e-6) =>
  approxEqual(a[0], b[0], tolerance) && approxEqual(a[1], b[1], tolerance);

describe("plan viewport", () => {
  it("flips y: north is up on the screen", () => {
    const v = { scale: 10, tx: 100, ty: 100 };
    const [, yNorth] = toScreen(v, [0, 5]);
    const [, ySouth] = toScreen(v, [0, -5]);
    expect(yNorth).toBeLessThan(ySouth);
    expect(toScreen(v, [2, 3])).toEqual([120, 70]);
  });

  it("toWorld undoes toScreen", () => {
    fc.assert(fc.property(view, point, (v, p) => close(toWorld(v, toScreen(v, p)), p, 1e-6)));
  });

  it("zooming keeps the plan point under the anchor still, and stays within the scale limits", () => {
    fc.assert(
      fc.property(view, point, fc.double({ min: 0.01, max: 100, noNaN: true }), (v, anchor, factor) => {
        const zoomed = zoomAt(v, factor, anchor);
        expect(zoomed.scale).toBeGreaterThanOrEqual(MIN_SCALE);
        expect(zoomed.scale).toBeLessThanOrEqual(MAX_SCALE);
        return close(toScreen(zoomed, toWorld(v, anchor)), anchor, 1e-6);
      }),
    );
  });

  it("panning moves every point by the same number of pixels", () => {
    fc.assert(
      fc.property(view, point, coordinate, coordinate, (v, p, dx, dy) => {
        const [x0, y0] = toScreen(v, p);
        return close(toScreen(panBy(v, dx, dy), p), [x0 + dx, y0 + dy], 1e-6);
      }),
    );
  });

  it("fitBox shows the whole box inside the padded screen, centred", () => {
    const box = fc
      .tuple(
        point,
        fc.double({ min: 1, max: 2000, noNaN: true }),
        fc.double({ min: 1, max: 2000, noNaN: true }),
      )
      .map(([[x, y], w, h]) => ({ minX: x, minY: y, maxX: x + w, maxY: y + h }));
    fc.assert(
      fc.property(
        box,
        fc.integer({ min: 200, max: 3000 }),
        fc.integer({ min: 200, max: 3000 }),
        (b, w, h) => {
          const v = fitBox(b, w, h, 20);
          if (v.scale === MIN_SCALE || v.scale === MAX_SCALE) return true; // clamped: cannot fit exactly
          for (const corner of [
            [b.minX, b.minY],
            [b.maxX, b.maxY],
          ] as Point[]) {
            const [sx, sy] = toScreen(v, corner);
            if (sx < 20 - 1e-6 || sx > w - 20 + 1e-6 || sy < 20 - 1e-6 || sy > h - 20 + 1e-6) return false;
          }
          return close(toScreen(v, [(b.minX + b.maxX) / 2, (b.minY + b.maxY) / 2]), [w / 2, h / 2], 1e-6);
        },
      ),
    );
  });

  it("scale bars are 1, 2 or 5 times a power of ten, at most the target length", () => {
    fc.assert(
      fc.property(fc.double({ min: MIN_SCALE, max: MAX_SCALE, noNaN: true }), (scale) => {
        const metres = scaleBarMetres(scale, 100);
        const mantissa = metres / 10 ** Math.floor(Math.log10(metres) + 1e-9);
        const pixels = metres * scale;
        return (
          [1, 2, 5].some((m) => approxEqual(mantissa, m, 1e-9)) &&
          pixels <= 100 + 1e-9 &&
          pixels > 100 / 2.5 - 1e-9
        );
      }),
    );
  });
});
