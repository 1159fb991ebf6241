import gcoord from 'gcoord';

/** A point as [latitude, longitude] in degrees. */
export type LatLon = readonly [number, number];

/** Which datum a base layer's tiles are drawn in: WGS-84 (most), or GCJ-02 (Chinese commercial tiles, shifted by law). */
export type TileCrs = 'wgs84' | 'gcj02';

/**
 * Where a WGS-84 position (GNSS, reports) is drawn on a base layer of `crs`. Tiles marked
 * GCJ-02 are offset by up to a few hundred metres in China; the overlay follows them so a
 * marker sits on the road it is on. Other layers are drawn as they are.
 */
export function toDisplay(point: LatLon, crs: TileCrs): LatLon {
  if (crs !== 'gcj02') return point;
  const [lon, lat] = gcoord.transform([point[1], point[0]], gcoord.WGS84, gcoord.GCJ02);
  return [lat, lon];
}

/** A point clicked on a base layer of `crs`, back in WGS-84 (what the store keeps). */
export function fromDisplay(point: LatLon, crs: TileCrs): LatLon {
  if (crs !== 'gcj02') return point;
  const [lon, lat] = gcoord.transform([point[1], point[0]], gcoord.GCJ02, gcoord.WGS84);
  return [lat, lon];
}

/** Decimal degrees with hemisphere-free signs, 6 places (about 0.1 m): `30.600000, 114.300000`. */
export function formatDecimal(point: LatLon): string {
  return `${point[0].toFixed(6)}, ${point[1].toFixed(6)}`;
}

/** One angle in degrees, minutes and seconds (0.1″ ≈ 3 m), with its hemisphere: `30°36′00.0″N`. */
export function formatDmsAngle(value: number, positive: string, negative: string): string {
  const hemisphere = value < 0 ? negative : positive;
  // Round once, in tenths of a second, so 59.96″ carries into the next minute instead of showing 60.0″.
  const tenths = Math.round(Math.abs(value) * 36_000);
  const degrees = Math.floor(tenths / 36_000);
  const minutes = Math.floor((tenths % 36_000) / 600);
  const seconds = (tenths % 600) / 10;
  return `${degrees}°${String(minutes).padStart(2, '0')}′${seconds.toFixed(1).padStart(4, '0')}″${hemisphere}`;
}

export function formatDms(point: LatLon): string {
  return `${formatDmsAngle(point[0], 'N', 'S')} ${formatDmsAngle(point[1], 'E', 'W')}`;
}
