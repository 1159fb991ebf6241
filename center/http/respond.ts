import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { encodeCbor } from '../../protocol/sync/codec';
import type { CenterError } from '../../protocol/sync/centerErrors';
import { CBOR_MIME } from '../../protocol/sync/http';
import type { CenterHttpError } from './errors';

const deflateAsync = promisify(deflate);
/** Answers smaller than this are not worth deflating. */
const DEFLATE_FROM_BYTES = 200;
const MAX_MESSAGE = 1000;

const COMMON_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

function send(res: ServerResponse, status: number, contentType: string, body: Uint8Array, headers: Record<string, string> = {}): void {
  if (res.headersSent) return;
  res.writeHead(status, { ...COMMON_HEADERS, 'content-type': contentType, 'content-length': String(body.length), ...headers });
  res.end(body);
}

export function sendJson(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  send(res, status, 'application/json; charset=utf-8', Buffer.from(JSON.stringify(value), 'utf8'), headers);
}

/** Whether the client takes a deflated answer (`Accept-Encoding: deflate`, not `;q=0`). */
export function acceptsDeflate(req: IncomingMessage): boolean {
  const header = req.headers['accept-encoding'];
  if (typeof header !== 'string') return false;
  return header.split(',').some((part) => {
    const [token, ...params] = part.trim().toLowerCase().split(';');
    return token === 'deflate' && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}

/** A CBOR answer, deflated when the client takes it and it pays. */
export async function sendCbor(req: IncomingMessage, res: ServerResponse, status: number, value: unknown): Promise<void> {
  const raw = encodeCbor(value);
  if (acceptsDeflate(req) && raw.length >= DEFLATE_FROM_BYTES) {
    const packed = await deflateAsync(raw);
    if (packed.length < raw.length * 0.9) {
      send(res, status, CBOR_MIME, packed, { 'content-encoding': 'deflate', vary: 'Accept-Encoding' });
      return;
    }
  }
  send(res, status, CBOR_MIME, raw, { vary: 'Accept-Encoding' });
}

/** Before an early answer, unread request bytes are read and dropped for at most this long and this many bytes. */
const DRAIN_MS = 2000;
const DRAIN_BYTES = 4 * 1024 * 1024;

export function sendError(req: IncomingMessage, res: ServerResponse, error: CenterHttpError): void {
  const answer = (closeAfter: boolean) => {
    if (closeAfter) res.shouldKeepAlive = false;
    if (req.method === 'HEAD') {
      if (res.headersSent) return;
      res.writeHead(error.status, { ...COMMON_HEADERS, ...error.headers });
      res.end();
      return;
    }
    const body: CenterError = {
      code: error.code,
      message: clip(error.message),
      ...(error.offset !== undefined ? { offset: error.offset } : {}),
    };
    sendJson(res, error.status, body, error.headers);
  };
  if (req.complete) answer(false);
  else drainThen(req, answer);
}

/**
 * An answer decided before the request body was read (413, 401, 409): the client is
 * still sending. Answering at once lets Node close a `Connection: close` socket as soon
 * as the answer is out, and the client's next write then fails with EPIPE/ECONNRESET
 * before it reads our answer (seen on Node 24). So read and drop what is left first
 * (bounded in bytes and time), then answer; past the bounds, answer and close. Nothing
 * read here is kept.
 */
function drainThen(req: IncomingMessage, answer: (closeAfter: boolean) => void): void {
  let done = false;
  let read = 0;
  const finish = (closeAfter: boolean) => {
    if (done) return;
    done = true;
    clearTimeout(deadline);
    req.off('data', onData);
    req.off('end', onEnd);
    req.socket?.off('close', onClose);
    if (req.socket?.destroyed) return;
    answer(closeAfter);
  };
  const onData = (chunk: Buffer) => {
    read += chunk.length;
    if (read > DRAIN_BYTES) finish(true);
  };
  const onEnd = () => finish(false);
  const onClose = () => finish(true);
  const deadline = setTimeout(() => finish(true), DRAIN_MS);
  req.removeAllListeners('data');
  req.on('data', onData);
  req.once('end', onEnd);
  req.socket?.once('close', onClose);
  req.resume();
}

function clip(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}
