import { describe, expect, it } from 'vitest';
import { distanceM, formatArea, formatLength, pathLengthM, polygonAreaM2 } from '../../../../renderer/map/measure';

describe('measure', () => {
  it('gives one degree of latitude as 111.19 km on the mean sphere', () => {
    expect(distanceM([30, 114], [31, 114])).toBeCloseTo(111_195, 0);
  });

  it('adds the legs of a path', () => {
    const legs = pathLengthM([
      [30.6, 114.3],
      [30.61, 114.3],
      [30.61, 114.31],
    ]);
    expect(legs).toBeCloseTo(distanceM([30.6, 114.3], [30.61, 114.3]) + distanceM([30.61, 114.3], [30.61, 114.31]), 6);
    expect(pathLengthM([[30.6, 114.3]])).toBe(0);
  });

  it('gives a 0.01° square at 30.6°N its area (1112 m × 957 m ≈ 1.064 km²), whichever way it is walked', () => {
    const square: Array<[number, number]> = [
      [30.6, 114.3],
      [30.61, 114.3],
      [30.61, 114.31],
      [30.6, 114.31],
    ];
    const area = polygonAreaM2(square);
    expect(area / 1e6).toBeCloseTo(1.0645, 3);
    expect(polygonAreaM2([...square].reverse())).toBeCloseTo(area, 3);
    expect(polygonAreaM2(square.slice(0, 2))).toBe(0);
  });

  it('writes lengths and areas in the unit people read', () => {
    expect(formatLength(850.4)).toBe('850 m');
    expect(formatLength(1234)).toBe('1.23 km');
    expect(formatLength(25_400)).toBe('25.4 km');
    expect(formatArea(5400.2)).toBe('5400 m²');
    expect(formatArea(1_064_500)).toBe('1.065 km²');
    expect(formatArea(25_000_000)).toBe('25.0 km²');
  });
});
