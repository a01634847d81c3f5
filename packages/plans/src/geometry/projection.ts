/**
 * WGS84 longitude/latitude ↔ local metres around a reference point (x east, y north).
 *
 * A local tangent plane with the WGS84 ellipsoid's radii of curvature at the reference latitude:
 *   x = Δλ · N(φ0) · cos φ0,   y = Δφ · M(φ0)
 * with M = a(1−e²)/(1−e² sin²φ0)^{3/2} (meridional) and N = a/√(1−e² sin²φ0) (prime vertical), angles in
 * radians. The mapping is affine, so the inverse is exact and round trips lose only float rounding.
 * Accuracy against the geodesic: the scale is exact at the reference point and the leading error is
 * meridian convergence, about |x·y|·tan φ0 / R, i.e. about 4 cm for a point 500 m east and 500 m north of
 * the reference at 45° and under 1 cm within 250 m. A facility is a few hundred metres across, so this is far
 * below drawing precision; it is not meant for anything kilometres wide (see test/projection.test.ts).
 */
import type { Point } from "@athar/core";

/** WGS84 semi-major axis (m) and flattening (NIMA TR8350.2). */
export const WGS84_A = 6_378_137;
export const WGS84_F = 1 / 298.257223563;
const E2 = WGS84_F * (2 - WGS84_F);
const DEG = Math.PI / 180;

/** A [longitude, latitude] pair in degrees, in GeoJSON order. */
export type LonLat = [number, number];

export interface LocalProjection {
  readonly refLon: number;
  readonly refLat: number;
  /** Metres per degree of longitude and of latitude at the reference point. */
  readonly metresPerDegreeLon: number;
  readonly metresPerDegreeLat: number;
  toLocal(lonLat: readonly number[]): Point;
  toLonLat(point: Point): LonLat;
}

export function meridionalRadius(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  return (WGS84_A * (1 - E2)) / (1 - E2 * s * s) ** 1.5;
}

export function primeVerticalRadius(latDeg: number): number {
  const s = Math.sin(latDeg * DEG);
  return WGS84_A / Math.sqrt(1 - E2 * s * s);
}

export function localProjection(refLon: number, refLat: number): LocalProjection {
  if (!(refLat > -89 && refLat < 89) || !(refLon >= -180 && refLon <= 180)) {
    throw new RangeError(
      `reference point (${refLon}, ${refLat}) is outside the range a local plane can serve`,
    );
  }
  const metresPerDegreeLat = meridionalRadius(refLat) * DEG;
  const metresPerDegreeLon = primeVerticalRadius(refLat) * Math.cos(refLat * DEG) * DEG;
  return {
    refLon,
    refLat,
    metresPerDegreeLat,
    metresPerDegreeLon,
    toLocal: (lonLat) => {
      let dLon = (lonLat[0] ?? Number.NaN) - refLon;
      // A facility never spans the antimeridian by more than a few metres: take the short way round.
      if (dLon > 180) dLon -= 360;
      if (dLon < -180) dLon += 360;
      return [dLon * metresPerDegreeLon, ((lonLat[1] ?? Number.NaN) - refLat) * metresPerDegreeLat];
    },
    toLonLat: ([x, y]) => {
      let lon = refLon + x / metresPerDegreeLon;
      if (lon > 180) lon -= 360;
      if (lon < -180) lon += 360;
      return [lon, refLat + y / metresPerDegreeLat];
    },
  };
}

/** Rounds degrees to 1e-9 (0.1 mm): enough for any drawing, and keeps exported files readable. */
export const roundDegrees = (value: number): number => Math.round(value * 1e9) / 1e9;
