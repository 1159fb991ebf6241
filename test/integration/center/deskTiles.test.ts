import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startCenter, type CenterProcess } from '../../support/centerProcess';
import { useTempDirs } from '../../support/tempDir';
import { tileOf, writeTestMbtiles } from '../../support/testMbtiles';

const tempDir = useTempDirs();
let center: CenterProcess | undefined;
afterEach(async () => {
  await center?.dispose();
  center = undefined;
});

describe("the center's tiles for the desk", () => {
  it('lists the layers of its maps/ folder and serves tiles to staff only (header or ?token=)', async () => {
    const dataDir = tempDir();
    mkdirSync(join(dataDir, 'maps'));
    await writeTestMbtiles(join(dataDir, 'maps', 'grid.mbtiles'), { minzoom: 12, maxzoom: 12 });
    center = await startCenter({ dataDir, echo: false });
    const staff = { authorization: `Bearer ${center.staffToken}` };
    const url = (path: string) => new URL(path, center!.url);

    const layers = await fetch(url('/desk/v1/maps/layers'), { headers: staff });
    expect(layers.status).toBe(200);
    expect(await layers.json()).toEqual({
      layers: [expect.objectContaining({ id: 'grid', tileUrl: '/desk/v1/tiles/grid/{z}/{x}/{y}', minzoom: 12, maxzoom: 12 })],
    });
    expect((await fetch(url('/desk/v1/maps/layers'))).status).toBe(401);
    expect((await fetch(url('/desk/v1/maps/layers'), { headers: { authorization: `Bearer ${center.vehicleToken}` } })).status).toBe(403);

    const { x, y } = tileOf(114.3, 30.6, 12);
    const byQuery = await fetch(url(`/desk/v1/tiles/grid/12/${x}/${y}?token=${encodeURIComponent(center.staffToken)}`));
    expect(byQuery.status).toBe(200);
    expect(byQuery.headers.get('content-type')).toBe('image/png');
    expect(byQuery.headers.get('referrer-policy')).toBe('no-referrer');
    expect(
      Buffer.from(await byQuery.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
    expect((await fetch(url(`/desk/v1/tiles/grid/12/${x}/${y}`), { headers: staff })).status).toBe(200);
    expect((await fetch(url(`/desk/v1/tiles/grid/12/0/0`), { headers: staff })).status).toBe(204);
    expect((await fetch(url(`/desk/v1/tiles/none/12/0/0`), { headers: staff })).status).toBe(404);
    expect((await fetch(url(`/desk/v1/tiles/grid/12/${x}/${y}`))).status).toBe(401);
    expect((await fetch(url(`/desk/v1/tiles/grid/12/${x}/${y}?token=wrong`))).status).toBe(401);
    expect((await fetch(url(`/desk/v1/tiles/grid/12/${x}/${y}?token=${center.vehicleToken}`))).status).toBe(403);
  });
});
