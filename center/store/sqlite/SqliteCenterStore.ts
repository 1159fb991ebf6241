import type { Database } from 'better-sqlite3';
import { errorCode, isDiskFull } from '../../../platform/sqlite/DatabaseError';
import { closeDatabase, openDatabase } from '../../../platform/sqlite/openDatabase';
import type { GroupName } from '../../../protocol/sync/access';
import type { CredentialRole } from '../../../protocol/sync/credentials';
import type { ConversationResponse, DeskItem, DeskOrder, DeskVehicle } from '../../../protocol/sync/desk';
import type {
  AccessChange,
  CenterStore,
  CredentialRecord,
  DeskItemsFilter,
  DeskOrdersFilter,
  DownlinkRecord,
  ExchangeTx,
  GroupUsage,
  NewCredential,
  NewDownlinkItem,
  NewOrder,
  NewUpload,
  QueuedDownlinkRecord,
  UploadRecord,
  VehicleSyncState,
} from '../CenterStore';
import { CENTER_PRODUCT, DuplicateIdError, StoreFullError } from '../errors';
import { credentialOf, groupUsage, groupsOf, replaceGroups, vehiclesInGroups, type CredentialRow } from './accessRows';
import { markUplinkRead, selectConversation, unreadCounts } from './conversationRows';
import { insertNextDownlink, selectDownlink } from './downlinkRows';
import { MIGRATIONS } from './migrations';
import { cancelOrderRow, insertOrder, insertRecipient, openOrderCounts, selectOrders } from './orderRows';
import type { DutyStore } from '../DutyStore';
import { sqliteDutyStore } from './dutyRows';
import { GroupCommit } from './GroupCommit';
import { SqliteExchangeTx } from './SqliteExchangeTx';
import { SqliteIncidentStore } from './SqliteIncidentStore';
import { SqliteIridiumStore } from './SqliteIridiumStore';
import { Statements } from './statements';
import { selectDeskItems } from './uplinkRows';
import { bumpRevoked } from './fleetRows';
import {
  UPLOAD_SELECT,
  VEHICLE_SELECT,
  deskVehicleOf,
  type DeskCounts,
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
  readonly duty: DutyStore;
  readonly schemaVersion: number;
  readonly #db: Database;
  readonly #statements: Statements;
  #tail: Promise<unknown> = Promise.resolve();
  #closed = false;
  readonly #exchanges: GroupCommit;
  readonly incidents: SqliteIncidentStore;
  readonly iridium: SqliteIridiumStore;

  private constructor(file: string, db: Database, schemaVersion: number) {
    this.location = file;
    this.#db = db;
    this.#statements = new Statements(db);
    this.schemaVersion = schemaVersion;
    this.#exchanges = new GroupCommit(db, (run) => this.#serial(run));
    this.incidents = new SqliteIncidentStore(db, this.#statements, (fn) => this.#serial(fn));
    this.duty = sqliteDutyStore(db, this.#statements, (fn) => this.#serial(fn));
    this.iridium = new SqliteIridiumStore(db, this.#statements, (fn) => this.#serial(fn));
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
            this.#sql('INSERT INTO credentials (role, id, name, token_sha256, created_at, staff_role) VALUES (?, ?, ?, ?, ?, ?)').run(
              credential.role,
              credential.id,
              credential.name,
              credential.tokenSha256,
              credential.createdAt,
              credential.role === 'staff' ? credential.staffRole : null,
            );
            if (credential.role === 'vehicle') this.#sql('INSERT INTO vehicles (id) VALUES (?)').run(credential.id);
            replaceGroups(this.#statements, credential.role, credential.id, credential.groups ?? []);
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
      return row ? credentialOf(row, groupsOf(this.#statements, role, id)) : undefined;
    });
  }

  listCredentials(role: CredentialRole): Promise<CredentialRecord[]> {
    return this.#serial(() =>
      (this.#sql('SELECT * FROM credentials WHERE role = ? ORDER BY id').all(role) as CredentialRow[]).map((row) =>
        credentialOf(row, groupsOf(this.#statements, role, row.id)),
      ),
    );
  }

  revokeCredential(role: CredentialRole, id: string, at: number): Promise<boolean> {
    return this.#serial(() => {
      const row = this.#sql('SELECT revoked_at FROM credentials WHERE role = ? AND id = ?').get(role, id) as
        { revoked_at: number | null } | undefined;
      if (!row) return false;
      if (row.revoked_at !== null) return true;
      this.#db.transaction(() => {
        this.#sql('UPDATE credentials SET revoked_at = ? WHERE role = ? AND id = ?').run(at, role, id);
        if (role === 'vehicle') bumpRevoked(this.#statements, id);
      })();
      return true;
    });
  }

  setAccess(role: CredentialRole, id: string, change: AccessChange): Promise<boolean> {
    if (role !== 'staff' && change.staffRole !== undefined) return Promise.reject(new Error('only staff have a role'));
    return this.#serial(() =>
      this.#db
        .transaction(() => {
          if (!this.#sql('SELECT 1 FROM credentials WHERE role = ? AND id = ?').get(role, id)) return false;
          if (change.staffRole !== undefined)
            this.#sql('UPDATE credentials SET staff_role = ? WHERE role = ? AND id = ?').run(change.staffRole, role, id);
          if (change.groups !== undefined) replaceGroups(this.#statements, role, id, change.groups);
          return true;
        })
        .immediate(),
    );
  }

  vehiclesInGroups(groups: readonly GroupName[]): Promise<string[]> {
    return this.#serial(() => vehiclesInGroups(this.#statements, groups));
  }

  groupUsage(): Promise<GroupUsage[]> {
    return this.#serial(() => groupUsage(this.#statements));
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
      this.#db.transaction(() => vehicleIds.map((vehicleId) => this.#queueOne(vehicleId, (seq) => build(vehicleId, seq)))).immediate(),
    );
  }

  /** Inside a transaction: the vehicle's next downlink item. */
  #queueOne(vehicleId: string, build: (seq: number) => NewDownlinkItem): QueuedDownlinkRecord {
    return insertNextDownlink(this.#statements, vehicleId, build);
  }

  createOrder(
    order: NewOrder,
    vehicleIds: readonly string[],
    build: (vehicleId: string, seq: number) => NewDownlinkItem,
  ): Promise<QueuedDownlinkRecord[]> {
    return this.#serial(() =>
      this.#db
        .transaction(() => {
          insertOrder(this.#statements, order);
          return vehicleIds.map((vehicleId) => {
            const queued = this.#queueOne(vehicleId, (seq) => build(vehicleId, seq));
            insertRecipient(this.#statements, order.id, vehicleId, queued.id);
            return queued;
          });
        })
        .immediate(),
    );
  }

  cancelOrder(
    orderId: string,
    cancel: { by: string; reason?: string | undefined; at: number },
    build: (vehicleId: string, seq: number, orderItemId: string) => NewDownlinkItem,
  ): Promise<QueuedDownlinkRecord[] | undefined> {
    return this.#serial(() =>
      this.#db
        .transaction(() =>
          cancelOrderRow(this.#statements, orderId, cancel)?.map(({ vehicleId, itemId }) =>
            this.#queueOne(vehicleId, (seq) => build(vehicleId, seq, itemId)),
          ),
        )
        .immediate(),
    );
  }

  deskOrders(filter: DeskOrdersFilter, now: number): Promise<DeskOrder[]> {
    return this.#serial(() => selectOrders(this.#statements, filter, now));
  }

  conversation(vehicleId: string, limit: number): Promise<ConversationResponse> {
    return this.#serial(() => {
      const name = (
        this.#sql(`SELECT name FROM credentials WHERE role = 'vehicle' AND id = ?`).get(vehicleId) as { name: string } | undefined
      )?.name;
      return selectConversation(this.#statements, vehicleId, name ?? vehicleId, limit);
    });
  }

  markRead(
    vehicleId: string,
    ids: readonly string[],
    by: string,
    at: number,
    build: (seq: number, newlyRead: readonly string[]) => NewDownlinkItem,
  ): Promise<number> {
    return this.#serial(() =>
      this.#db
        .transaction(() => {
          const newlyRead = markUplinkRead(this.#statements, vehicleId, ids, by, at);
          if (newlyRead.length > 0) this.#queueOne(vehicleId, (seq) => build(seq, newlyRead));
          return newlyRead.length;
        })
        .immediate(),
    );
  }

  listDownlink(vehicleId: string): Promise<DownlinkRecord[]> {
    return this.#serial(() => selectDownlink(this.#statements, vehicleId));
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

  deskVehicles(now = Date.now()): Promise<DeskVehicle[]> {
    return this.#serial(() => {
      const counts = this.#deskCounts(now);
      return (this.#sql(`${VEHICLE_SELECT} AND c.revoked_at IS NULL ORDER BY c.name, c.id`).all() as VehicleRow[]).map((row) =>
        deskVehicleOf(row, counts(row.id)),
      );
    });
  }

  deskVehicle(vehicleId: string, now = Date.now()): Promise<DeskVehicle | undefined> {
    return this.#serial(() => {
      const row = vehicleRow(this.#statements, vehicleId);
      return row ? deskVehicleOf(row, this.#deskCounts(now, vehicleId)(vehicleId)) : undefined;
    });
  }

  /** Unread messages and open and overdue orders per vehicle (of one, when given). */
  #deskCounts(now: number, vehicleId?: string): (id: string) => DeskCounts {
    const unread = unreadCounts(this.#statements, vehicleId);
    const orders = openOrderCounts(this.#statements, now, vehicleId);
    return (id) => ({ unread: unread.get(id) ?? 0, openOrders: orders.get(id)?.open ?? 0, overdueOrders: orders.get(id)?.overdue ?? 0 });
  }

  deskItems(query: DeskItemsFilter): Promise<DeskItem[]> {
    return this.#serial(() => selectDeskItems(this.#statements, query));
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
