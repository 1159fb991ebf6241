import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { inflate } from 'node:zlib';
import { describeIssues } from '../../protocol/common';
import { decodeCbor } from '../../protocol/sync/codec';
import { CenterHttpError } from './errors';

const inflateAsync = promisify(inflate);

/** The part of a zod schema the door needs (the center layer does not import zod itself). */
export interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: Parameters<typeof describeIssues>[0] };
}

/** The media type of a request, lower-case and without parameters. */
export function mediaType(req: IncomingMessage): string {
  return (req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
}

export function requireMediaType(req: IncomingMessage, expected: string): void {
  const actual = mediaType(req);
  if (actual !== expected)
    throw new CenterHttpError('unsupported-media-type', `expected Content-Type ${expected}, got ${actual || 'none'}`);
}

/** The slowest body taken (bytes/s, averaged from its start); 0: no minimum. Set once by the server from its config. */
let minBodyBytesPerSecond = 50;
/** A body is judged on its rate only after this long: a short request on a slow link is not cut for a slow start. */
const RATE_GRACE_MS = 20_000;

export function setMinBodyRate(bytesPerSecond: number): void {
  minBodyBytesPerSecond = bytesPerSecond;
}

/**
 * Reads a request body of at most `limit` bytes. A declared `Content-Length` over the
 * limit is refused before reading anything; a chunked body is refused as soon as it
 * passes the limit (413 `too-large`, and the connection is closed). A body that trickles
 * (a byte now and then, each under the idle timeout) is cut once it has run 20 s below
 * the minimum rate (408 `too-slow`): it would hold a handler and memory for nothing.
 */
export function readBody(req: IncomingMessage, limit: number, what = 'body'): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit)
    return Promise.reject(new CenterHttpError('too-large', `${what} of ${declared} bytes is over the limit of ${limit}`));
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const started = Date.now();
    const stop = (error?: Error) => {
      clearInterval(rateCheck);
      req.off('data', onData).off('end', onEnd).off('error', onError);
      // The request is not destroyed: the client is to get its 413 or 408.
      if (error) {
        req.pause();
        reject(error);
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return stop(new CenterHttpError('too-large', `${what} is over the limit of ${limit} bytes`));
      chunks.push(chunk);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => stop(error);
    const rateCheck = setInterval(() => {
      const elapsedMs = Date.now() - started;
      if (minBodyBytesPerSecond === 0 || elapsedMs < RATE_GRACE_MS || (size * 1000) / elapsedMs >= minBodyBytesPerSecond) return;
      stop(new CenterHttpError('too-slow', `${what} arrived at under ${minBodyBytesPerSecond} bytes/s`));
    }, 1000);
    req.on('data', onData).on('end', onEnd).on('error', onError);
  });
}

/** Undoes `Content-Encoding: deflate` (zlib) with a hard cap on the inflated size. */
export async function decodeContent(req: IncomingMessage, body: Buffer, inflatedLimit: number): Promise<Buffer> {
  const encoding = (req.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'identity' || encoding === '') return body;
  if (encoding !== 'deflate')
    throw new CenterHttpError('unsupported-media-type', `Content-Encoding ${encoding} is not supported; use deflate or none`);
  try {
    return await inflateAsync(body, { maxOutputLength: inflatedLimit });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new CenterHttpError('too-large', `the inflated body is over the limit of ${inflatedLimit} bytes`);
    }
    throw new CenterHttpError('malformed', `the body is not valid deflate data: ${(error as Error).message}`);
  }
}

/** Decodes a CBOR body and checks it against `schema`; 400 `malformed` naming what is wrong. */
export function parseCbor<T>(body: Uint8Array, schema: Schema<T>, what: string): T {
  let value: unknown;
  try {
    value = decodeCbor(body);
  } catch (error) {
    throw new CenterHttpError('malformed', `${what} is not CBOR: ${(error as Error).message}`);
  }
  return check(value, schema, what);
}

/** Parses a JSON body and checks it against `schema`; 400 `malformed` naming what is wrong. */
export function parseJson<T>(body: Buffer, schema: Schema<T>, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(body.toString('utf8'));
  } catch (error) {
    throw new CenterHttpError('malformed', `${what} is not JSON: ${(error as Error).message}`);
  }
  return check(value, schema, what);
}

export function check<T>(value: unknown, schema: Schema<T>, what: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new CenterHttpError('malformed', `${what}: ${describeIssues(parsed.error)}`);
  return parsed.data;
}
