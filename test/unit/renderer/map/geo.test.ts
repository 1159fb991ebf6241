import { describe, expect, it } from 'vitest';
import { formatDecimal, formatDms, formatDmsAngle, fromDisplay, toDisplay } from '../../../../renderer/map/geo';

const WUHAN: readonly [number, number] = [30.6, 114.3];

describe('GCJ-02 shift', () => {
  it('leaves positions untouched on a WGS-84 layer', () => {
    expect(toDisplay(WUHAN, 'wgs84')).toEqual(WUHAN);
    expect(fromDisplay(WUHAN, 'wgs84')).toEqual(WUHAN);
  });

  it('shifts positions on a layer marked GCJ-02 by the few hundred metres of the Chinese offset', () => {
    const [lat, lon] = toDisplay(WUHAN, 'gcj02');
    // In Wuhan a GCJ-02 tile shows a place about 250 m south and 520 m east of its WGS-84 position.
    expect(lat - WUHAN[0]).toBeCloseTo(-0.00227, 3);
    expect(lon - WUHAN[1]).toBeCloseTo(0.00537, 3);
  });

  it('brings a click on a GCJ-02 layer back to the WGS-84 point within 1 m', () => {
    const back = fromDisplay(toDisplay(WUHAN, 'gcj02'), 'gcj02');
    expect(back[0]).toBeCloseTo(WUHAN[0], 5);
    expect(back[1]).toBeCloseTo(WUHAN[1], 5);
  });

  it('leaves points outside China where they are even on a GCJ-02 layer', () => {
    expect(toDisplay([48.85, 2.35], 'gcj02')).toEqual([48.85, 2.35]);
  });
});

describe('coordinate text', () => {
  it('writes decimal degrees with six places', () => {
    expect(formatDecimal([30.6, 114.3])).toBe('30.600000, 114.300000');
    expect(formatDecimal([-33.8688, -151.2093])).toBe('-33.868800, -151.209300');
  });

  it('writes degrees, minutes and seconds with hemispheres', () => {
    expect(formatDms([30.6, 114.3])).toBe('30°36′00.0″N 114°18′00.0″E');
    expect(formatDms([-33.8688, -151.2093])).toBe('33°52′07.7″S 151°12′33.5″W');
  });

  it('carries 59.96 seconds into the next minute instead of showing 60.0″', () => {
    expect(formatDmsAngle(30 + 59.99 / 3600, 'N', 'S')).toBe('30°01′00.0″N');
  });
});
