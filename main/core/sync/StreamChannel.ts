import type { Socket } from 'node:net';
import WebSocket from 'ws';
import { decodeCbor, encodeCbor } from '../../../protocol/sync/codec';
import type { ExchangeRequest, ExchangeResponse } from '../../../protocol/sync/exchange';
import { StreamAnswerFrame, SYNC_STREAM_PATH } from '../../../protocol/sync/stream';
import { parseWith } from '../../../protocol/common';
import { CenterRequestError } from './CenterRequestError';
import type { RequestLimits } from './CenterClient';

interface Pending {
  resolve: (response: ExchangeResponse) => void;
  reject: (error: CenterRequestError) => void;
}

/**
 * The sync exchange over one persistent WebSocket to the center (protocol/sync/stream.ts),
 * for a narrow link: no HTTP headers per exchange, frames deflated with the context kept,
 * and several exchanges may be on their way at once (their answers come in order). Opened
 * on first use and again after it drops; every failure is a CenterRequestError like the
 * HTTP path's, so the engine treats both alike.
 */
export class StreamChannel {
  readonly #url: string;
  readonly #token: string;
  readonly #localAddress: string | undefined;
  #socket: Promise<WebSocket> | undefined;
  /** The TCP socket under the stream, and its bytes written when the stream opened: what frames cost on the wire. */
  #wire: { tcp: Socket; atOpen: number } | undefined;
  /** Bytes of CBOR the stream has written since it opened (before the WebSocket deflated them). */
  #raw = 0;
  readonly #pending = new Map<number, Pending>();
  #next = 1;

  constructor(baseUrl: string, token: string, localAddress?: string) {
    const url = new URL(SYNC_STREAM_PATH, baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    this.#url = url.toString();
    this.#token = token;
    this.#localAddress = localAddress;
  }

  /** One exchange; rejects with the center's error, a timeout, `cancelled` on abort, or the stream dropping. */
  async exchange(request: ExchangeRequest, limits: RequestLimits, signal?: AbortSignal): Promise<ExchangeResponse> {
    if (signal?.aborted) throw new CenterRequestError('transient', 'cancelled', 'cancelled');
    const socket = await this.#open(limits);
    const n = this.#next++;
    return new Promise<ExchangeResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        settle();
        reject(new CenterRequestError('transient', 'timeout', `no answer within ${Math.round(limits.totalTimeoutMs / 1000)} s`));
        // An answer that late means the stream is stuck: start afresh.
        socket.terminate();
      }, limits.totalTimeoutMs);
      const onAbort = () => {
        settle();
        reject(new CenterRequestError('transient', 'cancelled', 'cancelled'));
      };
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.#pending.delete(n);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#pending.set(n, {
        resolve: (response) => {
          settle();
          resolve(response);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
      const frame = encodeCbor({ n, x: request });
      socket.send(frame, { binary: true }, (error) => {
        // Counted once written: frames still waiting to be deflated would make the ratio look better than it is.
        if (!error) this.#raw += frame.length;
        if (error) this.#pending.get(n)?.reject(new CenterRequestError('transient', 'stalled', `the stream dropped: ${error.message}`));
      });
    });
  }

  /**
   * Wire bytes per byte of CBOR on this stream so far (the WebSocket deflates each frame with
   * its context kept: repeated keys and texts cost little): 1 until a few frames went.
   */
  wireRatio(): number {
    const wire = this.#wire;
    if (!wire || this.#raw < 1024) return 1;
    return Math.min(1.5, Math.max(0.25, (wire.tcp.bytesWritten - wire.atOpen) / this.#raw));
  }

  close(): void {
    void this.#socket?.then(
      (s) => s.terminate(),
      () => undefined,
    );
    this.#socket = undefined;
    this.#failAll(new CenterRequestError('transient', 'cancelled', 'the stream was closed'));
  }

  #open(limits: RequestLimits): Promise<WebSocket> {
    if (this.#socket) return this.#socket;
    const opened: Promise<WebSocket> = new Promise<WebSocket>((resolve, reject) => {
      const socket = new WebSocket(this.#url, {
        headers: { authorization: `Bearer ${this.#token}` },
        perMessageDeflate: { threshold: 64 },
        handshakeTimeout: limits.totalTimeoutMs,
        ...(this.#localAddress ? { localAddress: this.#localAddress } : {}),
      });
      const failed = (error: CenterRequestError) => {
        // A socket already replaced (its close comes after its error) must not touch its successor's frames.
        if (this.#socket === opened) {
          this.#socket = undefined;
          this.#failAll(error);
        }
        reject(error);
      };
      let tcp: Socket | undefined;
      socket.once('upgrade', (response) => (tcp = response.socket));
      socket.once('open', () => {
        this.#wire = tcp && { tcp, atOpen: tcp.bytesWritten };
        this.#raw = 0;
        resolve(socket);
      });
      socket.once('unexpected-response', (_req, res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = parseErrorBody(Buffer.concat(chunks));
          failed(CenterRequestError.fromStatus(res.statusCode ?? 0, body.code, body.message));
        });
        res.on('error', () => failed(new CenterRequestError('transient', 'bad-answer', 'the stream upgrade was refused')));
      });
      socket.on('message', (data, isBinary) => this.#answer(data, isBinary));
      socket.on('error', (error) =>
        failed(
          new CenterRequestError('transient', 'unreachable', `the sync stream to ${new URL(this.#url).host} failed: ${error.message}`),
        ),
      );
      socket.on('close', (code, reason) =>
        failed(
          new CenterRequestError('transient', 'stalled', `the sync stream closed (${code}${reason.length ? ` ${reason.toString()}` : ''})`),
        ),
      );
    });
    this.#socket = opened;
    return opened;
  }

  #answer(data: WebSocket.RawData, isBinary: boolean): void {
    let value: unknown;
    try {
      value = isBinary ? decodeCbor(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[])) : undefined;
    } catch {
      value = undefined;
    }
    const parsed = parseWith(StreamAnswerFrame, value);
    if (!parsed.ok) {
      // Not the protocol: nothing on this stream can be trusted any more.
      this.#failAll(
        new CenterRequestError('transient', 'bad-answer', `the center's stream frame does not match the protocol: ${parsed.problem}`),
      );
      void this.#socket?.then(
        (s) => s.terminate(),
        () => undefined,
      );
      return;
    }
    const frame = parsed.value;
    const pending = this.#pending.get(frame.n);
    if (!pending) return;
    if ('r' in frame) pending.resolve(frame.r);
    else pending.reject(CenterRequestError.fromStatus(frame.e.status, frame.e.code, frame.e.message));
  }

  #failAll(error: CenterRequestError): void {
    for (const pending of [...this.#pending.values()]) pending.reject(error);
  }
}

function parseErrorBody(body: Buffer): { code: string | undefined; message: string } {
  try {
    const value = JSON.parse(body.toString('utf8')) as { code?: unknown; message?: unknown };
    return {
      code: typeof value.code === 'string' ? value.code : undefined,
      message: typeof value.message === 'string' ? value.message : '',
    };
  } catch {
    return { code: undefined, message: body.toString('utf8').slice(0, 200) };
  }
}
