import { createHash } from 'node:crypto';
import { OFFSET_MIME, type AttachmentCreate } from '../../protocol/sync/attachments';
import { decodeItem, encodeCbor, encodeItem } from '../../protocol/sync/codec';
import type { ExchangeResponse } from '../../protocol/sync/exchange';
import { CBOR_MIME, SYNC_PATHS } from '../../protocol/sync/http';
import type { ReportBody } from '../../protocol/sync/incidents';
import type { AttachmentBody, Priority, SyncItem } from '../../protocol/sync/items';
import { uuidv7 } from '../../protocol/sync/uuid';
import { bearer, call, exchangeOk } from '../integration/center/centerHttp';

/** An uplink item before the vehicle numbers it. */
export type PlannedItem =
  | { kind: 'report'; id?: string; priority?: Priority; createdAt?: number; body: ReportBody }
  | { kind: 'attachment'; id?: string; priority?: Priority; createdAt?: number; body: AttachmentBody };

/**
 * A vehicle that files incident reports through the real center's sync API: it uploads
 * files (announce + one PATCH), numbers its items, keeps their wire bytes for replays, and
 * takes and acknowledges its downlink.
 */
export class ReportingVehicle {
  #seq = 0;
  #downAck = 0;
  readonly down: SyncItem[] = [];
  /** Every item's wire bytes by seq, so a test can send one again. */
  readonly sent = new Map<number, Uint8Array>();

  constructor(
    private readonly url: string,
    readonly id: string,
    private readonly token: string,
  ) {}

  /** Numbers and encodes items (the vehicle's outbox), without sending them. */
  encode(items: PlannedItem[]): Uint8Array[] {
    return items.map((item) => {
      const seq = ++this.#seq;
      const now = item.createdAt ?? Date.now();
      const wire = encodeItem({
        kind: item.kind,
        seq,
        id: item.id ?? uuidv7(now),
        priority: item.priority ?? 'immediate',
        createdAt: now,
        body: item.body,
      } as SyncItem);
      this.sent.set(seq, wire);
      return wire;
    });
  }

  /** One exchange with these wire items; the downlink taken and acknowledged next time. */
  async exchangeWire(wire: Uint8Array[]): Promise<ExchangeResponse> {
    const answer = await exchangeOk(this.url, this.token, { v: 1, items: wire, downAck: this.#downAck });
    const fresh = answer.down.map((bytes) => decodeItem(bytes, this.id));
    for (const item of fresh) this.#downAck = Math.max(this.#downAck, item.seq);
    this.down.push(...fresh);
    return answer;
  }

  send(items: PlannedItem[] = []): Promise<ExchangeResponse> {
    return this.exchangeWire(this.encode(items));
  }

  /** Uploads a whole file (under the id given: a thumbnail names its original before that is uploaded); returns the attachment item's body. */
  async upload(
    bytes: Uint8Array,
    name: string,
    mime: string,
    { attachmentId = uuidv7(), thumbnailOf }: { attachmentId?: string; thumbnailOf?: string } = {},
  ): Promise<AttachmentBody> {
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const create: AttachmentCreate = { attachmentId, size: bytes.length, sha256, name, mime };
    const created = await call(this.url, SYNC_PATHS.attachments, {
      method: 'POST',
      headers: { ...bearer(this.token), 'content-type': CBOR_MIME },
      body: encodeCbor(create),
    });
    if (created.status !== 201) throw new Error(`announce answered ${created.status}`);
    const patched = await call(this.url, `${SYNC_PATHS.attachments}/${attachmentId}`, {
      method: 'PATCH',
      headers: { ...bearer(this.token), 'content-type': OFFSET_MIME, 'upload-offset': '0' },
      body: bytes,
    });
    if (patched.status !== 200) throw new Error(`upload answered ${patched.status}`);
    return { attachmentId, name, mime, size: bytes.length, sha256, ...(thumbnailOf ? { thumbnailOf } : {}) };
  }
}
