import type { Database } from 'better-sqlite3';
import type { GnssFixMode, PositionReport } from '../../../protocol/links/gnss';

interface TrackRow {
  at: number;
  latitude: number;
  longitude: number;
  altitude_m: number | null;
  speed_mps: number | null;
  heading_deg: number | null;
  fix_mode: string;
  satellites_used: number | null;
  hdop: number | null;
  source_link_id: string;
}

export const INSERT_TRACK_POINT = `INSERT INTO track_points (at, latitude, longitude, altitude_m, speed_mps, heading_deg, fix_mode, satellites_used, hdop, source_link_id)
  VALUES (@at, @latitude, @longitude, @altitudeM, @speedMps, @headingDeg, @fixMode, @satellitesUsed, @hdop, @sourceLinkId)`;

export function trackPointParams(point: PositionReport): Record<string, unknown> {
  return { altitudeM: null, speedMps: null, headingDeg: null, satellitesUsed: null, hdop: null, ...point };
}

function toReport(row: TrackRow): PositionReport {
  const report: PositionReport = {
    at: row.at,
    latitude: row.latitude,
    longitude: row.longitude,
    fixMode: row.fix_mode as GnssFixMode,
    sourceLinkId: row.source_link_id,
  };
  if (row.altitude_m !== null) report.altitudeM = row.altitude_m;
  if (row.speed_mps !== null) report.speedMps = row.speed_mps;
  if (row.heading_deg !== null) report.headingDeg = row.heading_deg;
  if (row.satellites_used !== null) report.satellitesUsed = row.satellites_used;
  if (row.hdop !== null) report.hdop = row.hdop;
  return report;
}

/** The track since `since`, oldest first, at most `limit` points (the newest ones). */
export function queryTrack(db: Database, since: number, limit: number): PositionReport[] {
  const rows = db
    .prepare('SELECT * FROM (SELECT * FROM track_points WHERE at >= ? ORDER BY at DESC LIMIT ?) ORDER BY at')
    .all(since, limit) as TrackRow[];
  return rows.map(toReport);
}

export function latestTrackPoint(db: Database): PositionReport | null {
  const row = db.prepare('SELECT * FROM track_points ORDER BY at DESC LIMIT 1').get() as TrackRow | undefined;
  return row ? toReport(row) : null;
}
