import type { TileFormat } from '../../protocol/api/maps';
import type { LayerDirectory } from './LayerDirectory';
import { MapFileError } from './MapFileError';
import { parseTilePath } from './tileAddress';

const CONTENT_TYPES: Record<TileFormat, string> = { png: 'image/png', jpg: 'image/jpeg', webp: 'image/webp' };

const EMPTY = Buffer.alloc(0);

/** Browsers keep a tile this long, then revalidate with its ETag (a replaced file gets a new one). */
const MAX_AGE_S = 3600;

export interface TileAnswer {
  status: 200 | 204 | 304 | 400 | 404 | 500;
  headers: Record<string, string>;
  /** The tile (200) or a short plain-text reason (400, 404, 500); empty otherwise. */
  body: Buffer;
}

const text = (status: TileAnswer['status'], message: string): TileAnswer => {
  const body = Buffer.from(message);
  return { status, headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', ...length(body) }, body };
};

/** Every answer says its length: no chunked framing per tile, and a HEAD tells the size. */
const length = (body: Buffer) => ({ 'Content-Length': String(body.length) });

/**
 * The one tile handler every host uses (the headless host's HTTP, Electron's protocol, the
 * center): `rest` is `<id>/<z>/<x>/<y>` in XYZ; answers the tile with its content type and
 * an ETag of the file's version, 204 for a tile the file does not have, 404 for an unknown
 * layer, 400 for an address that is not a tile, 500 naming the file when it cannot be read.
 */
export function tileResponse(layers: LayerDirectory, rest: string, ifNoneMatch?: string): TileAnswer {
  const address = parseTilePath(rest);
  if (!address) return text(400, 'expected /<layer>/<z>/<x>/<y> with a tile of the pyramid');
  const reader = layers.reader(address.id);
  if (!reader) return text(404, `no base layer "${address.id}"`);
  const etag = `"${reader.version}"`;
  const cache = { ETag: etag, 'Cache-Control': `private, max-age=${MAX_AGE_S}` };
  if (ifNoneMatch === etag) return { status: 304, headers: cache, body: EMPTY };
  const { z, x, y } = address.tile;
  let tile: Buffer | undefined;
  try {
    tile = reader.tile(z, x, y);
  } catch (error) {
    return text(500, error instanceof MapFileError ? error.message : 'the tile could not be read');
  }
  if (!tile) return { status: 204, headers: cache, body: EMPTY };
  return {
    status: 200,
    headers: { ...cache, 'Content-Type': CONTENT_TYPES[reader.metadata.format], 'X-Content-Type-Options': 'nosniff', ...length(tile) },
    body: tile,
  };
}
