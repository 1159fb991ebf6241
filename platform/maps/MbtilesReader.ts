import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import Database, { type Database as Db, type Statement } from 'better-sqlite3';
import type { TileFormat } from '../../protocol/api/maps';
import { MapFileError } from './MapFileError';
import { MetadataProblem, parseMetadata, type LayerMetadata } from './mbtilesMetadata';
import { tmsRow } from './tileAddress';

/** Magic bytes of each raster format, to check that tiles are what the metadata says. */
const MAGIC: Record<TileFormat, (b: Buffer) => boolean> = {
  png: (b) => b.length > 8 && b.readUInt32BE(0) === 0x89504e47,
  jpg: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  webp: (b) => b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
};

/** How many tiles `checkSample` reads, spread over the table. */
const SAMPLE_TILES = 16;

/**
 * One MBTiles 1.3 file, read-only: its checked metadata and its tiles by XYZ address.
 * The file is opened read-only with untrusted schema off (a file from outside may carry
 * triggers or views that would run our statements through its own code), and read through
 * prepared statements a tile at a time, never whole. Every failure is a MapFileError naming
 * the file.
 */
export class MbtilesReader {
  readonly file: string;
  readonly metadata: LayerMetadata;
  readonly sizeBytes: number;
  /** Changes whenever the file does: the tiles' ETag. */
  readonly version: string;
  readonly #db: Db;
  readonly #tile: Statement<[number, number, number], { tile_data: Buffer | null }>;
  #closed = false;

  private constructor(file: string, db: Db) {
    this.file = file;
    this.#db = db;
    const stat = statSync(file);
    this.sizeBytes = stat.size;
    this.version = `${stat.size.toString(36)}-${Math.floor(stat.mtimeMs).toString(36)}`;
    const rows = new Map<string, string>();
    for (const row of db.prepare('SELECT name, value FROM metadata').all() as Array<{ name: unknown; value: unknown }>) {
      if (typeof row.name === 'string' && row.value !== null) rows.set(row.name.toLowerCase(), String(row.value));
    }
    const zooms = () => {
      const found = db.prepare('SELECT MIN(zoom_level) AS min, MAX(zoom_level) AS max FROM tiles').get() as {
        min: number | null;
        max: number | null;
      };
      return found.min === null || found.max === null ? undefined : { min: found.min, max: found.max };
    };
    this.metadata = parseMetadata(rows, basename(file, extname(file)), zooms);
    this.#tile = db.prepare('SELECT tile_data FROM tiles WHERE zoom_level = ? AND tile_column = ? AND tile_row = ?');
  }

  /** Opens and checks a file; throws MapFileError (damaged, not MBTiles, unsupported format, bad metadata). */
  static open(file: string): MbtilesReader {
    let db: Db | undefined;
    try {
      db = new Database(file, { readonly: true, fileMustExist: true });
      db.unsafeMode(false);
      db.pragma('trusted_schema = OFF');
      const tables = db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name IN ('metadata', 'tiles')").all();
      if (tables.length < 2)
        throw new MetadataProblem('not-mbtiles', 'it is an SQLite database but not MBTiles (no "metadata" and "tiles" tables)');
      return new MbtilesReader(file, db);
    } catch (error) {
      db?.close();
      throw asMapFileError(file, error);
    }
  }

  /** The tile at XYZ z/x/y, or undefined when the file has none there. */
  tile(z: number, x: number, y: number): Buffer | undefined {
    if (this.#closed) return undefined;
    try {
      return this.#tile.get(z, x, tmsRow(z, y))?.tile_data ?? undefined;
    } catch (error) {
      throw asMapFileError(this.file, error);
    }
  }

  /**
   * Reads a sample of tiles spread over the table and checks each is a whole image of the
   * metadata's format; with the metadata check at open, what an import must pass.
   */
  checkSample(): void {
    const format = this.metadata.format;
    try {
      const count = (this.#db.prepare('SELECT COUNT(*) AS n FROM tiles').get() as { n: number }).n;
      if (count === 0) throw new MetadataProblem('no-tiles', 'it holds no tiles');
      const step = Math.max(1, Math.floor(count / SAMPLE_TILES));
      const sample = this.#db.prepare('SELECT zoom_level AS z, tile_data AS data FROM tiles LIMIT 1 OFFSET ?');
      for (let offset = 0; offset < count; offset += step) {
        const row = sample.get(offset) as { z: number; data: unknown } | undefined;
        if (!row) break;
        if (!Buffer.isBuffer(row.data) || !MAGIC[format](row.data)) {
          throw new MetadataProblem(
            'tile-format-mismatch',
            `a tile at zoom ${row.z} is not a ${format} image though the metadata says ${format}`,
          );
        }
        if (row.z < this.metadata.minzoom || row.z > this.metadata.maxzoom) {
          throw new MetadataProblem(
            'bad-zoom',
            `a tile at zoom ${row.z} lies outside the zoom range ${this.metadata.minzoom}–${this.metadata.maxzoom} its metadata gives`,
          );
        }
      }
    } catch (error) {
      throw asMapFileError(this.file, error);
    }
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}

/** SQLite's codes for files that are damaged or not databases, in words. */
function asMapFileError(file: string, error: unknown): MapFileError {
  if (error instanceof MapFileError) return error;
  if (error instanceof MetadataProblem) return new MapFileError(file, error.problem, error.message);
  const code = (error as { code?: unknown }).code;
  if (code === 'SQLITE_NOTADB') return new MapFileError(file, 'not-sqlite', 'it is not an SQLite database, so not an MBTiles file', error);
  if (code === 'SQLITE_CORRUPT' || code === 'SQLITE_IOERR_SHORT_READ') {
    return new MapFileError(file, 'damaged', 'it is damaged or cut short (copy it again from its source)', error);
  }
  if (code === 'SQLITE_CANTOPEN' || (error as { code?: unknown }).code === 'ENOENT') {
    return new MapFileError(file, 'cannot-open', 'it cannot be opened (missing, or no permission to read it)', error);
  }
  if (typeof code === 'string' && code.startsWith('SQLITE_ERROR')) {
    return new MapFileError(file, 'not-mbtiles', `it is not a valid MBTiles file (${(error as Error).message.slice(0, 200)})`, error);
  }
  return new MapFileError(
    file,
    'unreadable',
    `it cannot be read (${error instanceof Error ? error.message.slice(0, 200) : String(error)})`,
    error,
  );
}
