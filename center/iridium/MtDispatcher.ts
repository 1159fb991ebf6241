import type { Logger } from '../../platform/log/logger';
import { MT_FLAGS, encodeMtMessage } from '../../protocol/sbd/directIpMt';
import { mtConfirmationMeaning, mtQueued } from '../../protocol/sbd/directIpStatus';
import type { DirectIpConfig } from '../../protocol/sbd/iridiumConfig';
import { SBD_FRAME_BYTES, SBD_MT_MAX_BYTES, encodeSbdPayload, framedItemBytes } from '../../protocol/sbd/sbdPayload';
import { PRIORITY_RANK, type Priority } from '../../protocol/sync/items';
import type { CenterStore } from '../store/CenterStore';
import type { MtCandidate } from '../store/IridiumStore';
import { sendMtMessage, type MtGateway } from './DirectIpMtClient';

/** Refusals that another try cannot cure (the IMEI, the payload, our setup): the item waits for IP instead. */
export const FINAL_MT_STATUSES: readonly number[] = [-1, -2, -3, -4, -7, -8, -9, -10, -11, -12];
/** After a transient failure (no answer, queue full, resources) an item may go again this much later. */
const RETRY_AFTER_MS = 5 * 60_000;
/** DirectIP MT priority: 1 highest … 5 lowest, by the most urgent item in the message. */
const MT_PRIORITY: Readonly<Record<Priority, number>> = { flash: 1, immediate: 2, priority: 3, routine: 4, bulk: 5 };

export interface MtDispatcherOptions {
  store: CenterStore;
  gateway: MtGateway;
  rule: DirectIpConfig['mtRule'];
  log: Logger;
  now?: () => number;
}

/**
 * Sends downlink items (orders, cancellations, receipts …) by Iridium MT to vehicles that
 * cannot be reached over IP, and records the gateway's answer per message. The rule, kept
 * small on purpose: an undelivered item of the configured priorities (flash and immediate
 * by default) goes by MT when its vehicle has an IMEI and has not exchanged over IP for
 * `quietSeconds` (or was last heard only through an MO). The item stays in the vehicle's
 * downlink queue all the same: the console keeps items by id, so one that comes both by
 * SBD and over IP is applied once, and it counts as delivered only when the vehicle
 * acknowledges it. Items too large for one MT message are left for IP, never split.
 */
export class MtDispatcher {
  readonly #options: MtDispatcherOptions;
  readonly #now: () => number;
  readonly #tooLarge = new Set<string>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<number> | undefined;
  #closed = false;

  constructor(options: MtDispatcherOptions) {
    this.#options = options;
    this.#now = options.now ?? Date.now;
  }

  /** Checks every `rule.checkSeconds` until closed. */
  start(): void {
    if (this.#timer || this.#closed) return;
    this.#timer = setInterval(() => void this.runOnce(), this.#options.rule.checkSeconds * 1000);
  }

  /** One round of the rule; resolves with the MT messages sent. Rounds never overlap. */
  runOnce(): Promise<number> {
    this.#running ??= this.#round()
      .catch((error: unknown) => {
        this.#options.log.error('Iridium MT: a round failed', error);
        return 0;
      })
      .finally(() => (this.#running = undefined));
    return this.#running;
  }

  async #round(): Promise<number> {
    const { store, rule } = this.#options;
    const now = this.#now();
    const candidates = await store.iridium.mtCandidates({
      priorities: rule.priorities,
      quietBefore: now - rule.quietSeconds * 1000,
      retryBefore: now - RETRY_AFTER_MS,
      finalStatuses: FINAL_MT_STATUSES,
    });
    let sent = 0;
    for (const batch of this.#batches(candidates)) {
      if (this.#closed) break;
      await this.#send(batch);
      sent++;
    }
    return sent;
  }

  /** Per vehicle, items in downlink order packed into as few MT payloads as fit; oversized ones left for IP. */
  #batches(candidates: readonly MtCandidate[]): MtCandidate[][] {
    const batches: MtCandidate[][] = [];
    let current: MtCandidate[] = [];
    let size = SBD_FRAME_BYTES;
    for (const item of candidates) {
      const framed = framedItemBytes(item.wire.length);
      if (SBD_FRAME_BYTES + framed > SBD_MT_MAX_BYTES) {
        if (!this.#tooLarge.has(item.id))
          this.#options.log.info(
            `Iridium MT: ${item.kind} ${item.id} for ${item.vehicleId} is ${item.wire.length} bytes, too large for one MT message; it waits for IP`,
          );
        this.#tooLarge.add(item.id);
        continue;
      }
      const sameVehicle = current.length > 0 && current[0]!.vehicleId === item.vehicleId;
      if (!sameVehicle || size + framed > SBD_MT_MAX_BYTES) {
        if (current.length > 0) batches.push(current);
        current = [];
        size = SBD_FRAME_BYTES;
      }
      current.push(item);
      size += framed;
    }
    if (current.length > 0) batches.push(current);
    return batches;
  }

  async #send(batch: readonly MtCandidate[]): Promise<void> {
    const { store, gateway, log } = this.#options;
    const { vehicleId, imei } = batch[0]!;
    const payload = encodeSbdPayload(
      'mt',
      vehicleId,
      batch.map((item) => item.wire),
    );
    const urgent = batch.reduce((a, b) => (PRIORITY_RANK[b.priority] < PRIORITY_RANK[a.priority] ? b : a)).priority;
    const priority = MT_PRIORITY[urgent];
    const clientMessageId = await store.iridium.createMt({
      vehicleId,
      imei,
      itemIds: batch.map((item) => item.id),
      payloadBytes: payload.length,
      priority,
      createdAt: this.#now(),
    });
    const what = `MT ${clientMessageId} to ${vehicleId} (IMEI ${imei}, ${batch.length} items, ${payload.length} bytes)`;
    try {
      const message = encodeMtMessage({
        clientMessageId,
        imei,
        flags: urgent === 'flash' ? MT_FLAGS.highPriority : 0,
        payload,
        priority,
      });
      const confirmation = await sendMtMessage(gateway, message);
      if (confirmation.clientMessageId !== clientMessageId)
        throw new Error(`the gateway confirmed message ${confirmation.clientMessageId}, not ${clientMessageId}`);
      await store.iridium.confirmMt(clientMessageId, {
        status: confirmation.status,
        autoIdReference: confirmation.autoIdReference,
        at: this.#now(),
      });
      const meaning = mtConfirmationMeaning(confirmation.status);
      if (mtQueued(confirmation.status)) log.info(`Iridium ${what}: ${meaning}`);
      else log.warn(`Iridium ${what} refused by the gateway (${confirmation.status}): ${meaning}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await store.iridium.failMt(clientMessageId, reason, this.#now());
      log.warn(`Iridium ${what}: not sent: ${reason}`);
    }
  }

  /** Stops the timer and waits for a round in flight; idempotent. */
  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.#running;
  }
}
