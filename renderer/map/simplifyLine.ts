/** A point in a flat, metric plane (Web Mercator metres): x east, y north. */
export type PlanePoint = { x: number; y: number };

/**
 * Which points of a line to keep so that, drawn at a scale where `tolerance` is about one
 * pixel, it looks the same: first a cheap pass dropping points closer than `tolerance` to
 * the last kept one (a parked vehicle's thousands of fixes), then Douglas–Peucker on the
 * rest. Returns indices into `points`, first and last always kept, in order.
 *
 * Why here and not Leaflet's own `smoothFactor`: Leaflet simplifies again on every pan,
 * after projecting and clipping all the points; a 50,000-point track then costs a long
 * frame per pan. Simplifying once per zoom level keeps panning cheap.
 */
export function simplifyLine(points: readonly PlanePoint[], tolerance: number): number[] {
  const n = points.length;
  if (n <= 2) return points.map((_, i) => i);
  const radial = [0];
  const squared = tolerance * tolerance;
  for (let i = 1; i < n - 1; i++) {
    if (distanceSquared(points[i]!, points[radial[radial.length - 1]!]!) >= squared) radial.push(i);
  }
  radial.push(n - 1);
  const keep = new Uint8Array(radial.length);
  keep[0] = 1;
  keep[radial.length - 1] = 1;
  // An explicit stack: a recursion 50,000 deep would overflow on a pathological line.
  const stack: Array<[number, number]> = [[0, radial.length - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let farthest = -1;
    let farthestSquared = squared;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistanceSquared(points[radial[i]!]!, points[radial[first]!]!, points[radial[last]!]!);
      if (d > farthestSquared) {
        farthest = i;
        farthestSquared = d;
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1;
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return radial.filter((_, i) => keep[i] === 1);
}

function distanceSquared(a: PlanePoint, b: PlanePoint): number {
  const dx = a.x - b.x;
  const dy = a.y - b.y;
  return dx * dx + dy * dy;
}

/** Squared distance from `p` to the segment `a`–`b`. */
function segmentDistanceSquared(p: PlanePoint, a: PlanePoint, b: PlanePoint): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const length = dx * dx + dy * dy;
  if (length === 0) return distanceSquared(p, a);
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length));
  return distanceSquared(p, { x: a.x + t * dx, y: a.y + t * dy });
}

const EARTH_RADIUS_M = 6_378_137;

/** WGS-84 degrees to Web Mercator metres (the plane the map draws in). */
export function toPlane(latitude: number, longitude: number): PlanePoint {
  const lat = Math.max(-85.05112878, Math.min(85.05112878, latitude));
  const sin = Math.sin((lat * Math.PI) / 180);
  return { x: (EARTH_RADIUS_M * longitude * Math.PI) / 180, y: (EARTH_RADIUS_M * Math.log((1 + sin) / (1 - sin))) / 2 };
}

/** Web Mercator metres covered by one screen pixel at `zoom` (256-pixel tiles), at the equator. */
export function metresPerPixel(zoom: number): number {
  return (2 * Math.PI * EARTH_RADIUS_M) / (256 * 2 ** zoom);
}
