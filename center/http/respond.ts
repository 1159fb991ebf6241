import type { IncomingMessage, ServerResponse } from 'node:http';
import { promisify } from 'node:util';
import { deflate } from 'node:zlib';
import { encodeCbor } from '../../protocol/sync/codec';
import { CBOR_MIME, type CenterError } from '../../protocol/sync/http';
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

/** After an early answer, unread request bytes are read and dropped for at most this long and this many bytes. */
const DRAIN_MS = 2000;
const DRAIN_BYTES = 4 * 1024 * 1024;

export function sendError(req: IncomingMessage, res: ServerResponse, error: CenterHttpError): void {
  const body: CenterError = { code: error.code, message: clip(error.message), ...(error.offset !== undefined ? { offset: error.offset } : {}) };
  if (!req.complete) res.once('finish', () => drainBriefly(req));
  if (req.method === 'HEAD') {
    if (res.headersSent) return;
    res.writeHead(error.status, { ...COMMON_HEADERS, ...error.headers });
    res.end();
    return;
  }
  sendJson(res, error.status, body, error.headers);
}

/**
 * An answer sent before the request body was read (413, 401, 409): the client may still
 * be sending. Closing at once would make its kernel discard our answer with the reset,
 * so read and drop what follows for a moment (lingering close), then close if it keeps
 * coming. Nothing read here is kept.
 */
function drainBriefly(req: IncomingMessage): void {
  const socket = req.socket as IncomingMessage['socket'] | null;
  if (!socket || socket.destroyed || req.complete) return;
  const start = socket.bytesRead;
  const stop = (destroy: boolean) => {
    clearInterval(watch);
    clearTimeout(deadline);
    if (destroy && !req.complete) socket.destroy();
  };
  const watch = setInterval(() => {
    if (req.complete || socket.destroyed) stop(false);
    else if (socket.bytesRead - start > DRAIN_BYTES) stop(true);
  }, 50);
  const deadline = setTimeout(() => stop(true), DRAIN_MS);
  req.once('end', () => stop(false));
  socket.once('close', () => stop(false));
  req.removeAllListeners('data');
  req.resume();
}

function clip(message: string): string {
  return message.length <= MAX_MESSAGE ? message : `${message.slice(0, MAX_MESSAGE - 1)}…`;
}
