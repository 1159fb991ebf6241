import { request as httpRequest, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { inflateSync } from 'node:zlib';
import { decodeCbor, encodeCbor } from '../../../protocol/sync/codec';
import { ExchangeResponse, type ExchangeRequest } from '../../../protocol/sync/exchange';
import { CenterError } from '../../../protocol/sync/centerErrors';
import { CBOR_MIME, SYNC_PATHS } from '../../../protocol/sync/http';

export interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
}

export interface CallOptions {
  method?: string;
  headers?: OutgoingHttpHeaders;
  body?: Uint8Array | string;
  /** For https: the CA to trust (a self-signed certificate). */
  ca?: string | Buffer;
}

/** One HTTP(S) request with node:http (it sends what it is told: forged headers, odd bodies). */
export function call(base: string, path: string, options: CallOptions = {}): Promise<Answer> {
  const url = new URL(path, base);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        agent: false,
        ...(options.ca ? { ca: options.ca, servername: 'localhost' } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** The JSON error body of a 4xx/5xx answer, checked against CenterError. */
export function errorOf(answer: Answer): CenterError {
  return CenterError.parse(JSON.parse(answer.body.toString('utf8')));
}

export function json<T = unknown>(answer: Answer): T {
  return JSON.parse(answer.body.toString('utf8')) as T;
}

/** The CBOR body of an answer, inflated when the center deflated it. */
export function cborOf(answer: Answer): unknown {
  const body = answer.headers['content-encoding'] === 'deflate' ? inflateSync(answer.body) : answer.body;
  return decodeCbor(body);
}

/** POST /sync/v1/exchange; `raw` sends bytes as they are (for broken bodies). */
export function postExchange(
  base: string,
  token: string | undefined,
  request: ExchangeRequest | Uint8Array,
  headers: OutgoingHttpHeaders = {},
): Promise<Answer> {
  const body = request instanceof Uint8Array ? request : encodeCbor(request);
  return call(base, SYNC_PATHS.exchange, {
    method: 'POST',
    headers: { 'content-type': CBOR_MIME, ...(token ? bearer(token) : {}), ...headers },
    body,
  });
}

/** An exchange that must succeed; returns the parsed ExchangeResponse. */
export async function exchangeOk(base: string, token: string, request: ExchangeRequest): Promise<ExchangeResponse> {
  const answer = await postExchange(base, token, request);
  if (answer.status !== 200) throw new Error(`exchange answered ${answer.status}: ${answer.body.toString()}`);
  return ExchangeResponse.parse(cborOf(answer));
}

export function desk(base: string, token: string, path: string, body?: unknown): Promise<Answer> {
  return call(base, path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { ...bearer(token), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

/**
 * POSTs `total` bytes in chunks without a Content-Length (chunked), as a streaming
 * client would; with `hangUpAfter`, the client destroys the request after that many.
 */
export function postChunked(
  base: string,
  path: string,
  headers: OutgoingHttpHeaders,
  total: number,
  hangUpAfter?: number,
): Promise<Answer | { error: string }> {
  const url = new URL(path, base);
  return new Promise((resolve) => {
    let sent = 0;
    const req = httpRequest(url, { method: 'POST', headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    const chunk = Buffer.alloc(64 * 1024, 0xa5);
    const pump = () => {
      while (sent < total) {
        if (hangUpAfter !== undefined && sent >= hangUpAfter) {
          req.destroy();
          resolve({ error: 'hung up' });
          return;
        }
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      req.end();
    };
    pump();
  });
}
