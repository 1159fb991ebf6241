import { describe, expect, it } from 'vitest';
import type { LinkStatus } from '../../../../../protocol/links/linkStatus';
import type { PositionReport } from '../../../../../protocol/links/gnss';
import { TrackRecorder, distanceM, positionOf } from '../../../../../main/core/links/TrackRecorder';

const m = <T>(value: T, at: number, stale = false) => ({ value, at, stale });
function gnss(at: number, latitude: number, longitude: number, fix: 'none' | '2d' | '3d' = '3d', stale = false): LinkStatus {
  return {
    id: 'gnss',
    name: 'GNSS',
    kind: 'gnss',
    state: 'up',
    reason: { code: 'ok' },
    since: 0,
    metered: false,
    capacityKbps: 0,
    device: { driver: 'nmea', connection: 'ready' },
    gnss: {
      fixMode: m(fix, at, stale),
      latitude: m(latitude, at, stale),
      longitude: m(longitude, at, stale),
      speedMps: m(12.5, at),
      satellitesUsed: m(9, at),
    },
  };
}

describe('TrackRecorder', () => {
  it('measures distances on the sphere', () => {
    expect(distanceM({ latitude: 30, longitude: 104 }, { latitude: 30.001, longitude: 104 })).toBeCloseTo(111.2, 0);
  });

  it('turns a fresh fix into a position report and ignores no-fix and stale fixes', () => {
    expect(positionOf(gnss(1000, 30.5, 104.1))).toEqual({
      at: 1000,
      latitude: 30.5,
      longitude: 104.1,
      fixMode: '3d',
      speedMps: 12.5,
      satellitesUsed: 9,
      sourceLinkId: 'gnss',
    });
    expect(positionOf(gnss(1000, 30.5, 104.1, 'none'))).toBeUndefined();
    expect(positionOf(gnss(1000, 30.5, 104.1, '3d', true))).toBeUndefined();
  });

  it('keeps one point per interval unless the vehicle moved far, and announces each', () => {
    const stored: PositionReport[] = [];
    const announced: PositionReport[] = [];
    const recorder = new TrackRecorder({ intervalMs: () => 5000, store: (p) => stored.push(p) });
    recorder.on('position', (p) => announced.push(p));
    recorder.observe(gnss(0, 30, 104));
    recorder.observe(gnss(0, 30, 104)); // same fix again
    recorder.observe(gnss(1000, 30.00001, 104)); // 1 m later, too soon
    recorder.observe(gnss(2000, 30.001, 104)); // 111 m: moved
    recorder.observe(gnss(8000, 30.001, 104)); // interval passed
    expect(stored.map((p) => p.at)).toEqual([0, 2000, 8000]);
    expect(announced).toEqual(stored);
    expect(recorder.latest?.at).toBe(8000);
  });
});

describe('TrackRecorder and fixes that were not measured', () => {
  const withQuality = (status: LinkStatus, quality: 'dead-reckoning' | 'simulation' | 'gps'): LinkStatus => ({
    ...status,
    gnss: { ...status.gnss, quality: { value: quality, at: 1000, stale: false } },
  });

  it('keeps estimated (dead reckoning) and simulated fixes out of the track: they are not where the vehicle is', () => {
    const stored: PositionReport[] = [];
    const recorder = new TrackRecorder({ intervalMs: () => 1000, store: (p) => stored.push(p) });
    expect(positionOf(withQuality(gnss(1000, 30.5, 104.1), 'dead-reckoning'))).toBeUndefined();
    expect(positionOf(withQuality(gnss(1000, 30.5, 104.1), 'simulation'))).toBeUndefined();
    recorder.observe(withQuality(gnss(1000, 30.5, 104.1), 'simulation'));
    recorder.observe(withQuality(gnss(5000, 30.6, 104.1), 'dead-reckoning'));
    expect(stored).toEqual([]);
    recorder.observe(withQuality(gnss(9000, 30.7, 104.1), 'gps'));
    expect(stored.map((p) => [p.latitude, p.quality])).toEqual([[30.7, 'gps']]);
  });
});
