import { createHash, randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../protocol/api/syncStatus';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import { useTempDirs } from '../../support/tempDir';
import { RIG_LINK, SyncRig, deliveryProblems, waitForAsync, type RigOptions } from '../../support/syncRig';

/** Links that cut, stall and come back, and files that resume: nothing lost, nothing doubled, nothing stuck. */

const tempDir = useTempDirs();
const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function rig(options: RigOptions): Promise<{ r: SyncRig; dir: string }> {
  const dir = tempDir();
  const r = await SyncRig.start(dir, options);
  rigs.push(r);
  return { r, dir };
}

const linkState = async (r: SyncRig) => (await r.call<LinkStatus[]>('links.list')).find((l) => l.id === RIG_LINK)?.state;
const queued = (status: SyncStatus) => status.queue.reduce((sum, l) => sum + l.count, 0);
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function deskFile(r: SyncRig, attachmentId: string): Promise<Buffer | undefined> {
  const response = await fetch(new URL(`/desk/v1/vehicles/${r.center.vehicleId}/attachments/${attachmentId}`, r.center.url), {
    headers: { authorization: `Bearer ${r.center.staffToken}` },
  });
  return response.ok ? Buffer.from(await response.arrayBuffer()) : undefined;
}

function writeFile(dir: string, name: string, size: number): { path: string; bytes: Buffer } {
  const bytes = randomBytes(size);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { path, bytes };
}

describe('sync under link faults', () => {
  it('sends a flash message while a photo is uploading, without waiting for it', { timeout: 90_000 }, async () => {
    const { r, dir } = await rig({ profile: 'satellite', capacityKbps: 512 });
    await waitForAsync('link up', async () => (await linkState(r)) === 'up', 20_000);
    const photo = writeFile(dir, 'photo.jpg', 700 * 1024);
    const attachment = await r.core.attachments.add({ sourcePath: photo.path, mime: 'image/jpeg' });
    const uploading = await waitForAsync(
      'the upload under way',
      async () => (await r.status()).sending.find((s) => s.kind === 'attachment' && s.sent > 64 * 1024),
      30_000,
    );
    expect(uploading).toMatchObject({ name: 'photo.jpg', bytes: 700 * 1024, linkName: 'VSAT-1', priority: 'bulk' });

    const sentAt = Date.now();
    await r.send('FLASH 桥梁垮塌 立即绕行', 'flash');
    await waitForAsync(
      'the flash message at the center',
      async () => (await r.deskItems()).some((i) => i.body.text === 'FLASH 桥梁垮塌 立即绕行'),
      20_000,
      50,
    );
    const flashMs = Date.now() - sentAt;
    const during = (await r.status()).sending.find((s) => s.kind === 'attachment');
    console.log(`flash delivered in ${flashMs} ms while the photo was at ${during?.sent ?? 'done'} of ${700 * 1024} bytes`);
    expect(during, 'the photo is still uploading when the flash message has arrived').toBeDefined();
    expect(during!.sent).toBeLessThan(700 * 1024);

    await waitForAsync('the photo at the center', async () => (await r.deskItems()).some((i) => i.kind === 'attachment'), 60_000, 250);
    const file = await deskFile(r, attachment.id);
    expect(file && sha256(file)).toBe(sha256(photo.bytes));
    const items = await r.deskItems();
    expect(items.map((i) => i.kind)).toEqual(['message', 'attachment']);
    expect(items[1]!.body).toMatchObject({ attachmentId: attachment.id, name: 'photo.jpg', size: 700 * 1024, sha256: sha256(photo.bytes) });
  });

  it("resumes an upload from the center's offset after a cut link and after the center was killed", { timeout: 90_000 }, async () => {
    const { r, dir } = await rig({ profile: 'cellular', capacityKbps: 2000 });
    await waitForAsync('link up', async () => (await linkState(r)) === 'up', 20_000);
    const size = 1536 * 1024;
    const clip = writeFile(dir, 'clip.mp4', size);
    const attachment = await r.core.attachments.add({ sourcePath: clip.path, mime: 'video/mp4' });
    const progress = async (atLeast: number) =>
      waitForAsync(
        `upload past ${atLeast} bytes`,
        async () => (await r.status()).sending.find((s) => s.kind === 'attachment' && s.sent >= atLeast),
        30_000,
        20,
      );

    await progress(size * 0.25);
    r.relay.cut();
    await progress(size * 0.5);
    await r.center.kill('SIGKILL');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await r.center.restart();

    await waitForAsync('the clip at the center', async () => (await r.deskItems()).some((i) => i.kind === 'attachment'), 60_000, 250);
    const file = await deskFile(r, attachment.id);
    expect(file && sha256(file)).toBe(sha256(clip.bytes));
    // Resumed, not restarted: the link carried the file about once, not two or three times.
    console.log(`upload carried ${r.relay.stats.bytesUp} bytes for a ${size}-byte file`);
    expect(r.relay.stats.bytesUp).toBeLessThan(size * 1.5);
    expect((await r.deskItems()).filter((i) => i.kind === 'attachment')).toHaveLength(1);
  });

  it('loses and doubles nothing when the link is cut again and again mid-request', { timeout: 120_000 }, async () => {
    const { r } = await rig({ profile: 'satellite', capacityKbps: 512 });
    await waitForAsync('link up', async () => (await linkState(r)) === 'up', 20_000);
    const texts: string[] = [];
    let cuts = 0;
    for (let burst = 0; burst < 12; burst++) {
      for (let i = 0; i < 10; i++) {
        const text = `burst ${burst} message ${i} ${'现场情况报告'.repeat(60)}`;
        texts.push(text);
        await r.send(text, i === 0 ? 'immediate' : 'routine');
      }
      // Cut while a request is in flight, somewhere in its 600 ms round trip or its body...
      await waitForAsync(
        'an exchange in flight',
        async () => (await r.status()).sending.some((s) => s.kind === 'items' && s.count > 0),
        20_000,
        5,
      );
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
      r.relay.cut();
      cuts++;
      // ...then let one exchange through, so the backoff does not grow from cut to cut.
      const delivered = (await r.status()).delivered;
      await waitForAsync('an exchange through after the cut', async () => (await r.status()).delivered > delivered, 30_000, 20);
    }
    await waitForAsync('the queue empty', async () => queued(await r.status()) === 0, 90_000);
    expect(deliveryProblems(await r.deskItems(), texts)).toEqual({ duplicates: [], missing: [] });
    console.log(`${texts.length} messages through ${r.relay.stats.connections} connections, ${cuts} cuts mid-request`);
    expect(r.relay.stats.connections).toBeGreaterThan(cuts);
  });

  it(
    'gets out of a stalled link: the request is dropped when the link goes down, and resent when it is back',
    { timeout: 90_000 },
    async () => {
      const { r } = await rig({ profile: 'satellite', capacityKbps: 512 });
      await waitForAsync('link up', async () => (await linkState(r)) === 'up', 20_000);
      const texts = Array.from({ length: 60 }, (_, i) => `stall ${i} ${'物资需求清单'.repeat(30)}`);
      for (const text of texts) await r.send(text, 'routine');
      // Everything stops moving, mid-request: a black hole, not a reset.
      r.relay.setProfile('down');
      await waitForAsync('the link seen down', async () => (await linkState(r)) === 'down', 20_000);
      const held = await r.status();
      expect(['waiting-link', 'backoff']).toContain(held.state);
      r.relay.setProfile('satellite');
      await waitForAsync('the queue empty', async () => queued(await r.status()) === 0, 60_000);
      expect(deliveryProblems(await r.deskItems(), texts)).toEqual({ duplicates: [], missing: [] });
    },
  );
});
