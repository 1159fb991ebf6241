import { mkdirSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { startHost, type RunningHost } from '../../support/headlessHost';
import { useTempDirs } from '../../support/tempDir';
import { ApiSocket } from '../../support/wsClient';
import { tileOf, writeTestMbtiles, ZOOM_COLOURS } from '../../support/testMbtiles';

const z14 = tileOf(114.3, 30.6, 14);
const z14Path = (id: string) => `/tiles/${id}/14/${z14.x}/${z14.y}`;

const tempDir = useTempDirs();
let host: RunningHost | undefined;
let api: ApiSocket | undefined;
afterEach(async () => {
  api?.close();
  api = undefined;
  await host?.stop();
  host = undefined;
});

/** A data directory whose maps/ holds the drawn layer and three files that are no layers. */
async function dataDirWithLayers(): Promise<string> {
  const dir = tempDir();
  const maps = join(dir, 'maps');
  mkdirSync(maps);
  await writeTestMbtiles(join(maps, 'grid.mbtiles'));
  await writeTestMbtiles(join(maps, 'cut.mbtiles'));
  truncateSync(join(maps, 'cut.mbtiles'), 2048);
  const foreign = new Database(join(maps, 'foreign.mbtiles'));
  foreign.exec('CREATE TABLE reports (id TEXT)');
  foreign.close();
  await writeTestMbtiles(join(maps, 'vector.mbtiles'), { format: 'pbf', minzoom: 10, maxzoom: 10 });
  return dir;
}

async function getTile(path: string, headers: Record<string, string> = {}) {
  const response = await fetch(new URL(path, host!.url), { headers });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

async function importFile(file: string, chunkBytes = 64 * 1024): Promise<{ id: string; progress: number[] }> {
  const bytes = readFileSync(file);
  const start = await api!.call('maps.import.start', { name: file.split('/').pop(), size: bytes.length });
  if (!start.ok) throw new Error(JSON.stringify(start.error));
  const { id } = start.value as { id: string };
  const progress: number[] = [];
  for (let seq = 0, at = 0; at < bytes.length; seq++, at += chunkBytes) {
    const answer = await api!.call('maps.import.append', { id, seq, data: bytes.subarray(at, at + chunkBytes).toString('base64') });
    progress.push((answer as { value: { bytes: number } }).value.bytes);
  }
  return { id, progress };
}

describe('tiles over the headless host', () => {
  it('serves the right tile for z/x/y, 204 for a missing one, 404 for an unknown layer; bad files are not listed', async () => {
    const dir = await dataDirWithLayers();
    host = await startHost(['--port', '0', '--data-dir', dir]);
    api = await ApiSocket.open(host.url);
    const layers = await api.call('maps.layers');
    expect(layers.ok).toBe(true);
    expect((layers as { value: Array<{ id: string; tileUrl: string; bounds: unknown }> }).value).toEqual([
      expect.objectContaining({ id: 'grid', tileUrl: '/tiles/grid/{z}/{x}/{y}', bounds: [114.25, 30.55, 114.35, 30.65], crs: 'wgs84' }),
    ]);
    const output = host.output();
    expect(output).toContain('Map file cut.mbtiles: it is damaged or cut short');
    expect(output).toContain('Map file foreign.mbtiles: it is an SQLite database but not MBTiles');
    expect(output).toContain('Map file vector.mbtiles: its tiles are "pbf" (vector tiles)');

    const tile = await getTile('/tiles/grid/12/3348/1682');
    expect(tile.status).toBe(200);
    expect(tile.headers.get('content-type')).toBe('image/png');
    const stored = new Database(join(dir, 'maps', 'grid.mbtiles'), { readonly: true });
    const raw = stored.prepare('SELECT tile_data FROM tiles WHERE zoom_level=12 AND tile_column=3348 AND tile_row=?').get(4095 - 1682) as {
      tile_data: Buffer;
    };
    stored.close();
    expect(tile.body).toEqual(raw.tile_data);
    // Framed by its length, not chunked.
    expect(tile.headers.get('content-length')).toBe(String(raw.tile_data.length));
    expect(tile.headers.get('transfer-encoding')).toBeNull();
    // The drawn background says zoom 12: the pixel inside the border.
    const { data } = await sharp(tile.body).raw().toBuffer({ resolveWithObject: true });
    const at = (10 * 256 + 10) * 4;
    expect([data[at], data[at + 1], data[at + 2]]).toEqual(ZOOM_COLOURS[12]);

    const again = await getTile('/tiles/grid/12/3348/1682', { 'If-None-Match': tile.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect((await getTile('/tiles/grid/12/0/0')).status).toBe(204);
    expect((await getTile('/tiles/cut/12/3348/1682')).status).toBe(404);
    expect((await getTile('/tiles/nope/12/3348/1682')).status).toBe(404);
    expect((await getTile('/tiles/grid/12/99999/1')).status).toBe(400);
  });

  it('imports over the WebSocket with progress, refuses bad files with reasons and keeps nothing, cancels and removes', async () => {
    const dir = tempDir();
    host = await startHost(['--port', '0', '--data-dir', dir]);
    api = await ApiSocket.open(host.url);
    const source = tempDir();
    const good = join(source, 'Wuhan Streets.mbtiles');
    await writeTestMbtiles(good);

    // Tiles keep coming while an import is under way.
    await writeTestMbtiles(join(source, 'base.mbtiles'), { minzoom: 12, maxzoom: 12 });
    const base = await importFile(join(source, 'base.mbtiles'));
    expect((await api.call('maps.import.finish', { id: base.id })).ok).toBe(true);
    const { id, progress } = await importFile(good, 16 * 1024);
    const size = statSync(good).size;
    expect(progress.at(-1)).toBe(size);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    const during = await Promise.all(Array.from({ length: 20 }, () => getTile('/tiles/base/12/3348/1682')));
    expect(during.map((t) => t.status)).toEqual(Array(20).fill(200));
    const finished = await api.call('maps.import.finish', { id, crs: 'gcj02' });
    expect(finished).toMatchObject({ ok: true, value: { id: 'wuhan-streets', crs: 'gcj02', minzoom: 10, maxzoom: 14, sizeBytes: size } });
    expect((await getTile(z14Path('wuhan-streets'))).status).toBe(200);
    expect(api.frames.some((f) => f.type === 'event' && f.name === 'maps.changed')).toBe(true);

    // The same name again: CONFLICT.
    const twice = await api.call('maps.import.start', { name: 'wuhan-streets.mbtiles', size: 10 });
    expect(twice).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });

    // A foreign SQLite file and a vector file: BAD_REQUEST naming the file and why; nothing kept.
    const foreign = join(source, 'orders.mbtiles');
    const db = new Database(foreign);
    db.exec('CREATE TABLE orders (id TEXT)');
    db.close();
    const vector = join(source, 'vector.mbtiles');
    await writeTestMbtiles(vector, { format: 'pbf', minzoom: 10, maxzoom: 10 });
    const junk = join(source, 'junk.mbtiles');
    writeFileSync(junk, Buffer.alloc(5000, 1));
    const reasons: string[] = [];
    const problems: string[] = [];
    for (const file of [foreign, vector, junk]) {
      const started = await importFile(file);
      const refused = await api.call('maps.import.finish', { id: started.id });
      expect(refused).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
      reasons.push((refused as { error: { message: string } }).error.message);
      problems.push((refused as { error: { problem: string } }).error.problem);
    }
    // The UI translates by these codes (errors.map.*); the English above is detail.
    expect(problems).toEqual(['not-mbtiles', 'not-raster', 'not-sqlite']);
    expect(reasons).toEqual([
      'orders.mbtiles: it is an SQLite database but not MBTiles (no "metadata" and "tiles" tables)',
      'vector.mbtiles: its tiles are "pbf" (vector tiles); only raster png, jpg or webp tiles can be a base layer',
      'junk.mbtiles: it is not an SQLite database, so not an MBTiles file',
    ]);
    const notMbtiles = await api.call('maps.import.start', { name: 'photo.jpg', size: 10 });
    expect(notMbtiles).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: 'photo.jpg: only .mbtiles files can be imported', problem: 'not-mbtiles-name' },
    });

    // Cancel leaves nothing behind.
    const half = await api.call('maps.import.start', { name: 'half.mbtiles', size: 100_000 });
    const halfId = (half as { value: { id: string } }).value.id;
    await api.call('maps.import.append', { id: halfId, seq: 0, data: Buffer.alloc(1000).toString('base64') });
    expect(await api.call('maps.import.cancel', { id: halfId })).toMatchObject({ ok: true, value: { cancelled: true } });
    expect(readdirSync(join(dir, 'maps', '.import'))).toEqual([]);
    expect(readdirSync(join(dir, 'maps')).sort()).toEqual(['.import', 'base.mbtiles', 'layers.json', 'wuhan-streets.mbtiles']);

    // Remove.
    const removed = await api.call('maps.remove', { id: 'wuhan-streets' });
    expect(removed).toMatchObject({ ok: true, value: [expect.objectContaining({ id: 'base' })] });
    expect((await getTile(z14Path('wuhan-streets'))).status).toBe(404);
    expect(readdirSync(join(dir, 'maps')).sort()).toEqual(['.import', 'base.mbtiles', 'layers.json']);

    // The chosen layer is a setting.
    expect(await api.call('settings.update', { mapLayer: 'base' })).toMatchObject({ ok: true, value: { mapLayer: 'base' } });
    expect(await api.call('settings.update', { mapLayer: 'Not An Id' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
  });
});
