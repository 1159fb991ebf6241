import type { Readable } from 'node:stream';
import type { CenterRoute, RequestLimits } from '../../main/core/sync/CenterClient';
import { CenterRequestError } from '../../main/core/sync/CenterRequestError';
import type { SyncCenter } from '../../main/core/sync/SyncCenter';
import type { AttachmentCreate, AttachmentState } from '../../protocol/sync/attachments';
import { decodeItem, encodeItem } from '../../protocol/sync/codec';
import type { ExchangeRequest, ExchangeResponse, HelloResponse } from '../../protocol/sync/exchange';
import type { FleetAnswer } from '../../protocol/sync/fleet';
import type { SyncItem } from '../../protocol/sync/items';
import { uuidv7 } from '../../protocol/sync/uuid';

/** One request the engine made, as the center saw it. */
export interface CenterCall {
  method: 'hello' | 'exchange' | 'createAttachment' | 'patchAttachment';
  /** The link it went over: the first label of its base URL's host (`http://<linkId>.center.test`). */
  linkId: string;
  /** An exchange's items in the order sent (wire seqs); empty for the other requests. */
  items: SyncItem[];
  /** An exchange's downlink acknowledgement. */
  downAck?: number;
  downAckId?: string;
  /** An exchange's fleet revision, when it asked for other vehicles' positions. */
  fleetSince?: number;
  /** The engine stopped it (its signal) before the answer. */
  aborted: boolean;
}

/**
 * What a scripted rule makes of a request: fail it with this error, or answer only once
 * `until` settles (rejecting with "cancelled" if the engine stops it first, as the real
 * client does); the answer is the well-behaved center's.
 */
export type CenterOutcome = { fail: CenterRequestError } | { until: Promise<void> };

/** Decides a request, or returns undefined to leave it to the next rule (and at last to the well-behaved center). */
export type CenterRule = (call: CenterCall) => CenterOutcome | undefined;

const SERVER_TIME = 1_800_000_000_000;

/**
 * A center in memory for unit tests of the sync engine: it holds what it is sent by
 * wire seq (a seq that holds another record is refused `seq-taken`, as the real center
 * does), queues downlink for the vehicle, takes files, records every request, and
 * follows scripted rules (fail, or hold the answer) before behaving well.
 */
export class ScriptedCenter implements SyncCenter {
  readonly vehicleId: string;
  readonly calls: CenterCall[] = [];
  /** Wire seq → the record id held under it. */
  readonly held = new Map<number, string>();
  readonly down: SyncItem[] = [];
  readonly files = new Map<string, AttachmentState>();
  /** What an exchange that asks for the fleet (`fleetSince`) is answered; none asked, none sent. */
  fleet: FleetAnswer = { rev: 0, vehicles: [] };
  closed = 0;
  #rules: Array<{ rule: CenterRule; times: number }> = [];
  #waiters: Array<() => void> = [];

  constructor(vehicleId: string) {
    this.vehicleId = vehicleId;
  }

  /** Adds a rule, tried before those added later; it lapses after deciding `times` requests. */
  when(rule: CenterRule, times = Number.POSITIVE_INFINITY): void {
    this.#rules.push({ rule, times });
  }

  /** Queues an order for the vehicle; returns it. */
  order(text: string): SyncItem {
    const item: SyncItem = {
      kind: 'order',
      seq: this.down.length + 1,
      id: uuidv7(SERVER_TIME),
      priority: 'immediate',
      createdAt: SERVER_TIME,
      body: { text, from: 'desk', requireAck: true },
    };
    this.down.push(item);
    return item;
  }

  /** Highest contiguous seq held from 1. */
  get ack(): number {
    let ack = 0;
    while (this.held.has(ack + 1)) ack += 1;
    return ack;
  }

  /** Resolves with the calls once there are at least `count` (or fails naming what came). */
  async waitForCalls(count: number, timeoutMs = 2000): Promise<CenterCall[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.calls.length < count) {
      if (Date.now() > deadline) throw new Error(`expected ${count} calls, got ${this.calls.length}: ${this.describe()}`);
      await new Promise<void>((resolve) => {
        this.#waiters.push(resolve);
        setTimeout(resolve, 20);
      });
    }
    return this.calls;
  }

  /** The calls as `method@link[seqs]`, for assertions and failure messages. */
  describe(calls: readonly CenterCall[] = this.calls): string {
    return calls
      .map(
        (c) => `${c.method}@${c.linkId}${c.method === 'exchange' ? `[${c.items.map((i) => i.seq).join(',')}]` : ''}${c.aborted ? '!' : ''}`,
      )
      .join(' ');
  }

  async hello(route: CenterRoute, _limits: RequestLimits, signal?: AbortSignal): Promise<HelloResponse> {
    await this.#decide(this.#record('hello', route), signal);
    const highestSeq = Math.max(0, ...this.held.keys());
    return { vehicleId: this.vehicleId, name: 'MCV 7', ack: this.ack, highestSeq, downSeq: this.down.length, serverTime: SERVER_TIME };
  }

  async exchange(route: CenterRoute, request: ExchangeRequest, _limits: RequestLimits, signal?: AbortSignal): Promise<ExchangeResponse> {
    const items = request.items.map((bytes) => decodeItem(bytes, this.vehicleId));
    const call = this.#record('exchange', route, {
      items,
      downAck: request.downAck,
      ...(request.downAckId ? { downAckId: request.downAckId } : {}),
      ...(request.fleetSince !== undefined ? { fleetSince: request.fleetSince } : {}),
    });
    await this.#decide(call, signal);
    const accepted: number[] = [];
    const rejected: ExchangeResponse['rejected'] = [];
    for (const item of items) {
      const holder = this.held.get(item.seq);
      if (holder !== undefined && holder !== item.id) {
        rejected.push({ seq: item.seq, code: 'seq-taken', message: `seq ${item.seq} already holds a different item (${holder})` });
        continue;
      }
      this.held.set(item.seq, item.id);
      accepted.push(item.seq);
    }
    const down = this.down.filter((d) => d.seq > request.downAck).map(encodeItem);
    const fleet = request.fleetSince !== undefined ? { fleet: this.fleet } : {};
    return { ack: this.ack, accepted, rejected, deferred: [], down, moreDown: false, serverTime: SERVER_TIME, ...fleet };
  }

  async createAttachment(
    route: CenterRoute,
    create: AttachmentCreate,
    _limits: RequestLimits,
    signal?: AbortSignal,
  ): Promise<AttachmentState> {
    await this.#decide(this.#record('createAttachment', route), signal);
    const state = this.files.get(create.attachmentId) ?? {
      attachmentId: create.attachmentId,
      offset: 0,
      size: create.size,
      complete: create.size === 0,
    };
    this.files.set(create.attachmentId, state);
    return state;
  }

  async patchAttachment(
    route: CenterRoute,
    attachmentId: string,
    offset: number,
    body: Readable,
    _limits: RequestLimits,
    signal?: AbortSignal,
  ): Promise<AttachmentState> {
    await this.#decide(this.#record('patchAttachment', route), signal);
    let received = 0;
    for await (const chunk of body) received += (chunk as Buffer).length;
    const known = this.files.get(attachmentId);
    if (!known) throw CenterRequestError.fromStatus(404, 'not-found', `no upload ${attachmentId}`);
    const state = { ...known, offset: offset + received, complete: offset + received === known.size };
    this.files.set(attachmentId, state);
    return state;
  }

  close(): void {
    this.closed += 1;
  }

  #record(method: CenterCall['method'], route: CenterRoute, extra: Partial<CenterCall> = {}): CenterCall {
    const call: CenterCall = { method, linkId: new URL(route.baseUrl).hostname.split('.')[0]!, items: [], aborted: false, ...extra };
    this.calls.push(call);
    for (const wake of this.#waiters.splice(0)) wake();
    return call;
  }

  async #decide(call: CenterCall, signal: AbortSignal | undefined): Promise<void> {
    let outcome: CenterOutcome | undefined;
    for (const entry of this.#rules) {
      outcome = entry.times > 0 ? entry.rule(call) : undefined;
      if (!outcome) continue;
      entry.times -= 1;
      break;
    }
    if (!outcome) return;
    if ('fail' in outcome) throw outcome.fail;
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        call.aborted = true;
        reject(new CenterRequestError('transient', 'cancelled', 'cancelled'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      void outcome.until.then(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
