import type { DeskItem } from '../../../protocol/sync/desk';
import type { ArrivalPath, DeskVia } from '../../../protocol/sync/deskVia';
import type { ItemKind, Priority } from '../../../protocol/sync/items';
import type { DeskItemsFilter, NewUplinkItem } from '../CenterStore';
import type { Statements } from './statements';

/** Uplink items: storing one with the path it came by, noting a copy by the other path, the desk's list. */

/** The path columns of `uplink_items` aliased `<alias>`, as `viaOf` reads them. */
export function viaColumns(alias: string): string {
  return `${alias}.via AS via, ${alias}.sbd_cdr AS sbd_cdr, ${alias}.sbd_momsn AS sbd_momsn,
          ${alias}.sbd_session_at AS sbd_session_at, ${alias}.other_path_at AS other_path_at`;
}

export interface ViaRow {
  via: string | null;
  sbd_cdr: number | null;
  sbd_momsn: number | null;
  sbd_session_at: number | null;
  other_path_at: number | null;
}

/** The desk's `via`; undefined for an item held before the path was kept (or no item: a LEFT JOIN that found none). */
export function viaOf(row: ViaRow): { via?: DeskVia } {
  if (row.via !== 'ip' && row.via !== 'sbd') return {};
  return {
    via: {
      path: row.via,
      cdrReference: row.sbd_cdr,
      momsn: row.sbd_momsn,
      sessionAt: row.sbd_session_at,
      otherPathAt: row.other_path_at,
    },
  };
}

/** Inserts the item with its path; returns its cursor. Counts it on the vehicle. */
export function insertUplinkItem(statements: Statements, vehicleId: string, item: NewUplinkItem): number {
  const sbd = item.arrival.path === 'sbd' ? item.arrival : undefined;
  const { lastInsertRowid } = statements
    .get(
      `INSERT INTO uplink_items (vehicle_id, seq, id, kind, priority, created_at, received_at, digest, wire, body_json,
                                 via, sbd_cdr, sbd_momsn, sbd_session_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      vehicleId,
      item.seq,
      item.id,
      item.kind,
      item.priority,
      item.createdAt,
      item.receivedAt,
      item.digest,
      item.wire,
      JSON.stringify(item.body),
      item.arrival.path,
      sbd?.cdrReference ?? null,
      sbd?.momsn ?? null,
      sbd?.sessionAt ?? null,
    );
  statements.get('UPDATE vehicles SET item_count = item_count + 1 WHERE id = ?').run(vehicleId);
  return Number(lastInsertRowid);
}

/**
 * A held item came again by `path`. Only the first copy by the other path is noted; the
 * item itself, its first path and its cursor stay (exactly once by (vehicle, seq)). An
 * item held before the path was kept (`via` NULL) is left as it is: its first path is unknown.
 */
export function noteArrival(statements: Statements, vehicleId: string, seq: number, path: ArrivalPath, at: number): void {
  statements
    .get(
      'UPDATE uplink_items SET other_path_at = ? WHERE vehicle_id = ? AND seq = ? AND via IS NOT NULL AND via <> ? AND other_path_at IS NULL',
    )
    .run(at, vehicleId, seq, path);
}

interface ItemRow extends ViaRow {
  cursor: number;
  vehicle_id: string;
  seq: number;
  id: string;
  kind: string;
  priority: string;
  created_at: number;
  received_at: number;
  body_json: string;
}

/** Received items in ingest order after `query.after` (CenterStore.deskItems). */
export function selectDeskItems(statements: Statements, query: DeskItemsFilter): DeskItem[] {
  const where = ['u.cursor > ?'];
  const params: unknown[] = [query.after];
  if (query.vehicleId !== undefined) {
    where.push('u.vehicle_id = ?');
    params.push(query.vehicleId);
  }
  if (query.vehicleIds !== undefined) {
    if (query.vehicleIds.length === 0) return [];
    where.push('u.vehicle_id IN (SELECT value FROM json_each(?))');
    params.push(JSON.stringify(query.vehicleIds));
  }
  if (query.kind !== undefined) {
    where.push('u.kind = ?');
    params.push(query.kind);
  }
  const sql = `SELECT u.cursor, u.vehicle_id, u.seq, u.id, u.kind, u.priority, u.created_at, u.received_at, u.body_json, ${viaColumns('u')}
               FROM uplink_items u WHERE ${where.join(' AND ')} ORDER BY u.cursor LIMIT ?`;
  const rows = statements.get(sql).all(...params, query.limit) as ItemRow[];
  return rows.map((row) => ({
    cursor: row.cursor,
    vehicleId: row.vehicle_id,
    seq: row.seq,
    id: row.id,
    kind: row.kind as ItemKind,
    priority: row.priority as Priority,
    createdAt: row.created_at,
    receivedAt: row.received_at,
    body: JSON.parse(row.body_json) as Record<string, unknown>,
    ...viaOf(row),
  }));
}
