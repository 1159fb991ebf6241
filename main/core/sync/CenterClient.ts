import { Agent as HttpAgent, request as httpRequest, type IncomingMessage, type OutgoingHttpHeaders } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Readable } from 'node:stream';
import { deflateSync, inflateSync } from 'node:zlib';
import { AttachmentState, UPLOAD_HEADERS, OFFSET_MIME, type AttachmentCreate } from '../../../protocol/sync/attachments';
import { decodeCbor, encodeCbor } from '../../../protocol/sync/codec';
import { ExchangeResponse, HelloResponse, type ExchangeRequest } from '../../../protocol/sync/exchange';
import { CenterError } from '../../../protocol/sync/centerErrors';
import { CBOR_MIME, SYNC_PATHS } from '../../../protocol/sync/http';
import { parseWith } from '../../../protocol/common';
import { MEDIA_STATE_PATH, MEDIA_TICKET_PATH, MediaTicket } from '../../../protocol/media/signaling';
import { MediaState } from '../../../protocol/sync/mediaState';
import { CenterRequestError } from './CenterRequestError';
import { StreamChannel } from './StreamChannel';
import type { SyncCenter } from './SyncCenter';

/** The way to the center over one link: its address as seen through that link, and the link's local address. */
export interface CenterRoute {
  baseUrl: string;
  /** Bind outgoing connections to this local address, so they leave through the link. */
  localAddress?: string;
  /** A narrow link: exchanges go over the persistent sync stream (StreamChannel), not one HTTP request each. */
  stream?: boolean;
}

export interface RequestLimits {
  /** Give up when no byte moved either way for this long. */
  idleTimeoutMs: number;
  /** Give up after this long in all. */
  totalTimeoutMs: number;
}

/** Answers bigger than this are refused (a broken proxy, not the center). */
const MAX_RESPONSE_BYTES = 8 * 1024 * 1024;
/** Bodies smaller than this are not worth deflating. */
const DEFLATE_FROM_BYTES = 200;

/**
 * HTTP(S) to the center: the sync exchange and attachment uploads, CBOR both ways,
 * deflated where it pays. Connections are kept alive per route, so a narrow link pays
 * for the TLS handshake once. Every failure becomes a CenterRequestError saying what
 * kind of failure it is; every answer is checked against its schema.
 */
export class CenterClient implements SyncCenter {
  readonly #token: string;
  readonly #agents = new Map<string, HttpAgent>();
  readonly #streams = new Map<string, StreamChannel>();
  /** Centers that refused the stream upgrade with 404 (older than it): exchanges go over HTTP there. */
  readonly #noStream = new Set<string>();

  constructor(token: string) {
    this.#token = token;
  }

  async hello(route: CenterRoute, limits: RequestLimits, signal?: AbortSignal): Promise<HelloResponse> {
    const response = await this.#send(route, 'GET', SYNC_PATHS.hello, { limits, ...(signal ? { signal } : {}) });
    return this.#parseCbor(HelloResponse, response.body, 'hello');
  }

  async exchange(route: CenterRoute, request: ExchangeRequest, limits: RequestLimits, signal?: AbortSignal): Promise<ExchangeResponse> {
    if (route.stream && !this.#noStream.has(route.baseUrl)) {
      try {
        return await this.#stream(route).exchange(request, limits, signal);
      } catch (error) {
        if (!(error instanceof CenterRequestError && error.status === 404 && error.code === 'not-found')) throw error;
        this.#noStream.add(route.baseUrl);
      }
    }
    const raw = encodeCbor(request);
    const deflated = raw.length >= DEFLATE_FROM_BYTES ? deflateSync(raw) : undefined;
    const useDeflate = deflated !== undefined && deflated.length < raw.length * 0.9;
    const response = await this.#send(route, 'POST', SYNC_PATHS.exchange, {
      body: useDeflate ? deflated : raw,
      headers: { 'content-type': CBOR_MIME, ...(useDeflate ? { 'content-encoding': 'deflate' } : {}) },
      limits,
      ...(signal ? { signal } : {}),
    });
    return this.#parseCbor(ExchangeResponse, response.body, 'exchange');
  }

  async createAttachment(
    route: CenterRoute,
    create: AttachmentCreate,
    limits: RequestLimits,
    signal?: AbortSignal,
  ): Promise<AttachmentState> {
    const response = await this.#send(route, 'POST', SYNC_PATHS.attachments, {
      body: encodeCbor(create),
      headers: { 'content-type': CBOR_MIME },
      limits,
      ...(signal ? { signal } : {}),
    });
    return this.#parseCbor(AttachmentState, response.body, 'attachment');
  }

  /** Streams `body` (the file from `offset`) to the center; the answer says where the center stands. */
  async patchAttachment(
    route: CenterRoute,
    attachmentId: string,
    offset: number,
    body: Readable,
    limits: RequestLimits,
    signal?: AbortSignal,
  ): Promise<AttachmentState> {
    const response = await this.#send(route, 'PATCH', `${SYNC_PATHS.attachments}/${attachmentId}`, {
      stream: body,
      headers: { 'content-type': OFFSET_MIME, [UPLOAD_HEADERS.offset]: String(offset) },
      limits,
      ...(signal ? { signal } : {}),
    });
    return this.#parseCbor(AttachmentState, response.body, 'attachment');
  }

  /** A single-use ticket for the media signaling socket (JSON, like the desk). */
  async mediaTicket(route: CenterRoute, limits: RequestLimits): Promise<MediaTicket> {
    const response = await this.#send(route, 'POST', MEDIA_TICKET_PATH, {
      body: Buffer.from('{}'),
      headers: { 'content-type': 'application/json' },
      limits,
    });
    return jsonAnswer(MediaTicket, response.body, "the center's ticket answer");
  }

  /** Whether the center runs live media (`GET /media/v1/state`; a center older than the route answers 404). */
  async mediaState(route: CenterRoute, limits: RequestLimits): Promise<MediaState> {
    const response = await this.#send(route, 'GET', MEDIA_STATE_PATH, { limits });
    return jsonAnswer(MediaState, response.body, "the center's media state");
  }

  close(): void {
    for (const agent of this.#agents.values()) agent.destroy();
    this.#agents.clear();
    for (const stream of this.#streams.values()) stream.close();
    this.#streams.clear();
  }

  wireRatio(route: CenterRoute): number {
    return this.#streams.get(streamKey(route))?.wireRatio() ?? 1;
  }

  #stream(route: CenterRoute): StreamChannel {
    const key = streamKey(route);
    let stream = this.#streams.get(key);
    if (!stream) {
      stream = new StreamChannel(route.baseUrl, this.#token, route.localAddress);
      this.#streams.set(key, stream);
    }
    return stream;
  }

  #agent(url: URL, localAddress: string | undefined): HttpAgent {
    const key = `${url.protocol}//${url.host}|${localAddress ?? ''}`;
    let agent = this.#agents.get(key);
    if (!agent) {
      const options = { keepAlive: true, keepAliveMsecs: 15_000, maxSockets: 4, ...(localAddress ? { localAddress } : {}) };
      agent = url.protocol === 'https:' ? new HttpsAgent(options) : new HttpAgent(options);
      this.#agents.set(key, agent);
    }
    return agent;
  }

  #send(
    route: CenterRoute,
    method: string,
    path: string,
    options: SendOptions,
    mayResendOnStaleSocket = true,
  ): Promise<{ status: number; body: Buffer }> {
    const startedAt = Date.now();
    if (options.signal?.aborted) return Promise.reject(new CenterRequestError('transient', 'cancelled', 'cancelled'));
    const url = new URL(path, route.baseUrl.endsWith('/') ? route.baseUrl : `${route.baseUrl}/`);
    // A base URL with a path prefix (behind a proxy) keeps it.
    url.pathname = `${new URL(route.baseUrl).pathname.replace(/\/$/, '')}${path}`;
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (error: CenterRequestError) => {
        if (settled) return;
        settled = true;
        clearTimeout(total);
        options.signal?.removeEventListener('abort', onAbort);
        request.destroy();
        options.stream?.destroy();
        reject(error);
      };
      const onAbort = () => fail(new CenterRequestError('transient', 'cancelled', 'cancelled'));
      const request = send(url, {
        method,
        agent: this.#agent(url, route.localAddress),
        headers: {
          authorization: `Bearer ${this.#token}`,
          accept: `${CBOR_MIME}, application/json`,
          'accept-encoding': 'deflate',
          ...(options.body ? { 'content-length': options.body.length } : {}),
          ...options.headers,
        },
      });
      const total = setTimeout(
        () =>
          fail(new CenterRequestError('transient', 'timeout', `no answer within ${Math.round(options.limits.totalTimeoutMs / 1000)} s`)),
        options.limits.totalTimeoutMs,
      );
      request.setTimeout(options.limits.idleTimeoutMs, () =>
        fail(
          new CenterRequestError(
            'transient',
            'stalled',
            `the link stalled: nothing moved for ${Math.round(options.limits.idleTimeoutMs / 1000)} s`,
          ),
        ),
      );
      options.signal?.addEventListener('abort', onAbort, { once: true });
      let answered = false;
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (settled) return;
        if (mayResendOnStaleSocket && !answered && !options.stream && request.reusedSocket && isResetCode(error.code)) {
          // The center closed this kept-alive connection while the request was on its way
          // (its idle timer runs seconds ahead of ours on a slow link). Send it once more on
          // a new connection: every request here is idempotent, and failing would cost a backoff.
          settled = true;
          clearTimeout(total);
          options.signal?.removeEventListener('abort', onAbort);
          const left = Math.max(1, options.limits.totalTimeoutMs - (Date.now() - startedAt));
          resolve(this.#send(route, method, path, { ...options, limits: { ...options.limits, totalTimeoutMs: left } }, false));
          return;
        }
        fail(new CenterRequestError('transient', 'unreachable', `cannot reach the center at ${url.host}: ${error.code ?? error.message}`));
      });
      request.on('response', (response: IncomingMessage) => {
        answered = true;
        const chunks: Buffer[] = [];
        let size = 0;
        response.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_RESPONSE_BYTES) fail(new CenterRequestError('transient', 'bad-answer', `answer over ${MAX_RESPONSE_BYTES} bytes`));
          else chunks.push(chunk);
        });
        response.on('error', () => fail(new CenterRequestError('transient', 'stalled', 'the answer was cut off')));
        response.on('end', () => {
          if (settled) return;
          let body = Buffer.concat(chunks);
          try {
            if (response.headers['content-encoding'] === 'deflate') body = inflateSync(body, { maxOutputLength: MAX_RESPONSE_BYTES });
          } catch {
            fail(new CenterRequestError('transient', 'bad-answer', 'the answer could not be inflated'));
            return;
          }
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) {
            settled = true;
            clearTimeout(total);
            options.signal?.removeEventListener('abort', onAbort);
            resolve({ status, body });
            return;
          }
          const problem = parseCenterError(body);
          fail(
            CenterRequestError.fromStatus(
              status,
              problem?.code,
              problem?.message ?? (response.statusMessage || 'no details'),
              problem?.offset,
            ),
          );
        });
      });
      if (options.stream) {
        options.stream.on('error', (error: NodeJS.ErrnoException) => {
          // A file that is gone or unreadable here will not get better by retrying.
          const local = error.code === 'ENOENT' || error.code === 'EISDIR' || error.code === 'EACCES';
          fail(new CenterRequestError(local ? 'refused' : 'transient', 'local-file', `reading the file failed: ${error.message}`));
        });
        options.stream.pipe(request);
      } else {
        request.end(options.body);
      }
    });
  }

  #parseCbor<T>(schema: Parameters<typeof parseWith<T>>[0], body: Buffer, what: string): T {
    let value: unknown;
    try {
      value = decodeCbor(body);
    } catch {
      throw new CenterRequestError('transient', 'bad-answer', `the center's ${what} answer is not CBOR`);
    }
    const parsed = parseWith(schema, value);
    if (!parsed.ok)
      throw new CenterRequestError('transient', 'bad-answer', `the center's ${what} answer does not match the protocol: ${parsed.problem}`);
    return parsed.value;
  }
}

interface SendOptions {
  body?: Uint8Array;
  stream?: Readable;
  headers?: OutgoingHttpHeaders;
  limits: RequestLimits;
  signal?: AbortSignal;
}

/** How a socket the peer already closed shows up when we write to it. */
function isResetCode(code: string | undefined): boolean {
  return code === 'ECONNRESET' || code === 'EPIPE';
}

function parseCenterError(body: Buffer): CenterError | undefined {
  try {
    const parsed = parseWith(CenterError, JSON.parse(body.toString('utf8')));
    return parsed.ok ? parsed.value : undefined;
  } catch {
    return undefined;
  }
}

const streamKey = (route: CenterRoute) => `${route.baseUrl}|${route.localAddress ?? ''}`;

/** A JSON answer checked against its protocol schema; anything else is a `bad-answer` naming `what`. */
function jsonAnswer<T>(schema: Parameters<typeof parseWith<T>>[0], body: Buffer, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch {
    throw new CenterRequestError('transient', 'bad-answer', `${what} is not JSON`);
  }
  const parsed = parseWith(schema, value);
  if (!parsed.ok) throw new CenterRequestError('transient', 'bad-answer', `${what} does not match the protocol: ${parsed.problem}`);
  return parsed.value;
}
