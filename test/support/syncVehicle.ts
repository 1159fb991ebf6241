import { decodeItem } from '../../protocol/sync/codec';
import type { LinkSummary } from '../../protocol/sync/exchange';
import { encodeItem } from '../../protocol/sync/codec';
import type { SyncItem } from '../../protocol/sync/items';
import { derivedUuidv7, uuidv7 } from '../../protocol/sync/uuid';
import { exchangeOk } from '../integration/center/centerHttp';

type Uplink =
  | { kind: 'message'; body: { text: string } }
  | { kind: 'position'; body: { latitude: number; longitude: number; fix: '2d' | '3d' } }
  | { kind: 'order-state'; body: { orderId: string; state: 'acknowledged' | 'in-progress' | 'done' | 'cannot-do'; reason?: string } };

/**
 * A vehicle reduced to its sync: it numbers what it sends, reports its links, takes the
 * downlink and acknowledges it — enough to give the desk a real fleet to show, through the
 * real center's sync API.
 */
export class SyncVehicle {
  #seq = 0;
  #downAck = 0;
  /** Downlink items received, oldest first. */
  readonly down: SyncItem[] = [];

  constructor(
    private readonly url: string,
    readonly id: string,
    private readonly token: string,
    public links: LinkSummary[],
  ) {}

  /** One exchange: the items given, the links, the downlink acknowledged. Returns the new downlink items. */
  async exchange(items: Uplink[] = []): Promise<SyncItem[]> {
    const now = Date.now();
    const wire = items.map((item) => {
      const seq = ++this.#seq;
      const id = item.kind === 'position' ? derivedUuidv7(this.id, seq, now) : uuidv7(now);
      const priority = item.kind === 'order-state' ? 'immediate' : item.kind === 'position' ? 'routine' : 'priority';
      return encodeItem({ ...item, seq, id, priority, createdAt: now } as SyncItem);
    });
    const answer = await exchangeOk(this.url, this.token, { v: 1, items: wire, downAck: this.#downAck, links: this.links });
    const fresh = answer.down.map((bytes) => decodeItem(bytes, this.id));
    for (const item of fresh) this.#downAck = Math.max(this.#downAck, item.seq);
    this.down.push(...fresh);
    return fresh;
  }
}
