import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentService } from '../../../../../main/core/ops/AttachmentService';
import { NotFoundError } from '../../../../../main/core/ops/MessageService';
import { ChunkOrderError, MAX_OPEN_RECORDINGS, RecordingService } from '../../../../../main/core/ops/RecordingService';
import { ConflictError } from '../../../../../main/core/ops/orderSteps';
import { dueOutbox } from '../../../../../main/core/store/outboxRepo';
import { Store } from '../../../../../main/core/store/Store';
import { useTempDirs } from '../../../../support/tempDir';

const tempDir = useTempDirs();
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function setUp(dir = tempDir()) {
  const store = Store.open({ file: join(dir, 'mcv-console.db') });
  stores.push(store);
  const attachments = new AttachmentService({ store, dir: join(dir, 'attachments'), onOutbox: () => undefined });
  return { store, attachments, recordings: new RecordingService({ dir: join(dir, 'recordings'), attachments }), dir };
}

describe('RecordingService', () => {
  it('writes chunks in order, takes a repeat once, refuses a gap, and queues the finished file as a bulk attachment', async () => {
    const { store, attachments, recordings } = setUp();
    const { id } = recordings.start('video/webm');
    expect(recordings.append(id, 0, Buffer.from('EBML-header|')).bytes).toBe(12);
    expect(recordings.append(id, 1, Buffer.from('cluster-1|')).bytes).toBe(22);
    expect(recordings.append(id, 1, Buffer.from('cluster-1|')).bytes).toBe(22);
    expect(() => recordings.append(id, 3, Buffer.from('x'))).toThrow(ChunkOrderError);
    recordings.append(id, 2, Buffer.from('cluster-2'));
    const view = await recordings.finish(id);
    expect(view).toMatchObject({
      mime: 'video/webm',
      size: 31,
      complete: false,
      name: expect.stringMatching(/^recording-\d{4}-\d\d-\d\dT.*\.webm$/),
    });
    expect(readFileSync(join(attachments.dir, view.id), 'utf8')).toBe('EBML-header|cluster-1|cluster-2');
    expect(dueOutbox(store.db, Date.now(), 10)).toMatchObject([{ kind: 'attachment', priority: 'bulk', attachmentId: view.id }]);
    expect(() => recordings.append(id, 3, Buffer.from('late'))).toThrow(NotFoundError);
  });

  it('keeps and queues what a crash left on disk at the next start', async () => {
    const dir = tempDir();
    const first = setUp(dir);
    const { id } = first.recordings.start('video/webm');
    first.recordings.append(id, 0, Buffer.from('before the crash'));
    // No finish: the process dies. An empty leftover is dropped.
    writeFileSync(join(dir, 'recordings', 'empty.video_webm.part'), '');
    first.store.close();
    stores.splice(0);

    const again = setUp(dir);
    const recovered = await again.recordings.recover();
    expect(recovered).toHaveLength(1);
    expect(recovered[0]).toMatchObject({ mime: 'video/webm', size: 16 });
    expect(readFileSync(join(again.attachments.dir, recovered[0]!.id), 'utf8')).toBe('before the crash');
    expect(readdirSync(join(dir, 'recordings'))).toEqual([]);
    expect(existsSync(join(dir, 'recordings'))).toBe(true);
  });

  it(`refuses a recording beyond ${MAX_OPEN_RECORDINGS} open at once, and takes one again after a finish`, async () => {
    const { recordings } = setUp();
    const open = Array.from({ length: MAX_OPEN_RECORDINGS }, () => recordings.start('video/webm').id);
    expect(() => recordings.start('video/webm')).toThrow(ConflictError);
    expect(() => recordings.start('video/webm')).toThrow(`${MAX_OPEN_RECORDINGS} recordings are open already`);
    await recordings.finish(open[0]!);
    expect(recordings.start('audio/webm').id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('closes and queues a recording abandoned by its client (no chunk for a minute), keeping what it had', async () => {
    const { store, attachments, recordings } = setUp();
    const quiet = recordings.start('video/webm').id;
    recordings.append(quiet, 0, Buffer.from('left behind'));
    const busy = recordings.start('video/webm').id;
    expect(await recordings.finishAbandoned(Date.now() + 30_000)).toEqual([]);
    recordings.append(busy, 0, Buffer.from('still going'));
    const later = Date.now() + 61_000;
    const views = await recordings.finishAbandoned(later);
    // Both had their last chunk more than a minute before `later`; the file of each is closed and queued.
    expect(views.map((v) => v.size).sort()).toEqual([11, 11]);
    expect(readFileSync(join(attachments.dir, views[0]!.id), 'utf8')).toMatch(/left behind|still going/);
    expect(dueOutbox(store.db, Date.now(), 10).filter((i) => i.kind === 'attachment')).toHaveLength(2);
    expect(() => recordings.append(quiet, 1, Buffer.from('x'))).toThrow(NotFoundError);
  });
});
