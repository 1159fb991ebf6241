import { describe, expect, it } from 'vitest';
import { MetadataProblem, parseMetadata } from '../../../../platform/maps/mbtilesMetadata';

const rows = (entries: Record<string, string>) => new Map(Object.entries(entries));
const noTiles = () => undefined;
const base = { name: 'Streets', format: 'png', bounds: '114.25,30.55,114.35,30.65', minzoom: '10', maxzoom: '14' };

describe('MBTiles metadata', () => {
  it('reads name, format, bounds, zooms, attribution and type', () => {
    const meta = parseMetadata(rows({ ...base, attribution: ' © survey ', type: 'baselayer' }), 'file', noTiles);
    expect(meta).toEqual({
      name: 'Streets',
      format: 'png',
      bounds: [114.25, 30.55, 114.35, 30.65],
      minzoom: 10,
      maxzoom: 14,
      attribution: '© survey',
      type: 'baselayer',
    });
  });

  it('takes "jpeg" as jpg and the file stem when there is no name', () => {
    const meta = parseMetadata(rows({ ...base, name: '', format: 'JPEG' }), 'imagery', noTiles);
    expect(meta.format).toBe('jpg');
    expect(meta.name).toBe('imagery');
  });

  it('clamps ±90° bounds to Web Mercator and allows no bounds', () => {
    expect(parseMetadata(rows({ ...base, bounds: '-180,-90,180,90' }), 'f', noTiles).bounds).toEqual([
      -180, -85.0511287798, 180, 85.0511287798,
    ]);
    expect(parseMetadata(rows({ ...base, bounds: '' }), 'f', noTiles).bounds).toBeNull();
  });

  it('takes missing zooms from the tiles table', () => {
    const meta = parseMetadata(rows({ name: 'x', format: 'webp' }), 'f', () => ({ min: 3, max: 9 }));
    expect([meta.minzoom, meta.maxzoom]).toEqual([3, 9]);
  });

  it.each([
    [{ format: '' }, 'has no tile format'],
    [{ format: 'pbf' }, 'its tiles are "pbf" (vector tiles); only raster png, jpg or webp'],
    [{ format: 'tiff' }, 'its tiles are "tiff"; only raster'],
    [{ bounds: '1,2,3' }, 'are not four numbers'],
    [{ bounds: '114,30,abc,31' }, 'are not four numbers'],
    [{ bounds: '-200,30,114,31' }, 'outside'],
    [{ bounds: '115,30,114,31' }, 'are empty'],
    [{ bounds: '114,31,115,31' }, 'are empty'],
    [{ minzoom: '-1' }, 'minzoom "-1" is not a zoom'],
    [{ maxzoom: '31' }, 'maxzoom "31" is not a zoom'],
    [{ minzoom: '15' }, 'minzoom 15 is above its maxzoom 14'],
  ])('refuses %o: %s', (patch, reason) => {
    const attempt = () => parseMetadata(rows({ ...base, ...patch }), 'f', noTiles);
    expect(attempt).toThrow(MetadataProblem);
    expect(attempt).toThrow(reason);
  });

  it('refuses a file with no zooms in metadata and no tiles', () => {
    expect(() => parseMetadata(rows({ format: 'png' }), 'f', noTiles)).toThrow('it holds no tiles');
  });
});
