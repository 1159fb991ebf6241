// Test base layer: an MBTiles 1.3 file of drawn tiles around Wuhan, made at test time with
// sharp and better-sqlite3 (never downloaded). Imports only packages and node built-ins, so
// scripts/make-test-mbtiles.mjs can load this file directly under Node 24.
import Database from 'better-sqlite3';
import sharp from 'sharp';

export interface TestMbtilesOptions {
  /** Centre of the area (default 30.60°N 114.30°E). */
  lat?: number;
  lon?: number;
  /** Side of the square area in degrees (default 0.1). */
  spanDeg?: number;
  minzoom?: number;
  maxzoom?: number;
  name?: string;
  /** What metadata says the tiles are (default png); tiles are PNG whatever it says. */
  format?: string;
}

export interface TestMbtilesResult {
  file: string;
  /** XYZ addresses written, e.g. `12/3349/1691`. */
  tiles: string[];
  bounds: [number, number, number, number];
}

/** Background colour per zoom, so a test can tell the zoom of a decoded tile by a pixel. */
export const ZOOM_COLOURS: Record<number, [number, number, number]> = {
  10: [230, 240, 255],
  11: [230, 255, 230],
  12: [255, 245, 220],
  13: [245, 230, 255],
  14: [255, 230, 230],
};

export function tileOf(lon: number, lat: number, z: number): { x: number; y: number } {
  const side = 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: Math.floor(((lon + 180) / 360) * side),
    y: Math.floor(((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * side),
  };
}

/** One 256 px tile: zoom colour, a 32 px grid, a border and its z/x/y label. */
export function drawTile(z: number, x: number, y: number): Promise<Buffer> {
  const [r, g, b] = ZOOM_COLOURS[z] ?? [240, 240, 240];
  const lines: string[] = [];
  for (let at = 32; at < 256; at += 32) {
    lines.push(`<line x1="${at}" y1="0" x2="${at}" y2="256"/>`, `<line x1="0" y1="${at}" x2="256" y2="${at}"/>`);
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256">
<rect width="256" height="256" fill="rgb(${r},${g},${b})"/>
<g stroke="#9aa5b1" stroke-width="1">${lines.join('')}</g>
<rect x="1" y="1" width="254" height="254" fill="none" stroke="#c0392b" stroke-width="2"/>
<rect x="48" y="108" width="160" height="40" fill="#ffffff" opacity="0.85"/>
<text x="128" y="136" font-family="sans-serif" font-size="22" text-anchor="middle" fill="#1f2d3d">${z}/${x}/${y}</text>
</svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Writes the MBTiles file (replacing one of that name) and answers what it holds. */
export async function writeTestMbtiles(file: string, options: TestMbtilesOptions = {}): Promise<TestMbtilesResult> {
  const lat = options.lat ?? 30.6;
  const lon = options.lon ?? 114.3;
  const half = (options.spanDeg ?? 0.1) / 2;
  const minzoom = options.minzoom ?? 10;
  const maxzoom = options.maxzoom ?? 14;
  const bounds: [number, number, number, number] = [lon - half, lat - half, lon + half, lat + half];
  const db = new Database(file);
  try {
    db.exec(`DROP TABLE IF EXISTS metadata; DROP TABLE IF EXISTS tiles;
      CREATE TABLE metadata (name TEXT, value TEXT);
      CREATE TABLE tiles (zoom_level INTEGER, tile_column INTEGER, tile_row INTEGER, tile_data BLOB);
      CREATE UNIQUE INDEX tile_index ON tiles (zoom_level, tile_column, tile_row);`);
    const meta = db.prepare('INSERT INTO metadata (name, value) VALUES (?, ?)');
    const entries: Array<[string, string]> = [
      ['name', options.name ?? 'Test grid (Wuhan)'],
      ['format', options.format ?? 'png'],
      ['bounds', bounds.map((n) => n.toFixed(6)).join(',')],
      ['center', `${lon},${lat},${minzoom + 2}`],
      ['minzoom', String(minzoom)],
      ['maxzoom', String(maxzoom)],
      ['type', 'baselayer'],
      ['version', '1.3'],
      ['attribution', 'Drawn test tiles'],
    ];
    for (const [name, value] of entries) meta.run(name, value);
    const insert = db.prepare('INSERT INTO tiles (zoom_level, tile_column, tile_row, tile_data) VALUES (?, ?, ?, ?)');
    const tiles: string[] = [];
    for (let z = minzoom; z <= maxzoom; z++) {
      const nw = tileOf(bounds[0], bounds[3], z);
      const se = tileOf(bounds[2], bounds[1], z);
      for (let x = nw.x; x <= se.x; x++) {
        for (let y = nw.y; y <= se.y; y++) {
          insert.run(z, x, 2 ** z - 1 - y, await drawTile(z, x, y));
          tiles.push(`${z}/${x}/${y}`);
        }
      }
    }
    return { file, tiles, bounds };
  } finally {
    db.close();
  }
}
