import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { maintainHistory, queryEvents, querySeries } from '../../../../../main/core/store/historyRepo';
import { migrate } from '../../../../../platform/sqlite/migrations';
import { MIGRATIONS } from '../../../../../main/core/store/migrations/index';
import { INSERT_TRACK_POINT, latestTrackPoint, queryTrack, trackPointParams } from '../../../../../main/core/store/trackRepo';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000; // a round epoch keeps bucket arithmetic readable

function db() {
  const d = new Database(':memory:');
  migrate(d, MIGRATIONS);
  return d;
}
function sample(d: Database.Database, linkId: string, metric: string, at: number, value: number) {
  d.prepare('INSERT INTO link_samples (link_id, metric, at, value) VALUES (?, ?, ?, ?)').run(linkId, metric, at, value);
}

describe('querySeries', () => {
  it('buckets the last hour in 10 s steps on one axis, null where nothing was measured', () => {
    const d = db();
    sample(d, 'cell-1', 'rsrpDbm', NOW - 5_000, -90);
    sample(d, 'cell-1', 'rsrpDbm', NOW - 4_000, -100);
    sample(d, 'cell-1', 'latencyMs', NOW - 65_000, 42);
    sample(d, 'other', 'rsrpDbm', NOW - 5_000, -50);
    const series = querySeries(d, { linkId: 'cell-1', metrics: ['rsrpDbm', 'latencyMs'], range: 'hour' }, NOW);
    expect(series.bucketMs).toBe(10_000);
    expect(series.at).toHaveLength(360);
    expect(series.at.at(-1)).toBe(NOW);
    expect(series.values.rsrpDbm!.at(-2)).toBe(-95);
    expect(series.values.rsrpDbm!.filter((v) => v !== null)).toEqual([-95]);
    expect(series.values.latencyMs!.filter((v) => v !== null)).toEqual([42]);
  });

  it('buckets the last day in 1 min steps', () => {
    const d = db();
    sample(d, 'cell-1', 'bars', NOW - 20 * HOUR, 3);
    sample(d, 'cell-1', 'bars', NOW - 25 * HOUR, 5); // outside the day
    const series = querySeries(d, { linkId: 'cell-1', metrics: ['bars'], range: 'day' }, NOW);
    expect(series.at).toHaveLength(1440);
    expect(series.values.bars!.filter((v) => v !== null)).toEqual([3]);
  });
});

describe('querySeries over a week', () => {
  it('reads the one-minute aggregates in 10 min buckets, weighting by sample count', () => {
    const d = db();
    const insert = d.prepare('INSERT INTO link_samples_1m (link_id, metric, minute, avg, min, max, count) VALUES (?, ?, ?, ?, ?, ?, ?)');
    const bucket = Math.floor((NOW - 3 * 24 * HOUR) / 600_000) * 600_000;
    insert.run('cell-1', 'latencyMs', bucket, 40, 30, 50, 1);
    insert.run('cell-1', 'latencyMs', bucket + 60_000, 100, 90, 110, 3);
    const series = querySeries(d, { linkId: 'cell-1', metrics: ['latencyMs'], range: 'week' }, NOW);
    expect(series.bucketMs).toBe(600_000);
    expect(series.at).toHaveLength(7 * 24 * 6);
    expect(series.values.latencyMs!.filter((v) => v !== null)).toEqual([85]);
  });
});

describe('queryEvents', () => {
  it('lists state changes newest first, for one link or all', () => {
    const d = db();
    const insert = d.prepare('INSERT INTO link_events (link_id, at, from_state, to_state, reason, detail) VALUES (?, ?, ?, ?, ?, ?)');
    insert.run('a', 1, 'unknown', 'up', 'ok', null);
    insert.run('a', 3, 'up', 'down', 'probes-lost', '3 probes lost in a row');
    insert.run('b', 2, 'unknown', 'up', 'ok', null);
    expect(queryEvents(d, 'a', 10)).toEqual([
      { linkId: 'a', at: 3, from: 'up', to: 'down', reason: { code: 'probes-lost', detail: '3 probes lost in a row' } },
      { linkId: 'a', at: 1, from: 'unknown', to: 'up', reason: { code: 'ok' } },
    ]);
    expect(queryEvents(d, undefined, 2).map((e) => e.at)).toEqual([3, 2]);
  });
});

describe('maintainHistory', () => {
  it('folds raw samples older than an hour into minute aggregates, then drops what is past retention', () => {
    const d = db();
    const minute = Math.floor((NOW - 2 * HOUR) / 60_000) * 60_000;
    sample(d, 'cell-1', 'rsrpDbm', minute + 1_000, -90);
    sample(d, 'cell-1', 'rsrpDbm', minute + 2_000, -100);
    sample(d, 'cell-1', 'rsrpDbm', NOW - 49 * HOUR, -80); // past raw retention
    sample(d, 'cell-1', 'rsrpDbm', NOW - 60_000, -70); // too recent to aggregate
    d.prepare(INSERT_TRACK_POINT).run(
      trackPointParams({ at: NOW - 91 * 24 * HOUR, latitude: 30, longitude: 104, fixMode: '3d', sourceLinkId: 'gnss' }),
    );
    const result = maintainHistory(d, NOW);
    expect(result.deleted).toBe(2);
    expect(d.prepare('SELECT metric, minute, avg, min, max, count FROM link_samples_1m WHERE minute = ?').get(minute)).toEqual({
      metric: 'rsrpDbm',
      minute,
      avg: -95,
      min: -100,
      max: -90,
      count: 2,
    });
    expect(d.prepare('SELECT count(*) AS n FROM link_samples').get()).toEqual({ n: 3 });
    // Run again: idempotent.
    maintainHistory(d, NOW);
    expect(d.prepare('SELECT count(*) AS n FROM link_samples_1m WHERE minute = ?').get(minute)).toEqual({ n: 1 });
  });
});

describe('maintainHistory after the clock was ahead', () => {
  it('keeps aggregating instead of waiting for real time to catch up', () => {
    const d = db();
    d.prepare('INSERT INTO link_samples_1m (link_id, metric, minute, avg, min, max, count) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      'cell-1',
      'bars',
      NOW + 24 * HOUR,
      3,
      3,
      3,
      1,
    );
    const minute = Math.floor((NOW - 2 * HOUR) / 60_000) * 60_000;
    sample(d, 'cell-1', 'bars', minute + 1000, 4);
    maintainHistory(d, NOW);
    expect(d.prepare('SELECT avg FROM link_samples_1m WHERE minute = ?').get(minute)).toEqual({ avg: 4 });
  });
});

describe('track', () => {
  it('returns the newest points since a time, oldest first, and the latest point', () => {
    const d = db();
    for (let i = 0; i < 5; i++) {
      d.prepare(INSERT_TRACK_POINT).run(
        trackPointParams({ at: 1000 * i, latitude: 30 + i / 1000, longitude: 104, fixMode: '3d', speedMps: 10, sourceLinkId: 'gnss' }),
      );
    }
    expect(queryTrack(d, 1000, 2).map((p) => p.at)).toEqual([3000, 4000]);
    expect(latestTrackPoint(d)).toEqual({ at: 4000, latitude: 30.004, longitude: 104, fixMode: '3d', speedMps: 10, sourceLinkId: 'gnss' });
    expect(latestTrackPoint(db())).toBeNull();
  });
});
