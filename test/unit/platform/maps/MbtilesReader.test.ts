import { copyFileSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { MapFileError } from '../../../../platform/maps/MapFileError';
import { MbtilesReader } from '../../../../platform/maps/MbtilesReader';
import { LayerDirectory } from '../../../../platform/maps/LayerDirectory';
import { tileResponse } from '../../../../platform/maps/tileResponse';
import { useTempDirs } from '../../../support/tempDir';
import { writeTestMbtiles } from '../../../support/testMbtiles';

const tempDir = useTempDirs();

function rawTile(file: string, z: number, x: number, tmsY: number): Buffer {
  const db = new Database(file, { readonly: true });
  try {
    return (
      db.prepare('SELECT tile_data FROM tiles WHERE zoom_level=? AND tile_column=? AND tile_row=?').get(z, x, tmsY) as { tile_data: Buffer }
    ).tile_data;
  } finally {
    db.close();
  }
}

function openError(file: string): MapFileError {
  try {
    MbtilesReader.open(file).close();
  } catch (error) {
    if (error instanceof MapFileError) return error;
    throw error;
  }
  throw new Error(`${file} opened`);
}

describe('MbtilesReader', () => {
  it('reads the metadata and the tile at an XYZ address from its TMS row', async () => {
    const file = join(tempDir(), 'grid.mbtiles');
    await writeTestMbtiles(file);
    const reader = MbtilesReader.open(file);
    try {
      expect(reader.metadata).toMatchObject({ name: 'Test grid (Wuhan)', format: 'png', minzoom: 10, maxzoom: 14 });
      expect(reader.metadata.bounds).toEqual([114.25, 30.55, 114.35, 30.65]);
      expect(reader.tile(12, 3348, 1682)).toEqual(rawTile(file, 12, 3348, 4095 - 1682));
      expect(reader.tile(12, 3348, 4095 - 1682)).toBeUndefined();
      expect(reader.tile(3, 0, 0)).toBeUndefined();
      expect(reader.sizeBytes).toBe(statSync(file).size);
      reader.checkSample();
    } finally {
      reader.close();
    }
  });

  it('names the file and says it is cut short when truncated', async () => {
    const file = join(tempDir(), 'cut.mbtiles');
    await writeTestMbtiles(file);
    truncateSync(file, Math.floor(statSync(file).size / 3));
    const reader = (() => {
      try {
        return MbtilesReader.open(file);
      } catch (error) {
        return error;
      }
    })();
    // Metadata may sit in the first pages; then the sample finds the damage.
    const error =
      reader instanceof MbtilesReader
        ? (() => {
            try {
              reader.checkSample();
              return undefined;
            } catch (failure) {
              return failure;
            } finally {
              reader.close();
            }
          })()
        : reader;
    expect(error).toBeInstanceOf(MapFileError);
    expect((error as MapFileError).message).toContain('Map file cut.mbtiles: ');
    expect((error as MapFileError).reason).toMatch(/damaged or cut short/);
    expect((error as MapFileError).problem).toBe('damaged');
  });

  it('says a file that is not SQLite is not an MBTiles file', () => {
    const file = join(tempDir(), 'photo.mbtiles');
    writeFileSync(file, Buffer.alloc(4096, 7));
    expect(openError(file).reason).toBe('it is not an SQLite database, so not an MBTiles file');
    expect(openError(file).problem).toBe('not-sqlite');
  });

  it('says an SQLite file without metadata and tiles is not MBTiles', () => {
    const file = join(tempDir(), 'other.mbtiles');
    const db = new Database(file);
    db.exec('CREATE TABLE orders (id TEXT)');
    db.close();
    expect(openError(file).message).toBe(
      'Map file other.mbtiles: it is an SQLite database but not MBTiles (no "metadata" and "tiles" tables)',
    );
    expect(openError(file).problem).toBe('not-mbtiles');
  });

  it('refuses vector tiles (pbf)', async () => {
    const file = join(tempDir(), 'vector.mbtiles');
    await writeTestMbtiles(file, { format: 'pbf', minzoom: 10, maxzoom: 10 });
    expect(openError(file).reason).toContain('its tiles are "pbf" (vector tiles)');
    expect(openError(file).problem).toBe('not-raster');
  });

  it('checkSample refuses tiles that are not the format the metadata says', async () => {
    const file = join(tempDir(), 'liar.mbtiles');
    await writeTestMbtiles(file, { format: 'jpg', minzoom: 10, maxzoom: 11 });
    const reader = MbtilesReader.open(file);
    try {
      expect(() => reader.checkSample()).toThrow(/a tile at zoom 1[01] is not a jpg image though the metadata says jpg/);
      expect(() => reader.checkSample()).toThrow(expect.objectContaining({ problem: 'tile-format-mismatch' }));
    } finally {
      reader.close();
    }
  });
});

describe('LayerDirectory and tileResponse', () => {
  it('lists readable files with their CRS mark, leaves bad ones out and answers tiles, 204, 304, 404 and 400', async () => {
    const dir = tempDir();
    await writeTestMbtiles(join(dir, 'grid.mbtiles'), { minzoom: 12, maxzoom: 12 });
    writeFileSync(join(dir, 'junk.mbtiles'), 'not a database at all, just text'.repeat(200));
    const bad: string[] = [];
    const layers = new LayerDirectory({ dir, tileUrl: (id) => `/t/${id}/{z}/{x}/{y}`, onBadFile: (e) => bad.push(e.message) });
    try {
      expect(bad).toEqual(['Map file junk.mbtiles: it is not an SQLite database, so not an MBTiles file']);
      expect(layers.list().map((l) => [l.id, l.crs, l.tileUrl])).toEqual([['grid', 'wgs84', '/t/grid/{z}/{x}/{y}']]);
      layers.setCrs('grid', 'gcj02');
      expect(JSON.parse(readFileSync(join(dir, 'layers.json'), 'utf8'))).toEqual({ grid: { crs: 'gcj02' } });
      const again = new LayerDirectory({ dir, tileUrl: (id) => id });
      expect(again.view('grid')?.crs).toBe('gcj02');
      again.close();

      const ok = tileResponse(layers, 'grid/12/3348/1682');
      expect(ok.status).toBe(200);
      expect(ok.headers['Content-Type']).toBe('image/png');
      expect(ok.body).toEqual(rawTile(join(dir, 'grid.mbtiles'), 12, 3348, 2413));
      expect(tileResponse(layers, 'grid/12/3348/1682', ok.headers.ETag).status).toBe(304);
      expect(tileResponse(layers, 'grid/12/0/0').status).toBe(204);
      expect(tileResponse(layers, 'nope/12/0/0').status).toBe(404);
      expect(tileResponse(layers, 'grid/12/99999/0').status).toBe(400);
    } finally {
      layers.close();
    }
  });

  it('copy of a file keeps its tiles readable under a new id', async () => {
    const dir = tempDir();
    await writeTestMbtiles(join(dir, 'a.mbtiles'), { minzoom: 10, maxzoom: 10 });
    copyFileSync(join(dir, 'a.mbtiles'), join(dir, 'b.mbtiles'));
    const layers = new LayerDirectory({ dir, tileUrl: (id) => id });
    expect(layers.list().map((l) => l.id)).toEqual(['a', 'b']);
    layers.close();
  });
});
