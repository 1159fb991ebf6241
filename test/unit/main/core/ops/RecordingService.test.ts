import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentService } from '../../../../../main/core/ops/AttachmentService';
import { NotFoundError } from '../../../../../main/core/ops/MessageService';
import { ChunkOrderError, RecordingService } from '../../../../../main/core/ops/RecordingService';
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
});
