import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localProjection, meridionalRadius, primeVerticalRadius } from "../src";

const DEG = Math.PI / 180;

/**
 * Vincenty's inverse formula on the WGS84 ellipsoid (T. Vincenty, Survey Review 23(176), 1975): an
 * independent oracle for geodesic distance, itself checked against the published Flinders Peak – Buninyong
 * example below.
 */
function vincentyDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const b = a * (1 - f);
  const L = (lon2 - lon1) * DEG;
  const U1 = Math.atan((1 - f) * Math.tan(lat1 * DEG));
  const U2 = Math.atan((1 - f) * Math.tan(lat2 * DEG));
  const sinU1 = Math.sin(U1);
  const cosU1 = Math.cos(U1);
  const sinU2 = Math.sin(U2);
  const cosU2 = Math.cos(U2);
  let lambda = L;
  let sinSigma = 0;
  let cosSigma = 0;
  let sigma = 0;
  let cos2Alpha = 0;
  let cos2SigmaM = 0;
  for (let k = 0; k < 200; k++) {
    const sinLambda = Math.sin(lambda);
    const cosLambda = Math.cos(lambda);
    sinSigma = Math.hypot(cosU2 * sinLambda, cosU1 * sinU2 - sinU1 * cosU2 * cosLambda);
    if (sinSigma === 0) return 0;
    cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
    sigma = Math.atan2(sinSigma, cosSigma);
    const sinAlpha = (cosU1 * cosU2 * sinLambda) / sinSigma;
    cos2Alpha = 1 - sinAlpha * sinAlpha;
    cos2SigmaM = cos2Alpha === 0 ? 0 : cosSigma - (2 * sinU1 * sinU2) / cos2Alpha;
    const C = (f / 16) * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
    const previous = lambda;
    lambda =
      L +
      (1 - C) *
        f *
        sinAlpha *
        (sigma + C * sinSigma * (cos2SigmaM + C * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
    if (Math.abs(lambda - previous) < 1e-13) break;
  }
  const u2 = (cos2Alpha * (a * a - b * b)) / (b * b);
  const A = 1 + (u2 / 16384) * (4096 + u2 * (-768 + u2 * (320 - 175 * u2)));
  const B = (u2 / 1024) * (256 + u2 * (-128 + u2 * (74 - 47 * u2)));
  const deltaSigma =
    B *
    sinSigma *
    (cos2SigmaM +
      (B / 4) *
        (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM) -
          (B / 6) * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
  return b * A * (sigma - deltaSigma);
}

describe("local projection", () => {
  it("uses the WGS84 radii of curvature (published lengths of a degree)", () => {
    // Length of one degree of latitude and longitude on WGS84 (e.g. the table in Wikipedia "Latitude"):
    // latitude 110 574 m at the equator and 111 132 m at 45°; longitude 111 320 m at the equator, 78 847 m at 45°.
    expect(meridionalRadius(0) * DEG).toBeCloseTo(110574, -1);
    expect(meridionalRadius(45) * DEG).toBeCloseTo(111132, -1);
    expect(primeVerticalRadius(0) * DEG).toBeCloseTo(111320, -1);
    expect(localProjection(0, 45).metresPerDegreeLon).toBeCloseTo(78847, -1);
  });

  it("the Vincenty oracle reproduces the published Flinders Peak – Buninyong distance", () => {
    // Geoscience Australia's worked example: 54 972.271 m.
    const d = vincentyDistance(
      144 + 25 / 60 + 29.5244 / 3600,
      -(37 + 57 / 60 + 3.7203 / 3600),
      143 + 55 / 60 + 35.3839 / 3600,
      -(37 + 39 / 60 + 10.1561 / 3600),
    );
    expect(d).toBeCloseTo(54972.271, 2);
  });

  it("round-trips local ↔ WGS84 to float precision", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -80, max: 80, noNaN: true }),
        fc.double({ min: -179, max: 179, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        fc.double({ min: -5000, max: 5000, noNaN: true }),
        (lat, lon, x, y) => {
          const projection = localProjection(lon, lat);
          const [bx, by] = projection.toLocal(projection.toLonLat([x, y]));
          expect(Math.abs(bx - x)).toBeLessThan(1e-6);
          expect(Math.abs(by - y)).toBeLessThan(1e-6);
        },
      ),
    );
  });

  it("keeps distances within the documented bound at facility scale", () => {
    fc.assert(
      fc.property(
        fc.double({ min: -60, max: 60, noNaN: true }),
        fc.double({ min: -170, max: 170, noNaN: true }),
        fc.tuple(
          fc.double({ min: -500, max: 500, noNaN: true }),
          fc.double({ min: -500, max: 500, noNaN: true }),
        ),
        fc.tuple(
          fc.double({ min: -500, max: 500, noNaN: true }),
          fc.double({ min: -500, max: 500, noNaN: true }),
        ),
        (lat, lon, p, q) => {
          const projection = localProjection(lon, lat);
          const [lon1, lat1] = projection.toLonLat(p);
          const [lon2, lat2] = projection.toLonLat(q);
          const geodesic = vincentyDistance(lon1, lat1, lon2, lat2);
          const planar = Math.hypot(p[0] - q[0], p[1] - q[1]);
          // Documented: error about |x·y|·tan φ / R; 500 m offsets give under 5 cm below 60°.
          const bound = (2 * 500 * 500 * Math.abs(Math.tan(lat * DEG))) / 6.37e6 + 0.01;
          expect(Math.abs(geodesic - planar)).toBeLessThan(bound);
        },
      ),
      { numRuns: 200 },
    );
  });
});
