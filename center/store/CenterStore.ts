import type { GroupName, StaffRole } from '../../protocol/sync/access';
import type { CredentialRole } from '../../protocol/sync/credentials';
import type { ConversationResponse, DeskItem, DeskOrder, DeskVehicle } from '../../protocol/sync/desk';
import type { LinkSummary, VehicleQueue } from '../../protocol/sync/exchange';
import type { FleetVehiclePosition } from '../../protocol/sync/fleet';
import type { CrewOrderState, ItemKind, Place, Priority } from '../../protocol/sync/items';
import type { OrderProgress } from '../../protocol/sync/orderLifecycle';
import type { ArrivalPath } from '../../protocol/sync/deskVia';
import type { IncidentExchangeTx, IncidentStore } from './IncidentStore';
import type { DutyExchangeTx, DutyStore } from './DutyStore';
import type { IridiumStore } from './IridiumStore';

/**
 * What the center keeps, at the level of its domain: credentials, each vehicle's sync
 * state, the uplink items it holds, the downlink queue, attachment uploads, and the
 * desk's views. Every method returns a Promise so that a PostgreSQL implementation
 * (a pool, real network round trips) can take the SQLite one's place without touching
 * HTTP, ingest or the CLI. The rules (what is a conflict, what advances an ack) live in
 * `center/ingest`; a store only keeps data and makes a unit of work atomic.
 *
 * Errors: a full disk is a `StoreFullError` (HTTP 507); a duplicate id on create is a
 * `DuplicateIdError`; anything else is a bug or a broken database (HTTP 500).
 */
export interface CenterStore {
  /** Where the data lives, for messages (a file path, or a redacted connection string). */
  readonly location: string;
  /** The duty log (值班值守): vehicles' and the center's own (DutyStore.ts). */
  readonly duty: DutyStore;
  /** Iridium SBD: IMEI mapping, MO deliveries, MT messages (IridiumStore.ts). */
  readonly iridium: IridiumStore;

  // ── credentials ───────────────────────────────────────────────────────────────
  /** Creates a credential (and, for a vehicle, its empty sync state). Throws DuplicateIdError when the id is taken, revoked or not. */
  addCredential(credential: NewCredential): Promise<void>;
  getCredential(role: CredentialRole, id: string): Promise<CredentialRecord | undefined>;
  listCredentials(role: CredentialRole): Promise<CredentialRecord[]>;
  /** Marks a credential revoked; false when there is no such credential. Revoking twice keeps the first time. */
  revokeCredential(role: CredentialRole, id: string, at: number): Promise<boolean>;

  // ── access: staff roles and vehicle groups ────────────────────────────────────
  /**
   * Changes a credential's groups (replaced as a whole) and, for staff, role, atomically;
   * false when there is no such credential. A `staffRole` for a vehicle is a bug (throws).
   */
  setAccess(role: CredentialRole, id: string, change: AccessChange): Promise<boolean>;
  /** Ids of the vehicles (revoked ones too: their items stay on the desk) in at least one of `groups`, sorted. */
  vehiclesInGroups(groups: readonly GroupName[]): Promise<string[]>;
  /** Every group in use, with how many active vehicles and staff are in it, by name. */
  groupUsage(): Promise<GroupUsage[]>;

  // ── uplink ────────────────────────────────────────────────────────────────────
  /** A vehicle's sync state (undefined for an unknown vehicle). */
  vehicleState(vehicleId: string): Promise<VehicleSyncState | undefined>;
  /** Records an authenticated request from the vehicle. */
  touchVehicle(vehicleId: string, at: number): Promise<void>;
  /**
   * Runs `work` as one atomic unit for this vehicle: everything it writes commits
   * together, or (when it throws) nothing does. Units for the same vehicle never
   * interleave. Resolves after the commit is durable.
   */
  withExchange<T>(vehicleId: string, work: (tx: ExchangeTx) => Promise<T>): Promise<T>;

  // ── downlink ──────────────────────────────────────────────────────────────────
  /**
   * Queues one downlink item for each vehicle, atomically: `build` is called with the
   * vehicle's next downlink sequence and returns the item to store.
   */
  queueDownlink(vehicleIds: readonly string[], build: (vehicleId: string, seq: number) => NewDownlinkItem): Promise<QueuedDownlinkRecord[]>;
  /** A vehicle's downlink items, oldest first. */
  listDownlink(vehicleId: string): Promise<DownlinkRecord[]>;

  // ── attachments ───────────────────────────────────────────────────────────────
  /** Creates the upload unless one with this id exists; returns what is stored now (compare to see which). */
  createUpload(upload: NewUpload): Promise<UploadRecord>;
  getUpload(vehicleId: string, attachmentId: string): Promise<UploadRecord | undefined>;
  /** Records the bytes durably in the upload's file. Never call with more than are synced to disk. */
  setUploadOffset(vehicleId: string, attachmentId: string, offset: number): Promise<void>;
  completeUpload(vehicleId: string, attachmentId: string, at: number): Promise<void>;
  incompleteUploads(): Promise<UploadRecord[]>;

  // ── orders ────────────────────────────────────────────────────────────────────
  /**
   * Stores an order and queues its copy to each vehicle, atomically: `build` makes the
   * vehicle's downlink item (its own id) for its next downlink sequence.
   */
  createOrder(
    order: NewOrder,
    vehicleIds: readonly string[],
    build: (vehicleId: string, seq: number) => NewDownlinkItem,
  ): Promise<QueuedDownlinkRecord[]>;
  /**
   * Marks an order cancelled and queues, atomically, `build`'s item to each recipient that
   * has not finished it. Undefined when there is no such order; cancelling twice keeps the first.
   */
  cancelOrder(
    orderId: string,
    cancel: { by: string; reason?: string | undefined; at: number },
    build: (vehicleId: string, seq: number, orderItemId: string) => NewDownlinkItem,
  ): Promise<QueuedDownlinkRecord[] | undefined>;
  /** Orders, newest first, each with its recipients and their steps; `now` decides what is overdue. */
  deskOrders(filter: DeskOrdersFilter, now: number): Promise<DeskOrder[]>;

  // ── conversation ──────────────────────────────────────────────────────────────
  /** The latest `limit` messages both ways with one vehicle, oldest first, and its unread count. */
  conversation(vehicleId: string, limit: number): Promise<ConversationResponse>;
  /**
   * Marks the vehicle's messages among `ids` read by `by` and queues, atomically, `build`'s
   * receipt naming those that were unread. Returns how many were.
   */
  markRead(
    vehicleId: string,
    ids: readonly string[],
    by: string,
    at: number,
    build: (seq: number, newlyRead: readonly string[]) => NewDownlinkItem,
  ): Promise<number>;

  /** Incidents and their report chains (IncidentStore.ts). */
  readonly incidents: IncidentStore;

  // ── desk ──────────────────────────────────────────────────────────────────────
  /** Active (not revoked) vehicles with what the desk shows of them; `now` decides what is overdue. */
  deskVehicles(now?: number): Promise<DeskVehicle[]>;
  /** One vehicle as `deskVehicles` shows it (revoked ones too), for the live feed; undefined when unknown. */
  deskVehicle(vehicleId: string, now?: number): Promise<DeskVehicle | undefined>;
  /** Received items in ingest order after `after`, optionally of one vehicle or kind. */
  deskItems(query: DeskItemsFilter): Promise<DeskItem[]>;

  /** Closes the store; idempotent. */
  close(): Promise<void>;
}

/** What moved in the fleet after a revision (protocol/sync/fleet.ts). */
export interface FleetChanges {
  /** Each vehicle once, with its latest position and the revision it took; `revoked` ones are to be dropped. */
  vehicles: Array<FleetVehiclePosition & { rev: number; revoked: boolean }>;
  /** The highest fleet revision of all vehicles (0: no position yet). */
  top: number;
}

/** Reads and writes of one exchange, inside the unit of work of `CenterStore.withExchange`. */
export interface ExchangeTx extends DutyExchangeTx {
  vehicle(): Promise<VehicleSyncState>;
  itemBySeq(seq: number): Promise<{ id: string; digest: Uint8Array } | undefined>;
  itemById(id: string): Promise<{ seq: number } | undefined>;
  upload(attachmentId: string): Promise<UploadRecord | undefined>;
  /** Stores an item; returns its ingest cursor (the desk's paging key). */
  insertItem(item: NewUplinkItem): Promise<number>;
  /** A held item came again by `path`: when that is not the path it first came by, the first such time is kept. */
  noteArrival(seq: number, path: ArrivalPath, at: number): Promise<void>;
  /** Sets the vehicle's last position; it takes the next fleet revision (fleetAfter). */
  setPosition(position: VehiclePosition): Promise<void>;
  /** Other vehicles whose position changed (or that were revoked) after fleet revision `since`, oldest change first, at most `limit`. */
  fleetAfter(since: number, limit: number): Promise<FleetChanges>;
  setLinks(links: readonly LinkSummary[], at: number): Promise<void>;
  /** What the vehicle reported waiting in its outbox. */
  setQueue(queue: VehicleQueue, at: number): Promise<void>;
  setContact(at: number): Promise<void>;
  /** Moves `upAck` up through every held sequence after it; returns the new value. */
  advanceAck(): Promise<number>;
  /** Marks downlink items up to `seq` delivered at `at` (those not delivered before); returns those it marked. */
  markDelivered(seq: number, at: number): Promise<DeliveredDownlink[]>;
  /** Downlink items with a sequence above `after`, oldest first, at most `limit`. */
  downlinkAfter(after: number, limit: number): Promise<Array<{ seq: number; wire: Uint8Array }>>;
  /** This vehicle's copy of an order (by its downlink item id), with where it stands. */
  orderRecipient(itemId: string): Promise<{ orderId: string; state: OrderProgress; cancelled: boolean } | undefined>;
  /** Records a crew step on this vehicle's copy of an order. */
  addOrderStep(itemId: string, step: OrderStep): Promise<void>;
  /** The crew read these downlink items (their receipt); the first time counts. */
  markDownlinkRead(itemIds: readonly string[], at: number): Promise<void>;
  /** Reports and thumbnails (IncidentStore.ts). */
  readonly incidents: IncidentExchangeTx;
}

interface NewCredentialBase {
  id: string;
  name: string;
  /** SHA-256 of the whole token; the token itself is never stored. */
  tokenSha256: Uint8Array;
  createdAt: number;
  /** Vehicle groups the vehicle or staff member is in; none when absent. */
  groups?: readonly GroupName[];
}

/**
 * A credential to create. Staff must be given a role: there is no silent default at this
 * level, so code that creates staff says whether they see everything (`admin`) or only
 * their groups (`desk`). The CLI's default is `desk`.
 */
export type NewCredential = (NewCredentialBase & { role: 'vehicle' }) | (NewCredentialBase & { role: 'staff'; staffRole: StaffRole });

export interface CredentialRecord {
  role: CredentialRole;
  id: string;
  name: string;
  tokenSha256: Uint8Array;
  createdAt: number;
  revokedAt: number | null;
  /** Sorted. */
  groups: GroupName[];
  /** A staff member's role; null for a vehicle. */
  staffRole: StaffRole | null;
}

/** What `setAccess` changes; an absent field stays as it is. */
export interface AccessChange {
  groups?: readonly GroupName[] | undefined;
  staffRole?: StaffRole | undefined;
}

export interface GroupUsage {
  group: GroupName;
  /** Active (not revoked) vehicles in the group. */
  vehicles: number;
  /** Active staff in the group. */
  staff: number;
}

export interface VehiclePosition {
  latitude: number;
  longitude: number;
  fix: '2d' | '3d';
  /** When the fix was taken (the item's createdAt), ms. */
  at: number;
}

export interface VehicleSyncState {
  id: string;
  name: string;
  revoked: boolean;
  /** Highest contiguous uplink sequence held. */
  upAck: number;
  /** Highest uplink sequence held at all. */
  highestSeq: number;
  /** Highest downlink sequence queued. */
  downSeq: number;
  /** Highest downlink sequence the vehicle acknowledged. */
  downAcked: number;
  lastContactAt: number | null;
  position: VehiclePosition | null;
}

export interface NewUplinkItem {
  seq: number;
  id: string;
  kind: ItemKind;
  priority: Priority;
  createdAt: number;
  receivedAt: number;
  /** SHA-256 of `wire`: a replay must carry the same bytes. */
  digest: Uint8Array;
  wire: Uint8Array;
  /** The decoded body, for the desk. */
  body: Record<string, unknown>;
  /** The path it came by. */
  arrival: UplinkArrival;
}

/** How an exchange reached the center: an HTTP exchange, or an Iridium MO session through DirectIP (protocol/sync/deskVia.ts). */
export type UplinkArrival = { path: 'ip' } | { path: 'sbd'; cdrReference: number; momsn: number; sessionAt: number };

export interface NewDownlinkItem {
  id: string;
  kind: ItemKind;
  priority: Priority;
  createdAt: number;
  wire: Uint8Array;
  body: Record<string, unknown>;
}

export interface DownlinkRecord extends NewDownlinkItem {
  seq: number;
  deliveredAt: number | null;
}

export interface DeliveredDownlink {
  seq: number;
  id: string;
  kind: ItemKind;
  priority: Priority;
}

export interface QueuedDownlinkRecord {
  vehicleId: string;
  seq: number;
  id: string;
}

export interface NewUpload {
  vehicleId: string;
  attachmentId: string;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  createdAt: number;
}

export interface UploadRecord extends NewUpload {
  /** Bytes durably in the upload's file. */
  offset: number;
  completedAt: number | null;
}

export interface DeskItemsFilter {
  after: number;
  limit: number;
  kind?: ItemKind | undefined;
  vehicleId?: string | undefined;
  /** Only items of these vehicles (a desk staff member's visible ones); all vehicles when absent. */
  vehicleIds?: readonly string[] | undefined;
}

export interface NewOrder {
  id: string;
  text: string;
  priority: Priority;
  requireAck: boolean;
  fromName: string;
  fromId: string;
  createdAt: number;
  deadline?: number | undefined;
  target?: Place | undefined;
}

export interface OrderStep {
  state: CrewOrderState;
  /** When the crew took it (the item's createdAt). */
  at: number;
  /** The vehicle's name. */
  by: string;
  reason?: string | undefined;
  /** The uplink item that reported the step (its path shows on the desk). */
  uplinkId?: string | undefined;
}

export interface DeskOrdersFilter {
  orderId?: string | undefined;
  vehicleId?: string | undefined;
  /** Only orders not cancelled with a recipient not finished. */
  open?: boolean;
  limit: number;
}
