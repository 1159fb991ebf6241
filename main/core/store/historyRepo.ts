import type { Database } from 'better-sqlite3';
import type { HistoryQuery, HistorySeries } from '../../../protocol/api/history';
import type { LinkReasonCode, LinkState, LinkStateChange } from '../../../protocol/links/linkStatus';

const RANGE_MS = { hour: 3_600_000, day: 86_400_000, week: 7 * 86_400_000 } as const;
const BUCKET_MS = { hour: 10_000, day: 60_000, week: 600_000 } as const;

/**
 * A link's metrics over the last hour (10 s buckets) or day (1 min buckets), from the
 * raw samples (kept 48 h), or week (10 min buckets) from the one-minute aggregates, on
 * one time axis. A bucket with no sample is null: a gap on the chart is a time nothing
 * was measured, not a value.
 */
export function querySeries(db: Database, query: HistoryQuery, now: number): HistorySeries {
  const bucketMs = BUCKET_MS[query.range];
  const end = Math.floor(now / bucketMs) * bucketMs;
  const start = end - RANGE_MS[query.range] + bucketMs;
  const at: number[] = [];
  for (let t = start; t <= end; t += bucketMs) at.push(t);
  const values: Record<string, Array<number | null>> = {};
  for (const metric of query.metrics) values[metric] = at.map(() => null);
  const source =
    query.range === 'week'
      ? `SELECT metric, CAST(minute / @bucket AS INTEGER) * @bucket AS t, sum(avg * count) / sum(count) AS v FROM link_samples_1m
         WHERE link_id = @linkId AND metric IN (${query.metrics.map((_, i) => `@m${i}`).join(', ')}) AND minute >= @start GROUP BY metric, t`
      : `SELECT metric, CAST(at / @bucket AS INTEGER) * @bucket AS t, avg(value) AS v FROM link_samples
         WHERE link_id = @linkId AND metric IN (${query.metrics.map((_, i) => `@m${i}`).join(', ')}) AND at >= @start GROUP BY metric, t`;
  const rows = db
    .prepare(source)
    .all({ bucket: bucketMs, linkId: query.linkId, start, ...Object.fromEntries(query.metrics.map((m, i) => [`m${i}`, m])) }) as Array<{
    metric: string;
    t: number;
    v: number;
  }>;
  for (const row of rows) {
    const index = (row.t - start) / bucketMs;
    const series = values[row.metric];
    if (series && index >= 0 && index < at.length) series[index] = Math.round(row.v * 10) / 10;
  }
  return { linkId: query.linkId, range: query.range, bucketMs, at, values };
}

/** State changes, newest first. */
export function queryEvents(db: Database, linkId: string | undefined, limit: number): LinkStateChange[] {
  const rows = db
    .prepare(
      `SELECT link_id, at, from_state, to_state, reason, detail FROM link_events
       ${linkId ? 'WHERE link_id = ?' : ''} ORDER BY at DESC, id DESC LIMIT ?`,
    )
    .all(...(linkId ? [linkId, limit] : [limit])) as Array<{
    link_id: string;
    at: number;
    from_state: string;
    to_state: string;
    reason: string;
    detail: string | null;
  }>;
  return rows.map((r) => ({
    linkId: r.link_id,
    at: r.at,
    from: r.from_state as LinkState,
    to: r.to_state as LinkState,
    reason: { code: r.reason as LinkReasonCode, ...(r.detail ? { detail: r.detail } : {}) },
  }));
}

export interface Retention {
  /** Raw samples. Default 48 h (the day chart reads them). */
  rawMs: number;
  /** One-minute aggregates. Default 30 days. */
  minuteMs: number;
  /** State changes and track points. Default 90 days. */
  recordsMs: number;
}

export const DEFAULT_RETENTION: Retention = { rawMs: 48 * 3_600_000, minuteMs: 30 * 86_400_000, recordsMs: 90 * 86_400_000 };

/**
 * Downsampling and retention in one transaction: raw samples older than an hour are
 * folded into one-minute aggregates (again each run, idempotently, for the minutes not
 * yet final), then rows past their retention are deleted (with delivered position reports).
 */
export function maintainHistory(
  db: Database,
  now: number,
  retention: Retention = DEFAULT_RETENTION,
): { aggregated: number; deleted: number } {
  return db
    .transaction(() => {
      const last = (db.prepare('SELECT max(minute) AS m FROM link_samples_1m').get() as { m: number | null }).m;
      // A cursor in the future (the clock was once ahead) is ignored: aggregation must not
      // stop until real time catches up. Re-aggregating is harmless (INSERT OR REPLACE).
      const cursor = last !== null && last <= now ? last : 0;
      const from = Math.max(cursor, now - retention.rawMs);
      const to = Math.floor((now - 3_600_000) / 60_000) * 60_000;
      let aggregated = 0;
      if (to > from) {
        aggregated = db
          .prepare(
            `INSERT OR REPLACE INTO link_samples_1m (link_id, metric, minute, avg, min, max, count)
           SELECT link_id, metric, CAST(at / 60000 AS INTEGER) * 60000 AS minute, avg(value), min(value), max(value), count(*)
           FROM link_samples WHERE at >= ? AND at < ? GROUP BY link_id, metric, minute`,
          )
          .run(from, to).changes;
      }
      let deleted = db.prepare('DELETE FROM link_samples WHERE at < ?').run(now - retention.rawMs).changes;
      deleted += db.prepare('DELETE FROM link_samples_1m WHERE minute < ?').run(now - retention.minuteMs).changes;
      deleted += db.prepare('DELETE FROM link_events WHERE at < ?').run(now - retention.recordsMs).changes;
      deleted += db.prepare('DELETE FROM track_points WHERE at < ?').run(now - retention.recordsMs).changes;
      // Position reports the center holds are kept as long as the track (messages keep their outbox rows: they show delivery).
      deleted += db
        .prepare("DELETE FROM outbox WHERE kind = 'position' AND state = 'delivered' AND delivered_at < ?")
        .run(now - retention.recordsMs).changes;
      return { aggregated, deleted };
    })
    .immediate();
}
