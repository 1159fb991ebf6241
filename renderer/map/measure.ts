import type { LatLon } from './geo';

/** The mean Earth radius Leaflet also uses (L.CRS.Earth.R), so our figures agree with its scale bar. */
const EARTH_RADIUS_M = 6_371_000;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance (haversine) in metres; at the scale of an incident area it is within 0.5 % of the ellipsoid. */
export function distanceM(a: LatLon, b: LatLon): number {
  const dLat = rad(b[0] - a[0]);
  const dLon = rad(b[1] - a[1]);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a[0])) * Math.cos(rad(b[0])) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Length of a path through the points, metres. */
export function pathLengthM(points: readonly LatLon[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++) total += distanceM(points[i - 1]!, points[i]!);
  return total;
}

/**
 * Area of the polygon the points enclose on the sphere, m² (the spherical-excess sum of
 * Chamberlain & Duquette, "Some algorithms for polygons on a sphere", JPL 2007). Fewer than
 * three points enclose nothing.
 */
export function polygonAreaM2(points: readonly LatLon[]): number {
  if (points.length < 3) return 0;
  let sum = 0;
  for (let i = 0; i < points.length; i++) {
    const p1 = points[i]!;
    const p2 = points[(i + 1) % points.length]!;
    sum += rad(p2[1] - p1[1]) * (2 + Math.sin(rad(p1[0])) + Math.sin(rad(p2[0])));
  }
  return Math.abs((sum * EARTH_RADIUS_M * EARTH_RADIUS_M) / 2);
}

/** A length for people: metres below 1 km, then km. */
export function formatLength(m: number): string {
  return m < 1000 ? `${Math.round(m)} m` : `${(m / 1000).toFixed(m < 10_000 ? 2 : 1)} km`;
}

/** An area for people: m² below 0.1 km², then km². */
export function formatArea(m2: number): string {
  return m2 < 100_000 ? `${Math.round(m2)} m²` : `${(m2 / 1_000_000).toFixed(m2 < 10_000_000 ? 3 : 1)} km²`;
}
