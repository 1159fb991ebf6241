import { Agent, request } from 'node:http';
import { decodeCbor, encodeCbor, encodeItem } from '../protocol/sync/codec';
import { ExchangeResponse, type ExchangeRequest } from '../protocol/sync/exchange';
import { CBOR_MIME, SYNC_PATHS } from '../protocol/sync/http';
import type { SyncItem } from '../protocol/sync/items';
import { derivedUuidv7, uuidv7 } from '../protocol/sync/uuid';

/** What a simulated vehicle sent and when the center answered, for the bench's checks. */
export interface Sent {
  vehicleId: string;
  seq: number;
  id: string;
  kind: 'position' | 'message';
  /** When the exchange that the center held it in was answered (performance.now() ms); undefined until then. */
  answeredAt?: number;
}

/**
 * A light vehicle for the load bench: the real sync protocol (CBOR exchanges with encoded
 * items, `Authorization: Bearer`, one keep-alive connection, as `main/core/sync/CenterClient`
 * does) without a console core. Items wait in `pending` until an answer holds them (by
 * `ack` or `accepted`), so a failed exchange sends them again, as a console would.
 */
export class LoadVehicle {
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });
  readonly #pending: Array<{ item: SyncItem; sent: Sent }> = [];
  #seq = 0;
  #downAck = 0;
  #inFlight: Promise<void> | undefined;
  #latitude = 30 + Math.random();
  readonly sent: Sent[] = [];
  /** Each answered exchange: when it started (performance.now() ms) and how long it took. */
  readonly latencies: Array<{ at: number; ms: number }> = [];
  failures = 0;
  refused = 0;

  constructor(
    readonly vehicleId: string,
    private readonly token: string,
    private readonly url: string,
  ) {}

  position(): void {
    const seq = ++this.#seq;
    const createdAt = Math.floor(Date.now() / 1000) * 1000;
    this.#latitude += 0.0001;
    this.#queue({
      kind: 'position',
      seq,
      id: derivedUuidv7(this.vehicleId, seq, createdAt),
      priority: 'routine',
      createdAt,
      body: { latitude: this.#latitude, longitude: 104.06, fix: '3d' },
    });
  }

  message(): void {
    const seq = ++this.#seq;
    const now = Date.now();
    this.#queue({
      kind: 'message',
      seq,
      id: uuidv7(now),
      priority: 'immediate',
      createdAt: Math.floor(now / 1000) * 1000,
      body: { text: `${this.vehicleId}: 现场情况稳定，继续巡查 ${seq}` },
    });
  }

  get pending(): number {
    return this.#pending.length;
  }

  /** One exchange with everything pending; while one is in flight, that one (new items go with the next). */
  exchange(): Promise<void> {
    this.#inFlight ??= this.#exchange().finally(() => (this.#inFlight = undefined));
    return this.#inFlight;
  }

  async #exchange(): Promise<void> {
    const batch = this.#pending.slice(0, 200);
    const body: ExchangeRequest = { v: 1, items: batch.map((p) => encodeItem(p.item)), downAck: this.#downAck };
    const started = performance.now();
    try {
      const response = await this.#post(encodeCbor(body));
      const answeredAt = performance.now();
      this.latencies.push({ at: started, ms: answeredAt - started });
      const held = new Set(response.accepted);
      this.refused += response.rejected.length;
      for (const entry of batch) {
        if (entry.item.seq <= response.ack || held.has(entry.item.seq)) {
          entry.sent.answeredAt ??= answeredAt;
          this.#pending.splice(this.#pending.indexOf(entry), 1);
        }
      }
    } catch {
      this.failures++;
    }
  }

  close(): void {
    this.#agent.destroy();
  }

  #queue(item: SyncItem): void {
    const sent: Sent = { vehicleId: this.vehicleId, seq: item.seq, id: item.id, kind: item.kind as Sent['kind'] };
    this.sent.push(sent);
    this.#pending.push({ item, sent });
  }

  #post(body: Uint8Array): Promise<ExchangeResponse> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(SYNC_PATHS.exchange, this.url),
        {
          method: 'POST',
          agent: this.#agent,
          headers: { authorization: `Bearer ${this.token}`, 'content-type': CBOR_MIME, 'content-length': String(body.length) },
          timeout: 30_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => {
            if (res.statusCode !== 200) return reject(new Error(`exchange answered ${res.statusCode}`));
            const parsed = ExchangeResponse.safeParse(decodeCbor(Buffer.concat(chunks)));
            if (parsed.success) resolve(parsed.data);
            else reject(new Error('exchange answer does not match the protocol'));
          });
          res.on('error', reject);
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      req.end(body);
    });
  }
}
