import type { Database } from 'better-sqlite3';
import { errorCode, isDiskFull } from '../../../platform/sqlite/DatabaseError';
import { closeDatabase, openDatabase } from '../../../platform/sqlite/openDatabase';
import type { CredentialRole } from '../../../protocol/sync/credentials';
import type { DeskItem, DeskVehicle } from '../../../protocol/sync/desk';
import type { ItemKind, Priority } from '../../../protocol/sync/items';
import type {
  CenterStore,
  CredentialRecord,
  DeskItemsFilter,
  DownlinkRecord,
  ExchangeTx,
  NewCredential,
  NewDownlinkItem,
  NewUpload,
  QueuedDownlinkRecord,
  UploadRecord,
  VehicleSyncState,
} from '../CenterStore';
import { CENTER_PRODUCT, DuplicateIdError, StoreFullError } from '../errors';
import { MIGRATIONS } from './migrations';
import { GroupCommit } from './GroupCommit';
import { SqliteExchangeTx } from './SqliteExchangeTx';
import { Statements, bytes } from './statements';
import {
  UPLOAD_SELECT,
  VEHICLE_SELECT,
  deskVehicleOf,
  syncStateOf,
  uploadOf,
  vehicleRow,
  type UploadRow,
  type VehicleRow,
} from './vehicleRows';

export interface SqliteCenterStoreOptions {
  /** The database file; created with its folder if missing. */
  file: string;
  /** How long a statement waits for a lock held by another connection (the CLI). Default 5000 ms. */
  busyTimeoutMs?: number;
}

/**
 * The center's store on SQLite (better-sqlite3): WAL with `synchronous=FULL`, a busy
 * timeout, numbered forward-only migrations recorded in `user_version`, and one
 * connection that is the only writer of this process. Every operation runs in turn
 * on that connection (a promise queue), so an exchange's unit of work is never
 * interleaved with another operation even though the interface is async. Exchanges
 * waiting at the same time commit as one group (GroupCommit).
 */
export class SqliteCenterStore implements CenterStore {
  readonly location: string;
  readonly schemaVersion: number;
  readonly #db: Database;
  readonly #statements: Statements;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;
  readonly #exchanges: GroupCommit;

  private constructor(file: string, db: Database, schemaVersion: number) {
    this.location = file;
    this.#db = db;
    this.#statements = new Statements(db);
    this.schemaVersion = schemaVersion;
    this.#exchanges = new GroupCommit(db, (run) => this.#serial(run));
  }

  /** Opens (and migrates) the database. Throws DatabaseError with an operator-readable message naming the file. */
  static open(options: SqliteCenterStoreOptions): SqliteCenterStore {
    // Normal locking mode: the CLI (`vehicles add`) and `sqlite3 .backup` may use the file
    // while the center runs; InstanceLock keeps a second center off it.
    const { db, schemaVersion } = openDatabase({
      file: options.file,
      product: CENTER_PRODUCT,
      migrations: MIGRATIONS,
      busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    });
    return new SqliteCenterStore(options.file, db, schemaVersion);
  }

  /** Runs `fn` after every earlier operation; maps a full disk to StoreFullError. */
  #serial<T>(fn: () => T | Promise<T>): Promise<T> {
    const run = this.#tail.then(async () => {
      if (this.#closed) throw new Error('the store is closed');
      try {
        return await fn();
      } catch (error) {
        throw isDiskFull(error) ? new StoreFullError(this.location, error) : error;
      }
    });
    this.#tail = run.catch(() => undefined);
    return run;
  }

  #sql(sql: string) {
    return this.#statements.get(sql);
  }

  /** Exchanges applied and the transactions they shared (group commit), since opening. */
  get exchangeCommits(): { units: number; groups: number } {
    return { ...this.#exchanges.stats };
  }

  addCredential(credential: NewCredential): Promise<void> {
    return this.#serial(() => {
      try {
        this.#db
          .transaction(() => {
            this.#sql('INSERT INTO credentials (role, id, name, token_sha256, created_at) VALUES (?, ?, ?, ?, ?)').run(
              credential.role,
              credential.id,
              credential.name,
              credential.tokenSha256,
              credential.createdAt,
            );
            if (credential.role === 'vehicle') this.#sql('INSERT INTO vehicles (id) VALUES (?)').run(credential.id);
          })
          .immediate();
      } catch (error) {
        if (errorCode(error).startsWith('SQLITE_CONSTRAINT')) throw new DuplicateIdError(credential.role, credential.id);
        throw error;
      }
    });
  }

  getCredential(role: CredentialRole, id: string): Promise<CredentialRecord | undefined> {
    return this.#serial(() => {
      const row = this.#sql('SELECT * FROM credentials WHERE role = ? AND id = ?').get(role, id) as CredentialRow | undefined;
      return row ? credentialOf(row) : undefined;
    });
  }

  listCredentials(role: CredentialRole): Promise<CredentialRecord[]> {
    return this.#serial(() =>
      (this.#sql('SELECT * FROM credentials WHERE role = ? ORDER BY id').all(role) as CredentialRow[]).map(credentialOf),
    );
  }

  revokeCredential(role: CredentialRole, id: string, at: number): Promise<boolean> {
    return this.#serial(() => {
      const row = this.#sql('SELECT revoked_at FROM credentials WHERE role = ? AND id = ?').get(role, id) as
        { revoked_at: number | null } | undefined;
      if (!row) return false;
      if (row.revoked_at === null) this.#sql('UPDATE credentials SET revoked_at = ? WHERE role = ? AND id = ?').run(at, role, id);
      return true;
    });
  }

  vehicleState(vehicleId: string): Promise<VehicleSyncState | undefined> {
    return this.#serial(() => {
      const row = vehicleRow(this.#statements, vehicleId);
      return row ? syncStateOf(row, this.#statements) : undefined;
    });
  }

  touchVehicle(vehicleId: string, at: number): Promise<void> {
    return this.#serial(() => {
      this.#sql('UPDATE vehicles SET last_contact_at = MAX(COALESCE(last_contact_at, 0), ?) WHERE id = ?').run(at, vehicleId);
    });
  }

  withExchange<T>(vehicleId: string, work: (tx: ExchangeTx) => Promise<T>): Promise<T> {
    // Exchanges that arrive together share one transaction and one fsync (GroupCommit), each in its own savepoint.
    return this.#exchanges
      .add(async () => {
        const tx = new SqliteExchangeTx(this.#statements, vehicleId);
        try {
          return await work(tx);
        } finally {
          tx.end();
        }
      })
      .catch((error: unknown) => {
        throw isDiskFull(error) && !(error instanceof StoreFullError) ? new StoreFullError(this.location, error) : error;
      });
  }

  queueDownlink(
    vehicleIds: readonly string[],
    build: (vehicleId: string, seq: number) => NewDownlinkItem,
  ): Promise<QueuedDownlinkRecord[]> {
    return this.#serial(() =>
      this.#db
        .transaction(() =>
          vehicleIds.map((vehicleId) => {
            const { down_seq } = this.#sql('SELECT down_seq FROM vehicles WHERE id = ?').get(vehicleId) as { down_seq: number };
            const seq = down_seq + 1;
            const item = build(vehicleId, seq);
            this.#sql(
              `INSERT INTO downlink_items (vehicle_id, seq, id, kind, priority, created_at, wire, body_json)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
            ).run(vehicleId, seq, item.id, item.kind, item.priority, item.createdAt, item.wire, JSON.stringify(item.body));
            this.#sql('UPDATE vehicles SET down_seq = ? WHERE id = ?').run(seq, vehicleId);
            return { vehicleId, seq, id: item.id };
          }),
        )
        .immediate(),
    );
  }

  listDownlink(vehicleId: string): Promise<DownlinkRecord[]> {
    return this.#serial(() => {
      const rows = this.#sql('SELECT * FROM downlink_items WHERE vehicle_id = ? ORDER BY seq').all(vehicleId) as DownlinkRow[];
      return rows.map((row) => ({
        seq: row.seq,
        id: row.id,
        kind: row.kind as ItemKind,
        priority: row.priority as Priority,
        createdAt: row.created_at,
        wire: bytes(row.wire),
        body: JSON.parse(row.body_json) as Record<string, unknown>,
        deliveredAt: row.delivered_at,
      }));
    });
  }

  createUpload(upload: NewUpload): Promise<UploadRecord> {
    return this.#serial(() => {
      this.#sql(
        `INSERT INTO attachments (vehicle_id, attachment_id, name, mime, size, sha256, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
      ).run(upload.vehicleId, upload.attachmentId, upload.name, upload.mime, upload.size, upload.sha256, upload.createdAt);
      return uploadOf(this.#sql(UPLOAD_SELECT).get(upload.vehicleId, upload.attachmentId) as UploadRow);
    });
  }

  getUpload(vehicleId: string, attachmentId: string): Promise<UploadRecord | undefined> {
    return this.#serial(() => {
      const row = this.#sql(UPLOAD_SELECT).get(vehicleId, attachmentId) as UploadRow | undefined;
      return row ? uploadOf(row) : undefined;
    });
  }

  setUploadOffset(vehicleId: string, attachmentId: string, offset: number): Promise<void> {
    return this.#serial(() => {
      this.#sql('UPDATE attachments SET received_bytes = ? WHERE vehicle_id = ? AND attachment_id = ? AND completed_at IS NULL').run(
        offset,
        vehicleId,
        attachmentId,
      );
    });
  }

  completeUpload(vehicleId: string, attachmentId: string, at: number): Promise<void> {
    return this.#serial(() => {
      this.#sql('UPDATE attachments SET received_bytes = size, completed_at = ? WHERE vehicle_id = ? AND attachment_id = ?').run(
        at,
        vehicleId,
        attachmentId,
      );
    });
  }

  incompleteUploads(): Promise<UploadRecord[]> {
    return this.#serial(() => (this.#sql('SELECT * FROM attachments WHERE completed_at IS NULL').all() as UploadRow[]).map(uploadOf));
  }

  deskVehicles(): Promise<DeskVehicle[]> {
    return this.#serial(() =>
      (this.#sql(`${VEHICLE_SELECT} AND c.revoked_at IS NULL ORDER BY c.name, c.id`).all() as VehicleRow[]).map(deskVehicleOf),
    );
  }

  deskVehicle(vehicleId: string): Promise<DeskVehicle | undefined> {
    return this.#serial(() => {
      const row = vehicleRow(this.#statements, vehicleId);
      return row ? deskVehicleOf(row) : undefined;
    });
  }

  deskItems(query: DeskItemsFilter): Promise<DeskItem[]> {
    return this.#serial(() => {
      const where = ['cursor > ?'];
      const params: unknown[] = [query.after];
      if (query.vehicleId !== undefined) {
        where.push('vehicle_id = ?');
        params.push(query.vehicleId);
      }
      if (query.kind !== undefined) {
        where.push('kind = ?');
        params.push(query.kind);
      }
      const sql = `SELECT cursor, vehicle_id, seq, id, kind, priority, created_at, received_at, body_json
                   FROM uplink_items WHERE ${where.join(' AND ')} ORDER BY cursor LIMIT ?`;
      const rows = this.#sql(sql).all(...params, query.limit) as ItemRow[];
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
      }));
    });
  }

  close(): Promise<void> {
    const done = this.#tail.then(() => {
      if (this.#closed) return;
      this.#closed = true;
      closeDatabase(this.#db);
    });
    this.#tail = done;
    return done;
  }
}

interface CredentialRow {
  role: CredentialRole;
  id: string;
  name: string;
  token_sha256: unknown;
  created_at: number;
  revoked_at: number | null;
}

function credentialOf(row: CredentialRow): CredentialRecord {
  return {
    role: row.role,
    id: row.id,
    name: row.name,
    tokenSha256: bytes(row.token_sha256),
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
  };
}

interface DownlinkRow {
  seq: number;
  id: string;
  kind: string;
  priority: string;
  created_at: number;
  wire: unknown;
  body_json: string;
  delivered_at: number | null;
}

interface ItemRow {
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
