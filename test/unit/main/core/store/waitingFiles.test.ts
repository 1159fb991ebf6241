import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AttachmentService } from '../../../../../main/core/ops/AttachmentService';
import { markDelivered, waitingFiles } from '../../../../../main/core/store/outboxRepo';
import { setAttachmentProgress } from '../../../../../main/core/store/attachmentsRepo';
import { Store } from '../../../../../main/core/store/Store';
import { fileKind, heldPercent } from '../../../../../renderer/views/sync/fileKind';
import { useTempDirs } from '../../../../support/tempDir';

const tempDir = useTempDirs();
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

describe('waitingFiles (what the Sync view lists as queued files)', () => {
  it('lists queued files most urgent first with what the center holds, counts them all, and drops delivered ones', async () => {
    const dir = tempDir();
    const store = Store.open({ file: join(dir, 'mcv-console.db') });
    stores.push(store);
    const attachments = new AttachmentService({ store, dir: join(dir, 'attachments'), onOutbox: () => undefined });
    const source = join(dir, 'source');
    writeFileSync(source, Buffer.alloc(2000, 1));
    const recording = await attachments.add({ sourcePath: source, name: 'recording-1.webm', mime: 'video/webm' });
    await attachments.add({ sourcePath: source, name: 'slope.jpg', mime: 'image/jpeg', priority: 'immediate' });
    const third = await attachments.add({ sourcePath: source, name: 'notes.pdf', mime: 'application/pdf' });
    setAttachmentProgress(store.db, recording.id, 500, false);

    const { first, total } = waitingFiles(store.db, 2);
    expect(total).toBe(3);
    expect(first.map((file) => [file.name, file.priority, file.mime, file.bytes, file.confirmed])).toEqual([
      ['slope.jpg', 'immediate', 'image/jpeg', 2000, 0],
      ['recording-1.webm', 'bulk', 'video/webm', 2000, 500],
    ]);
    expect(first[0]!.createdAt).toBeGreaterThan(0);

    markDelivered(store.db, [first[0]!.seq], Date.now());
    expect(waitingFiles(store.db, 10).first.map((file) => file.name)).toEqual(['recording-1.webm', 'notes.pdf']);
    expect(waitingFiles(store.db, 10).total).toBe(2);
    expect(third.name).toBe('notes.pdf');
  });

  it('says what a file is from its type, and how much of it the center holds', () => {
    expect(['image/jpeg', 'video/webm', 'audio/ogg', 'application/pdf', 'weird'].map(fileKind)).toEqual([
      'photo',
      'video',
      'audio',
      'file',
      'file',
    ]);
    expect([heldPercent(0, 2000), heldPercent(500, 2000), heldPercent(1999, 2000), heldPercent(2000, 2000), heldPercent(5, 0)]).toEqual([
      0, 25, 99, 100, 0,
    ]);
  });
});
