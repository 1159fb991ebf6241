import { describe, expect, it } from 'vitest';
import { isTileAddress, parseTilePath, tileOf, tmsRow } from '../../../../platform/maps/tileAddress';

describe('tile addresses', () => {
  it('tmsRow flips XYZ rows to the bottom-up rows MBTiles keeps (y_tms = 2^z − 1 − y)', () => {
    expect(tmsRow(0, 0)).toBe(0);
    expect(tmsRow(1, 0)).toBe(1);
    expect(tmsRow(12, 1682)).toBe(2413);
    expect(tmsRow(14, 0)).toBe(16383);
    // The flip is its own inverse.
    expect(tmsRow(12, tmsRow(12, 1682))).toBe(1682);
  });

  it('tileOf finds the Wuhan test area at zoom 12 (x 3348, y 1682)', () => {
    expect(tileOf(114.3, 30.6, 12)).toEqual({ x: 3348, y: 1682 });
    expect(tileOf(-180, 85.05, 0)).toEqual({ x: 0, y: 0 });
  });

  it('parseTilePath reads id/z/x/y and takes an image extension on y', () => {
    expect(parseTilePath('streets/12/3348/1682')).toEqual({ id: 'streets', tile: { z: 12, x: 3348, y: 1682 } });
    expect(parseTilePath('img_2-a/3/7/0.png')).toEqual({ id: 'img_2-a', tile: { z: 3, x: 7, y: 0 } });
  });

  it.each([
    ['streets/12/3348', 'too few parts'],
    ['streets/12/3348/1682/9', 'too many parts'],
    ['Streets/1/0/0', 'upper case id'],
    ['../x/1/0/0', 'a path in the id'],
    ['a/1/2/0', 'x beyond 2^z'],
    ['a/1/0/2', 'y beyond 2^z'],
    ['a/31/0/0', 'zoom above 30'],
    ['a/-1/0/0', 'negative zoom'],
    ['a/1.5/0/0', 'fraction'],
    ['a/1/0/0.gif', 'unknown extension'],
  ])('parseTilePath refuses %s (%s)', (rest) => {
    expect(parseTilePath(rest)).toBeUndefined();
  });

  it('isTileAddress bounds x and y by the zoom', () => {
    expect(isTileAddress({ z: 2, x: 3, y: 3 })).toBe(true);
    expect(isTileAddress({ z: 2, x: 4, y: 0 })).toBe(false);
  });
});
