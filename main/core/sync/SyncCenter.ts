import type { Readable } from 'node:stream';
import type { AttachmentCreate, AttachmentState } from '../../../protocol/sync/attachments';
import type { ExchangeRequest, ExchangeResponse, HelloResponse } from '../../../protocol/sync/exchange';
import type { CenterRoute, RequestLimits } from './CenterClient';

/**
 * The center as the sync engine sees it: the requests `SyncEngine`, `greetCenter`,
 * `UploadLane` and `AttachmentUpload` make. `CenterClient` is the real one (HTTP(S),
 * CBOR); unit tests pass a scripted one (`test/support/scriptedCenter.ts`).
 *
 * Contract: every failure rejects with a CenterRequestError saying what kind of failure
 * it is (the engine's retry, park and pause decisions read `kind` and `code`); an abort
 * through `signal` rejects with the `transient` error "cancelled"; answers are checked
 * against their schema before they resolve.
 */
export interface SyncCenter {
  hello(route: CenterRoute, limits: RequestLimits, signal?: AbortSignal): Promise<HelloResponse>;
  exchange(route: CenterRoute, request: ExchangeRequest, limits: RequestLimits, signal?: AbortSignal): Promise<ExchangeResponse>;
  /** On a stream route: wire bytes per byte of request so far (deflate), to size what is on its way; 1 when unknown. */
  wireRatio?(route: CenterRoute): number;
  /** Idempotent: answers where the center stands with this file. */
  createAttachment(route: CenterRoute, create: AttachmentCreate, limits: RequestLimits, signal?: AbortSignal): Promise<AttachmentState>;
  /** Streams `body` (the file from `offset`); the answer says where the center stands. */
  patchAttachment(
    route: CenterRoute,
    attachmentId: string,
    offset: number,
    body: Readable,
    limits: RequestLimits,
    signal?: AbortSignal,
  ): Promise<AttachmentState>;
  /** Lets go of connections; the engine calls it once, when it closes. */
  close(): void;
}
