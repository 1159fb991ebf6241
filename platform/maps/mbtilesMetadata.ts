import type { MapFileProblem } from '../../protocol/api/mapProblems';
import type { LayerBounds, TileFormat } from '../../protocol/api/maps';

/** What a base layer needs from an MBTiles `metadata` table, checked. */
export interface LayerMetadata {
  name: string;
  format: TileFormat;
  bounds: LayerBounds | null;
  minzoom: number;
  maxzoom: number;
  attribution: string | null;
  /** `baselayer` or `overlay` (MBTiles 1.3); informative only. */
  type: string | null;
}

/** Web Mercator stops at ±85.0511°; bounds beyond are clamped, not refused (many tools write ±90). */
const MERCATOR_LAT = 85.0511287798;

/** Formats of raster tiles a browser draws; `jpeg` is the spelling some tools write for jpg. */
const RASTER_FORMATS: Record<string, TileFormat> = { png: 'png', jpg: 'jpg', jpeg: 'jpg', webp: 'webp' };

/** Thrown by `parseMetadata`: the reason, without the file (the reader adds it). */
/** What is wrong with a file's content, with its code. */
export class MetadataProblem extends Error {
  readonly problem: MapFileProblem;

  constructor(problem: MapFileProblem, message: string) {
    super(message);
    this.problem = problem;
  }
}

function parseBounds(raw: string | undefined): LayerBounds | null {
  if (raw === undefined || raw.trim() === '') return null;
  const parts = raw.split(',').map((part) => Number(part.trim()));
  if (parts.length !== 4 || parts.some((n) => !Number.isFinite(n))) {
    throw new MetadataProblem('bad-bounds', `its bounds "${raw.slice(0, 80)}" are not four numbers west,south,east,north`);
  }
  const [west, south, east, north] = parts as [number, number, number, number];
  if (west < -180 || east > 180 || south < -90 || north > 90) {
    throw new MetadataProblem('bad-bounds', `its bounds "${raw.slice(0, 80)}" lie outside −180…180° longitude, −90…90° latitude`);
  }
  if (west >= east || south >= north) {
    throw new MetadataProblem(
      'bad-bounds',
      `its bounds "${raw.slice(0, 80)}" are empty (west must be less than east, south less than north)`,
    );
  }
  return [west, Math.max(south, -MERCATOR_LAT), east, Math.min(north, MERCATOR_LAT)];
}

function parseZoom(raw: string | undefined, key: string): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const zoom = Number(raw);
  if (!Number.isInteger(zoom) || zoom < 0 || zoom > 30)
    throw new MetadataProblem('bad-zoom', `its ${key} "${raw.slice(0, 20)}" is not a zoom 0–30`);
  return zoom;
}

/**
 * Checks the `metadata` rows of an MBTiles 1.3 file. `zoomsInTiles`: the lowest and highest
 * zoom found in `tiles`, used when the metadata leaves them out (it is optional before 1.3).
 */
export function parseMetadata(
  rows: ReadonlyMap<string, string>,
  fallbackName: string,
  zoomsInTiles: () => { min: number; max: number } | undefined,
): LayerMetadata {
  const rawFormat = rows.get('format')?.trim().toLowerCase();
  if (rawFormat === undefined || rawFormat === '')
    throw new MetadataProblem('no-format', 'its metadata has no tile format (MBTiles 1.3 requires "format")');
  const format = RASTER_FORMATS[rawFormat];
  if (!format) {
    const vector = rawFormat === 'pbf' || rawFormat === 'mvt';
    throw new MetadataProblem(
      'not-raster',
      `its tiles are "${rawFormat.slice(0, 20)}"${vector ? ' (vector tiles)' : ''}; only raster png, jpg or webp tiles can be a base layer`,
    );
  }
  const bounds = parseBounds(rows.get('bounds'));
  let minzoom = parseZoom(rows.get('minzoom'), 'minzoom');
  let maxzoom = parseZoom(rows.get('maxzoom'), 'maxzoom');
  if (minzoom === undefined || maxzoom === undefined) {
    const found = zoomsInTiles();
    if (!found) throw new MetadataProblem('no-tiles', 'it holds no tiles');
    minzoom ??= found.min;
    maxzoom ??= found.max;
  }
  if (minzoom > maxzoom) throw new MetadataProblem('bad-zoom', `its minzoom ${minzoom} is above its maxzoom ${maxzoom}`);
  const name = rows.get('name')?.trim() || fallbackName;
  return {
    name: name.slice(0, 200),
    format,
    bounds,
    minzoom,
    maxzoom,
    attribution: rows.get('attribution')?.trim().slice(0, 500) || null,
    type: rows.get('type')?.trim() || null,
  };
}
