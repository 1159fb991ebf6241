import { createHash } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentFiles } from '../../../center/files/AttachmentFiles';
import { Uploads } from '../../../center/files/Uploads';
import { UploadError } from '../../../center/files/UploadError';
import { createLogger } from '../../../platform/log/logger';
import { RateLimiter } from '../../../center/echo/RateLimiter';
import type { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { useTempDirs } from '../../support/tempDir';
import { storeWithVehicle } from './helpers';
import { waitFor } from '../../support/waitFor';

const V = 'mcv-07';
const tempDir = useTempDirs();
const stores: SqliteCenterStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const file = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) & 0xff));

async function setup(maxAttachmentBytes = 1_000_000) {
  const dir = tempDir();
  const store = await storeWithVehicle(dir, V);
  stores.push(store);
  const files = new AttachmentFiles(join(dir, 'attachments'));
  const uploads = new Uploads({
    store,
    files,
    maxAttachmentBytes,
    log: createLogger('test'),
    sink: { syncBytes: 16 * 1024, syncIntervalMs: 100 },
  });
  const id = uuidv7();
  const create = { attachmentId: id, size: file.length, sha256: sha(file), name: 'photo.jpg', mime: 'image/jpeg' };
  return { store, files, uploads, id, create };
}

const poll = (what: string, check: () => Promise<boolean>) => waitFor(what, check, 5000);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'resolved';
  } catch (error) {
    return error instanceof UploadError ? error.code : String(error);
  }
}

describe('Uploads', () => {
  it('creates idempotently, refuses another size or hash, and the oversized', async () => {
    const { uploads, create } = await setup();
    expect(await uploads.create(V, create)).toEqual({
      created: true,
      state: { attachmentId: create.attachmentId, offset: 0, size: file.length, complete: false },
    });
    expect((await uploads.create(V, create)).created).toBe(false);
    expect(await codeOf(uploads.create(V, { ...create, size: 1 }))).toBe('conflict');
    expect(await codeOf(uploads.create(V, { ...create, attachmentId: uuidv7(), size: 1_000_001 }))).toBe('too-large');
  });

  it('appends only at its own offset, keeps what a cut body delivered, and finishes when the hash matches', async () => {
    const { uploads, files, create, id } = await setup();
    await uploads.create(V, create);
    // A body that delivers 100 000 bytes and is then cut off.
    const cut = new PassThrough();
    const first = uploads.patch(V, id, 0, cut, undefined);
    cut.write(file.subarray(0, 100_000));
    setTimeout(() => cut.destroy(new Error('socket hang up')), 200);
    expect(await codeOf(first)).toBe('malformed');
    const state = await uploads.state(V, id);
    expect(state!.offset).toBe(100_000);
    expect(statSync(files.partPath(V, id)).size).toBe(100_000);

    expect(await codeOf(uploads.patch(V, id, 0, Readable.from([file]), file.length))).toBe('offset-mismatch');
    expect(await codeOf(uploads.patch(V, id, 100_000, Readable.from([file.subarray(100_000)]), file.length))).toBe('beyond-length');
    const done = await uploads.patch(V, id, 100_000, Readable.from([file.subarray(100_000)]), file.length - 100_000);
    expect(done).toEqual({ attachmentId: id, offset: file.length, size: file.length, complete: true });
    expect(sha(readFileSync(files.finalPath(V, id)))).toBe(create.sha256);
    // Patching a complete upload at its end is a harmless repeat.
    expect(await uploads.patch(V, id, file.length, Readable.from([]), 0)).toMatchObject({ complete: true });
  });

  it('drops bytes past the size of a body of unknown length, keeping those up to it', async () => {
    const { uploads, create, id } = await setup();
    await uploads.create(V, create);
    expect(await codeOf(uploads.patch(V, id, 0, Readable.from([file, Buffer.from('extra')]), undefined))).toBe('beyond-length');
    expect((await uploads.state(V, id))!.offset).toBe(file.length);
    expect(await uploads.patch(V, id, file.length, Readable.from([]), 0)).toMatchObject({ complete: true });
  });

  it('answers a wrong hash with checksum-mismatch and starts the upload over', async () => {
    const { uploads, files, create, id } = await setup();
    await uploads.create(V, { ...create, sha256: 'ab'.repeat(32) });
    expect(await codeOf(uploads.patch(V, id, 0, Readable.from([file]), file.length))).toBe('checksum-mismatch');
    expect(await uploads.state(V, id)).toMatchObject({ offset: 0, complete: false });
    expect(statSync(files.partPath(V, id)).size).toBe(0);
  });

  it('lets a newer PATCH take over a stalled one', async () => {
    const { uploads, create, id } = await setup();
    await uploads.create(V, create);
    const stalled = new PassThrough();
    const first = uploads.patch(V, id, 0, stalled, undefined);
    stalled.write(file.subarray(0, 50_000));
    await poll('the stalled bytes synced (the 1 s rule, here 100 ms)', async () => (await uploads.state(V, id))!.offset === 50_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await uploads.state(V, id))!.offset).toBe(50_000);
    const second = uploads.patch(V, id, 50_000, Readable.from([file.subarray(50_000)]), file.length - 50_000);
    expect(await codeOf(first)).toBe('malformed');
    expect(await second).toMatchObject({ complete: true });
  });

  it('after a crash cuts a .part file back to the recorded offset', async () => {
    const { store, uploads, files, create, id } = await setup();
    await uploads.create(V, create);
    await store.setUploadOffset(V, id, 1000);
    writeFileSync(files.partPath(V, id), file.subarray(0, 5000));
    await uploads.recover();
    expect(statSync(files.partPath(V, id)).size).toBe(1000);
    expect((await uploads.state(V, id))!.offset).toBe(1000);
  });
});

describe('RateLimiter', () => {
  it('allows a burst of N a second per source, then N a second', () => {
    let now = 0;
    const limiter = new RateLimiter(50, () => now);
    const burst = Array.from({ length: 60 }, () => limiter.take('198.51.100.7')).filter(Boolean).length;
    expect(burst).toBe(50);
    expect(limiter.take('203.0.113.9')).toBe(true);
    now += 100;
    expect(Array.from({ length: 10 }, () => limiter.take('198.51.100.7')).filter(Boolean).length).toBe(5);
  });
});
