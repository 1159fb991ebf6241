import type { SbdSendStatus } from '../../../../protocol/api/syncStatus';
import type { Priority } from '../../../../protocol/sync/items';
import { storeDownlink, type DownlinkEntry } from '../../store/inboxRepo';
import type { Store } from '../../store/Store';
import type { SyncVehicleState } from '../../store/syncStateRepo';
import type { SbdLaneLike, SyncEngineEvents } from '../syncEngineTypes';
import type { IpState } from './SbdLane';

/** What the bridge needs of the sync engine: closures over its state and its signals (SyncEngine.ts). */
export interface SbdBridgeHost {
  store: Store;
  now: () => number;
  /** The vehicle's id at the center; none without a center. */
  vehicleId: string | undefined;
  /** What the last hello and exchanges left (undefined before the first hello). */
  vehicle: () => SyncVehicleState | undefined;
  /** Downlink stored out of band moved the ack to `downAck`: the engine keeps it and acknowledges it by IP soon. */
  downlinkStored: (downAck: number) => void;
  ipState: (priority: Priority) => IpState;
  /** Messages of these items changed (TryRecorder.announce). */
  announceItems: (seqs: readonly number[]) => void;
  /** New inbox items and what changed, for the UI (the same events an IP exchange gives). */
  announceDownlink: (added: SyncEngineEvents['inbox'][0], changed: SyncEngineEvents['exchanged'][0]) => void;
  statusChanged: () => void;
  wake: () => void;
  withStore: <T>(work: () => T) => T;
}

/**
 * The sync engine's side of the Iridium SBD lane (wireSbd.ts): what the lane asks of the
 * engine (can IP carry this priority, the vehicle's wire identity), what it tells it
 * (items sent outside an exchange), and the downlink that came by Iridium MT rather than
 * by an IP exchange. The engine keeps the IP loop; this keeps the lane attached to it.
 */
export class SbdBridge {
  readonly #host: SbdBridgeHost;
  #lane: SbdLaneLike | undefined;

  constructor(host: SbdBridgeHost) {
    this.#host = host;
  }

  /** Sends by Iridium SBD what IP cannot carry (wireSbd attaches it when a center is configured). */
  attach(lane: SbdLaneLike): void {
    this.#lane = lane;
  }

  /** Whether IP can carry items of `priority` now (the Iridium lane asks). */
  ipState(priority: Priority): IpState {
    return this.#host.ipState(priority);
  }

  /** The vehicle's id at the center and its seq offset on the wire (0 before the first hello); none without a center. */
  wireIdentity(): { vehicleId: string; seqOffset: number } | undefined {
    const vehicleId = this.#host.vehicleId;
    return vehicleId === undefined ? undefined : { vehicleId, seqOffset: this.#host.vehicle()?.seqOffset ?? 0 };
  }

  /** Items changed outside an exchange (sent by SBD): their messages change on screen. */
  itemsChanged(seqs: readonly number[]): void {
    this.#host.announceItems(seqs);
    if (seqs.length > 0) this.#host.announceDownlink([], { changedSeqs: [...seqs], incidentIds: [], reportAcks: [] });
    this.#host.statusChanged();
  }

  /**
   * Downlink that came another way (Iridium MT), possibly out of order: kept and applied
   * by id; the ack moves only over a contiguous run, and the next IP exchange acknowledges it.
   */
  takeDownlink(entries: readonly DownlinkEntry[]): void {
    const host = this.#host;
    const vehicle = host.vehicle();
    if (!vehicle || entries.length === 0) return;
    const stored = host.withStore(() => storeDownlink(host.store.db, vehicle.vehicleId, entries, host.now(), true));
    host.downlinkStored(stored.downAck);
    host.announceDownlink(stored.added, { ...stored, changedSeqs: stored.readSeqs });
    host.wake();
  }

  // ---- what the engine forwards to the lane ------------------------------

  wake(): void {
    this.#lane?.wake();
  }

  onPolicy(): void {
    this.#lane?.onPolicy();
  }

  /** Items changed state (delivered, parked, queued again): the lane's count of items awaiting confirmation is stale. */
  itemsSettled(): void {
    this.#lane?.itemsSettled();
  }

  /** The lane's figures for the Sync view; none without a lane. */
  view(): SbdSendStatus | null | undefined {
    return this.#lane?.view();
  }

  close(): void {
    this.#lane?.close();
  }
}
