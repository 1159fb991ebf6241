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

/**
 * Reads a request body of at most `limit` bytes. A declared `Content-Length` over the
 * limit is refused before reading anything; a chunked body is refused as soon as it
 * passes the limit (413 `too-large`, and the connection is closed).
 */
export async function readBody(req: IncomingMessage, limit: number, what = 'body'): Promise<Buffer> {
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limit)
    throw new CenterHttpError('too-large', `${what} of ${declared} bytes is over the limit of ${limit}`);
  const chunks: Buffer[] = [];
  let size = 0;
  // Leaving the loop early must not destroy the request: the client is to get its 413.
  for await (const chunk of req.iterator({ destroyOnReturn: false }) as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new CenterHttpError('too-large', `${what} is over the limit of ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
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
