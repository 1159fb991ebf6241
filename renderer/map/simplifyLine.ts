/** A point in a flat, metric plane (Web Mercator metres): x east, y north. */
export type PlanePoint = { x: number; y: number };

/**
 * Which points of a line to keep so that, drawn at a scale where `tolerance` is about one
 * pixel, it looks the same. Returns indices into `points`, first and last always kept, in order.
 *
 * Why here and not Leaflet's own `smoothFactor`: Leaflet simplifies again on every pan,
 * after projecting and clipping all the points; a 50,000-point track then costs a long
 * frame per pan. Simplifying once keeps panning cheap.
 */
export function simplifyLine(points: readonly PlanePoint[], tolerance: number): number[] {
  return keepAbove(lineSignificance(points, tolerance), tolerance);
}

/**
 * How much each point matters, once for every scale: the (squared) tolerance below which
 * Douglas–Peucker would keep it. A point is kept at tolerance t when its significance is
 * above t², so thinning for another zoom level is one pass over this array, not a new
 * Douglas–Peucker run (50–250 ms for a day's track). First, a cheap pass gives 0 to points
 * closer than `floor` to the last kept one (a parked vehicle's thousands of fixes); finer
 * tolerances than `floor` are not distinguished. First and last are Infinity.
 */
export function lineSignificance(points: readonly PlanePoint[], floor: number): Float64Array {
  const n = points.length;
  const significance = new Float64Array(n);
  if (n === 0) return significance;
  significance[0] = Infinity;
  significance[n - 1] = Infinity;
  const radial = [0];
  const squared = floor * floor;
  for (let i = 1; i < n - 1; i++) {
    if (distanceSquared(points[i]!, points[radial[radial.length - 1]!]!) >= squared) radial.push(i);
  }
  if (n > 1) radial.push(n - 1);
  // An explicit stack: a recursion 50,000 deep would overflow on a pathological line.
  const stack: Array<[number, number]> = n > 2 ? [[0, radial.length - 1]] : [];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    const a = points[radial[first]!]!;
    const b = points[radial[last]!]!;
    let farthest = -1;
    let farthestSquared = squared;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistanceSquared(points[radial[i]!]!, a, b);
      if (d > farthestSquared) {
        farthest = i;
        farthestSquared = d;
      }
    }
    if (farthest >= 0) {
      // A segment exists at a tolerance only while the split that made it does: the point
      // matters no more than its ends do.
      const cap = Math.min(significance[radial[first]!]!, significance[radial[last]!]!);
      significance[radial[farthest]!] = Math.min(farthestSquared, cap);
      stack.push([first, farthest], [farthest, last]);
    }
  }
  return significance;
}

/** The indices of the points that matter at `tolerance` (see `lineSignificance`), in order. */
export function keepAbove(significance: Float64Array, tolerance: number): number[] {
  const squared = tolerance * tolerance;
  const kept: number[] = [];
  for (let i = 0; i < significance.length; i++) if (significance[i]! > squared) kept.push(i);
  return kept;
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
