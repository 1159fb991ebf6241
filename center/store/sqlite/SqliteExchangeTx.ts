import type { LinkSummary, VehicleQueue } from '../../../protocol/sync/exchange';
import type { OrderProgress } from '../../../protocol/sync/orderLifecycle';
import type {
  DeliveredDownlink,
  ExchangeTx,
  FleetChanges,
  NewUplinkItem,
  OrderStep,
  UploadRecord,
  VehiclePosition,
  VehicleSyncState,
} from '../CenterStore';
import type { IncidentExchangeTx } from '../IncidentStore';
import { insertReport, insertThumbnailLink } from './incidentWrites';
import type { DutyBody } from '../../../protocol/sync/duty';
import { applyDutyItem } from './dutyRows';
import { fleetAfter, writePosition } from './fleetRows';
import { insertStep, recipientByItem } from './orderRows';
import { bytes, type Statements } from './statements';
import { insertUplinkItem, noteArrival } from './uplinkRows';
import type { ArrivalPath } from '../../../protocol/sync/deskVia';
import { UPLOAD_SELECT, linksJson, syncStateOf, uploadOf, vehicleRow, type UploadRow } from './vehicleRows';

/**
 * The reads and writes of one exchange on the SQLite connection, used only while
 * `SqliteCenterStore.withExchange` holds its transaction open (`end()` then turns any
 * late call into an error rather than a write outside the transaction).
 */
export class SqliteExchangeTx implements ExchangeTx {
  readonly #statements: Statements;
  readonly #vehicleId: string;
  #open = true;
  readonly incidents: IncidentExchangeTx = {
    addReport: (report) => this.#run(() => insertReport(this.#statements, this.#vehicleId, report)),
    linkThumbnail: (originalId, thumbnailId) =>
      this.#run(() => insertThumbnailLink(this.#statements, this.#vehicleId, originalId, thumbnailId)),
  };

  constructor(statements: Statements, vehicleId: string) {
    this.#statements = statements;
    this.#vehicleId = vehicleId;
  }

  end(): void {
    this.#open = false;
  }

  #run<T>(fn: () => T): Promise<T> {
    if (!this.#open) return Promise.reject(new Error('exchange unit used after it ended'));
    try {
      return Promise.resolve(fn());
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  }

  vehicle(): Promise<VehicleSyncState> {
    return this.#run(() => {
      const row = vehicleRow(this.#statements, this.#vehicleId);
      if (!row) throw new Error(`no vehicle ${this.#vehicleId}`);
      return syncStateOf(row, this.#statements);
    });
  }

  itemBySeq(seq: number): Promise<{ id: string; digest: Uint8Array } | undefined> {
    return this.#run(() => {
      const row = this.#statements.get('SELECT id, digest FROM uplink_items WHERE vehicle_id = ? AND seq = ?').get(this.#vehicleId, seq) as
        { id: string; digest: unknown } | undefined;
      return row ? { id: row.id, digest: bytes(row.digest) } : undefined;
    });
  }

  itemById(id: string): Promise<{ seq: number } | undefined> {
    return this.#run(
      () =>
        this.#statements.get('SELECT seq FROM uplink_items WHERE vehicle_id = ? AND id = ?').get(this.#vehicleId, id) as
          { seq: number } | undefined,
    );
  }

  upload(attachmentId: string): Promise<UploadRecord | undefined> {
    return this.#run(() => {
      const row = this.#statements.get(UPLOAD_SELECT).get(this.#vehicleId, attachmentId) as UploadRow | undefined;
      return row ? uploadOf(row) : undefined;
    });
  }

  insertItem(item: NewUplinkItem): Promise<number> {
    return this.#run(() => insertUplinkItem(this.#statements, this.#vehicleId, item));
  }

  noteArrival(seq: number, path: ArrivalPath, at: number): Promise<void> {
    return this.#run(() => noteArrival(this.#statements, this.#vehicleId, seq, path, at));
  }

  setPosition(position: VehiclePosition): Promise<void> {
    return this.#run(() => {
      writePosition(this.#statements, this.#vehicleId, position);
    });
  }

  fleetAfter(since: number, limit: number): Promise<FleetChanges> {
    return this.#run(() => fleetAfter(this.#statements, this.#vehicleId, since, limit));
  }

  setLinks(links: readonly LinkSummary[], at: number): Promise<void> {
    return this.#run(() => {
      this.#statements.get('UPDATE vehicles SET links_json = ?, links_at = ? WHERE id = ?').run(linksJson(links), at, this.#vehicleId);
    });
  }

  setContact(at: number): Promise<void> {
    return this.#run(() => {
      this.#statements.get('UPDATE vehicles SET last_contact_at = ? WHERE id = ?').run(at, this.#vehicleId);
    });
  }

  advanceAck(): Promise<number> {
    return this.#run(() => {
      const { up_ack: from } = this.#statements.get('SELECT up_ack FROM vehicles WHERE id = ?').get(this.#vehicleId) as { up_ack: number };
      // Walk the unique (vehicle_id, seq) index from the current ack; each step is one lookup.
      const held = this.#statements.get('SELECT 1 FROM uplink_items WHERE vehicle_id = ? AND seq = ?');
      let ack = from;
      while (held.get(this.#vehicleId, ack + 1)) ack++;
      if (ack !== from) this.#statements.get('UPDATE vehicles SET up_ack = ? WHERE id = ?').run(ack, this.#vehicleId);
      return ack;
    });
  }

  markDelivered(seq: number, at: number): Promise<DeliveredDownlink[]> {
    return this.#run(() => {
      const marked = this.#statements
        .get(
          `UPDATE downlink_items SET delivered_at = ? WHERE vehicle_id = ? AND seq <= ? AND delivered_at IS NULL
           RETURNING seq, id, kind, priority`,
        )
        .all(at, this.#vehicleId, seq) as DeliveredDownlink[];
      this.#statements.get('UPDATE vehicles SET down_acked = MAX(down_acked, ?) WHERE id = ?').run(seq, this.#vehicleId);
      // RETURNING gives rows in no promised order; the feed announces them oldest first.
      return marked.sort((a, b) => a.seq - b.seq);
    });
  }

  downlinkAfter(after: number, limit: number): Promise<Array<{ seq: number; wire: Uint8Array }>> {
    return this.#run(() => {
      const rows = this.#statements
        .get('SELECT seq, wire FROM downlink_items WHERE vehicle_id = ? AND seq > ? ORDER BY seq LIMIT ?')
        .all(this.#vehicleId, after, limit) as Array<{ seq: number; wire: unknown }>;
      return rows.map((row) => ({ seq: row.seq, wire: bytes(row.wire) }));
    });
  }

  setQueue(queue: VehicleQueue, at: number): Promise<void> {
    return this.#run(() => {
      this.#statements.get('UPDATE vehicles SET queue_json = ?, queue_at = ? WHERE id = ?').run(JSON.stringify(queue), at, this.#vehicleId);
    });
  }

  orderRecipient(itemId: string): Promise<{ orderId: string; state: OrderProgress; cancelled: boolean } | undefined> {
    return this.#run(() => recipientByItem(this.#statements, this.#vehicleId, itemId));
  }

  addOrderStep(itemId: string, step: OrderStep): Promise<void> {
    return this.#run(() => insertStep(this.#statements, itemId, step));
  }

  markDownlinkRead(itemIds: readonly string[], at: number): Promise<void> {
    return this.#run(() => {
      this.#statements
        .get('UPDATE downlink_items SET read_at = ? WHERE vehicle_id = ? AND read_at IS NULL AND id IN (SELECT value FROM json_each(?))')
        .run(at, this.#vehicleId, JSON.stringify(itemIds));
    });
  }

  applyDuty(body: DutyBody, itemId: string, createdAt: number): Promise<void> {
    return this.#run(() => applyDutyItem(this.#statements, this.#vehicleId, body, itemId, createdAt));
  }
}
