import { describe, expect, it } from 'vitest';
import { PositionReporter } from '../../../../../main/core/ops/PositionReporter';
import { positionOutboxItem } from '../../../../../main/core/ops/positionItem';
import { encodeOutboxEntry } from '../../../../../main/core/sync/outboxItem';
import type { PositionReport } from '../../../../../protocol/links/gnss';

const point = (at: number, latitude: number, longitude = 104.0657): PositionReport => ({
  at,
  latitude,
  longitude,
  fixMode: '3d',
  sourceLinkId: 'gnss-1',
});

describe('PositionReporter', () => {
  it('reports once per interval, or sooner after moving far', () => {
    const reporter = new PositionReporter({ everyMs: 60_000, everyMeters: 500 });
    expect(reporter.shouldReport(point(0, 30.6573))).toBe(true);
    expect(reporter.shouldReport(point(10_000, 30.6574))).toBe(false); // 11 m, 10 s
    expect(reporter.shouldReport(point(20_000, 30.6623))).toBe(true); // 556 m
    expect(reporter.shouldReport(point(70_000, 30.6623))).toBe(false);
    expect(reporter.shouldReport(point(80_001, 30.6623))).toBe(true); // a minute after the last report
    expect(reporter.shouldReport({ ...point(200_000, 30.6623), fixMode: 'none' })).toBe(false);
  });

  it('turns a track point into a position report under 40 bytes on the wire', () => {
    const item = positionOutboxItem({
      ...point(1_800_000_000_123, -33.8567844, 151.2152967),
      altitudeM: 58.4,
      speedMps: 13.42,
      headingDeg: 359.7,
    })!;
    expect(item.body).toEqual({ latitude: -33.8567844, longitude: 151.2152967, fix: '3d', altitudeM: 58, speedMps: 13.4, headingDeg: 0 });
    const wire = encodeOutboxEntry(
      {
        ...item,
        seq: 1,
        state: 'queued',
        attempts: 0,
        nextAttemptAt: 0,
        lastError: null,
        parkCode: null,
        parkReason: null,
        deliveredAt: null,
        attachmentId: null,
        body: item.body as Record<string, unknown>,
      },
      'veh-1',
      123_456,
    );
    expect(wire.length).toBeLessThan(40);
  });
});

describe('PositionReporter and fixes that were not measured', () => {
  it('never reports a simulated or estimated position to the center as real', () => {
    const reporter = new PositionReporter({ everyMs: 60_000, everyMeters: 500 });
    expect(reporter.shouldReport({ ...point(0, 30.6573), quality: 'simulation' })).toBe(false);
    expect(reporter.shouldReport({ ...point(0, 30.6573), quality: 'dead-reckoning' })).toBe(false);
    expect(reporter.shouldReport({ ...point(0, 30.6573), quality: 'gps' })).toBe(true);
  });
});
