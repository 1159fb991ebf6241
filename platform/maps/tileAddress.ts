/** Tile addresses: XYZ (what Leaflet asks for) and the TMS rows MBTiles stores. */

export interface TileAddress {
  z: number;
  x: number;
  y: number;
}

/** Deepest zoom we serve; 2^30 tiles a side is far past any raster set. */
export const MAX_ZOOM = 30;

/** MBTiles keeps rows bottom-up (TMS); XYZ counts them top-down: y_tms = 2^z − 1 − y. */
export function tmsRow(z: number, y: number): number {
  return 2 ** z - 1 - y;
}

/** Whether z/x/y is a tile of the Web Mercator pyramid. */
export function isTileAddress({ z, x, y }: TileAddress): boolean {
  if (!Number.isInteger(z) || !Number.isInteger(x) || !Number.isInteger(y)) return false;
  if (z < 0 || z > MAX_ZOOM) return false;
  const side = 2 ** z;
  return x >= 0 && x < side && y >= 0 && y < side;
}

const DIGITS = /^\d{1,10}$/;

/**
 * Reads `<id>/<z>/<x>/<y>` (an optional `.png`/`.jpg`/`.webp` on y is allowed) from the
 * path segments after the tile prefix; undefined when they are not a tile address.
 */
export function parseTilePath(rest: string): { id: string; tile: TileAddress } | undefined {
  const parts = rest.split('/');
  if (parts.length !== 4) return undefined;
  const [id, zs, xs, ysWithExt] = parts as [string, string, string, string];
  const ys = ysWithExt.replace(/\.(png|jpg|jpeg|webp)$/, '');
  if (!/^[a-z0-9_-]{1,64}$/.test(id) || !DIGITS.test(zs) || !DIGITS.test(xs) || !DIGITS.test(ys)) return undefined;
  const tile = { z: Number(zs), x: Number(xs), y: Number(ys) };
  return isTileAddress(tile) ? { id, tile } : undefined;
}

/** The XYZ tile holding a WGS-84/Web-Mercator point at zoom z. */
export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const side = 2 ** z;
  const x = Math.floor(((lon + 180) / 360) * side);
  const rad = (lat * Math.PI) / 180;
  const y = Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * side);
  return { x: Math.min(side - 1, Math.max(0, x)), y: Math.min(side - 1, Math.max(0, y)) };
}
