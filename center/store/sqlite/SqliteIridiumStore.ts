import type { Database } from 'better-sqlite3';
import { errorCode } from '../../../platform/sqlite/DatabaseError';
import type { ItemKind, Priority } from '../../../protocol/sync/items';
import type {
  IridiumStore,
  MoSessionRecord,
  MtCandidate,
  MtMessageRecord,
  MtRuleQuery,
  NewMtMessage,
  SetImeiResult,
} from '../IridiumStore';
import { bytes, type Statements } from './statements';

/**
 * The MT rule's candidates: vehicles with a modem, not revoked, and not reachable over IP
 * (silent since @quietBefore, or last heard by an MO — an MO's items go through the exchange
 * and so set the contact), their undelivered items of @priorities not yet sent by MT (or
 * whose last try failed transiently before @retryBefore). Walks only vehicles with a modem
 * and their undelivered items (both partial indexes, migration 16), so it costs nothing
 * for a fleet without Iridium or a long delivered history. Exported for its query-plan test.
 */
export const MT_CANDIDATES_SQL = `SELECT d.vehicle_id, v.imei, d.seq, d.id, d.kind, d.priority, d.wire
  FROM vehicles v INDEXED BY vehicles_by_imei
  JOIN credentials c ON c.role = 'vehicle' AND c.id = v.id AND c.revoked_at IS NULL
  JOIN downlink_items d INDEXED BY downlink_undelivered ON d.vehicle_id = v.id AND d.delivered_at IS NULL
  WHERE v.imei IS NOT NULL
    AND (v.last_contact_at IS NULL OR v.last_contact_at < @quietBefore
         OR v.last_contact_at <= (SELECT MAX(received_at) FROM directip_mo m WHERE m.vehicle_id = v.id))
    AND d.priority IN (SELECT value FROM json_each(@priorities))
    AND NOT EXISTS (
      SELECT 1 FROM directip_mt_items mi JOIN directip_mt mt ON mt.client_message_id = mi.client_message_id
      WHERE mi.item_id = d.id
        AND (mt.status >= 0
             OR mt.status IN (SELECT value FROM json_each(@finals))
             OR (mt.status IS NULL AND mt.error IS NULL)
             OR mt.created_at >= @retryBefore))
  ORDER BY d.vehicle_id, d.seq`;

interface MoRow {
  cdr_reference: number;
  imei: string;
  vehicle_id: string;
  session_status: number;
  momsn: number;
  session_at: number;
  received_at: number;
  payload_bytes: number;
  items: number;
  held: number;
  lat: number | null;
  lon: number | null;
  cep_km: number | null;
}

interface MtRow {
  client_message_id: number;
  vehicle_id: string;
  imei: string;
  payload_bytes: number;
  priority: number | null;
  created_at: number;
  status: number | null;
  auto_id: number | null;
  confirmed_at: number | null;
  error: string | null;
  item_ids: string;
}

/** `CenterStore.iridium` on SQLite (migration 16): runs on the store's one connection, in turn with its other operations. */
export class SqliteIridiumStore implements IridiumStore {
  readonly #statements: Statements;
  readonly #serial: <T>(fn: () => T) => Promise<T>;
  readonly #db: Database;

  constructor(db: Database, statements: Statements, serial: <T>(fn: () => T) => Promise<T>) {
    this.#db = db;
    this.#statements = statements;
    this.#serial = serial;
  }

  #sql(sql: string) {
    return this.#statements.get(sql);
  }

  vehicleByImei(imei: string): Promise<{ vehicleId: string; revoked: boolean } | undefined> {
    return this.#serial(() => {
      const row = this.#sql(
        `SELECT v.id, c.revoked_at FROM vehicles v JOIN credentials c ON c.role = 'vehicle' AND c.id = v.id WHERE v.imei = ?`,
      ).get(imei) as { id: string; revoked_at: number | null } | undefined;
      return row ? { vehicleId: row.id, revoked: row.revoked_at !== null } : undefined;
    });
  }

  setImei(vehicleId: string, imei: string | null): Promise<SetImeiResult> {
    return this.#serial(() => {
      if (imei !== null) {
        const holder = this.#sql('SELECT id FROM vehicles WHERE imei = ? AND id <> ?').get(imei, vehicleId) as { id: string } | undefined;
        if (holder) return { outcome: 'taken', by: holder.id };
      }
      try {
        const { changes } = this.#sql('UPDATE vehicles SET imei = ? WHERE id = ?').run(imei, vehicleId);
        return changes === 0 ? { outcome: 'unknown-vehicle' } : { outcome: 'set' };
      } catch (error) {
        // Another process (the CLI beside the center) took it between the check and the write.
        if (errorCode(error).startsWith('SQLITE_CONSTRAINT')) return { outcome: 'taken', by: 'another vehicle' };
        throw error;
      }
    });
  }

  imeiOf(vehicleId: string): Promise<string | null> {
    return this.#serial(() => {
      const row = this.#sql('SELECT imei FROM vehicles WHERE id = ?').get(vehicleId) as { imei: string | null } | undefined;
      return row?.imei ?? null;
    });
  }

  moSession(cdrReference: number): Promise<MoSessionRecord | undefined> {
    return this.#serial(() => {
      const row = this.#sql('SELECT * FROM directip_mo WHERE cdr_reference = ?').get(cdrReference) as MoRow | undefined;
      return row ? moRecord(row) : undefined;
    });
  }

  recordMo(record: MoSessionRecord): Promise<boolean> {
    return this.#serial(() => {
      const { changes } = this.#sql(
        `INSERT OR IGNORE INTO directip_mo (cdr_reference, imei, vehicle_id, session_status, momsn, session_at, received_at,
           payload_bytes, items, held, lat, lon, cep_km) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(
        record.cdrReference,
        record.imei,
        record.vehicleId,
        record.sessionStatus,
        record.momsn,
        record.sessionAt,
        record.receivedAt,
        record.payloadBytes,
        record.items,
        record.held,
        record.location?.latitude ?? null,
        record.location?.longitude ?? null,
        record.location?.cepKm ?? null,
      );
      return changes === 1;
    });
  }

  moSessions(vehicleId: string, limit: number): Promise<MoSessionRecord[]> {
    return this.#serial(() =>
      (
        this.#sql('SELECT * FROM directip_mo WHERE vehicle_id = ? ORDER BY received_at DESC, cdr_reference DESC LIMIT ?').all(
          vehicleId,
          limit,
        ) as MoRow[]
      ).map(moRecord),
    );
  }

  mtCandidates(query: MtRuleQuery): Promise<MtCandidate[]> {
    return this.#serial(() => {
      const rows = this.#sql(MT_CANDIDATES_SQL).all({
        quietBefore: query.quietBefore,
        retryBefore: query.retryBefore,
        priorities: JSON.stringify(query.priorities),
        finals: JSON.stringify(query.finalStatuses),
      }) as Array<{ vehicle_id: string; imei: string; seq: number; id: string; kind: string; priority: string; wire: unknown }>;
      return rows.map((row) => ({
        vehicleId: row.vehicle_id,
        imei: row.imei,
        seq: row.seq,
        id: row.id,
        kind: row.kind as ItemKind,
        priority: row.priority as Priority,
        wire: bytes(row.wire),
      }));
    });
  }

  createMt(mt: NewMtMessage): Promise<number> {
    return this.#serial(() =>
      this.#db
        .transaction(() => {
          const { lastInsertRowid } = this.#sql(
            'INSERT INTO directip_mt (vehicle_id, imei, payload_bytes, priority, created_at) VALUES (?, ?, ?, ?, ?)',
          ).run(mt.vehicleId, mt.imei, mt.payloadBytes, mt.priority, mt.createdAt);
          const id = Number(lastInsertRowid);
          const link = this.#sql('INSERT INTO directip_mt_items (item_id, client_message_id) VALUES (?, ?)');
          for (const itemId of mt.itemIds) link.run(itemId, id);
          return id;
        })
        .immediate(),
    );
  }

  confirmMt(clientMessageId: number, confirmation: { status: number; autoIdReference: number; at: number }): Promise<void> {
    return this.#serial(() => {
      this.#sql('UPDATE directip_mt SET status = ?, auto_id = ?, confirmed_at = ?, error = NULL WHERE client_message_id = ?').run(
        confirmation.status,
        confirmation.autoIdReference,
        confirmation.at,
        clientMessageId,
      );
    });
  }

  failMt(clientMessageId: number, error: string, at: number): Promise<void> {
    return this.#serial(() => {
      this.#sql('UPDATE directip_mt SET error = ?, confirmed_at = ? WHERE client_message_id = ?').run(error, at, clientMessageId);
    });
  }

  mtMessages(vehicleId: string, limit: number): Promise<MtMessageRecord[]> {
    return this.#serial(() =>
      (
        this.#sql(
          `SELECT mt.*, (SELECT json_group_array(item_id) FROM directip_mt_items mi WHERE mi.client_message_id = mt.client_message_id) AS item_ids
           FROM directip_mt mt WHERE vehicle_id = ? ORDER BY client_message_id DESC LIMIT ?`,
        ).all(vehicleId, limit) as MtRow[]
      ).map((row) => ({
        clientMessageId: row.client_message_id,
        vehicleId: row.vehicle_id,
        imei: row.imei,
        itemIds: JSON.parse(row.item_ids) as string[],
        payloadBytes: row.payload_bytes,
        priority: row.priority,
        createdAt: row.created_at,
        status: row.status,
        autoIdReference: row.auto_id,
        confirmedAt: row.confirmed_at,
        error: row.error,
      })),
    );
  }
}

function moRecord(row: MoRow): MoSessionRecord {
  return {
    cdrReference: row.cdr_reference,
    imei: row.imei,
    vehicleId: row.vehicle_id,
    sessionStatus: row.session_status,
    momsn: row.momsn,
    sessionAt: row.session_at,
    receivedAt: row.received_at,
    payloadBytes: row.payload_bytes,
    items: row.items,
    held: row.held,
    location: row.lat !== null && row.lon !== null ? { latitude: row.lat, longitude: row.lon, cepKm: row.cep_km ?? 0 } : null,
  };
}
