import { randomBytes } from 'node:crypto';
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboxItemView, MessageView } from '../../../protocol/api/messaging';
import type { SyncStatus } from '../../../protocol/api/syncStatus';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { DeskDownlinkItem } from '../../../protocol/sync/desk';
import { runCenterCli } from '../../support/centerProcess';
import { useTempDirs } from '../../support/tempDir';
import { fillDisk, mountTmpfs } from '../../support/tmpfs';
import { RIG_LINK, SyncRig, waitForAsync, type RigOptions } from '../../support/syncRig';

/** What the center refuses is parked and shown, never retried forever; a full disk on either side stops nothing for good. */

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function rig(options: RigOptions, dir = tempDir()): Promise<SyncRig> {
  const r = await SyncRig.start(dir, options);
  cleanups.push(() => r.close());
  return r;
}

/** A 16 MiB tmpfs unmounted after the test, or the test skipped saying why (not root). */
function smallDisk(context: { skip: () => void }, what: string): { dir: string } | undefined {
  const disk = mountTmpfs(16 * 1024);
  if ('skip' in disk) {
    console.log(`SKIPPED ${what}: ${disk.skip}`);
    context.skip();
    return undefined;
  }
  cleanups.push(() => disk.unmount());
  return disk;
}

const linkUp = (r: SyncRig) =>
  waitForAsync('link up', async () => (await r.call<LinkStatus[]>('links.list')).find((l) => l.id === RIG_LINK)?.state === 'up', 20_000);
const queued = (status: SyncStatus) => status.queue.reduce((sum, l) => sum + l.count, 0);

describe('refused items and full disks', () => {
  it('stops sending on a revoked token, says so, and keeps every item', { timeout: 60_000 }, async () => {
    const r = await rig({ profile: 'cellular', capacityKbps: 2000 });
    await linkUp(r);
    await r.send('before revocation', 'routine');
    await waitForAsync('delivered', async () => queued(await r.status()) === 0);
    const revoked = await runCenterCli(['vehicles', 'revoke', r.center.vehicleId, '--data-dir', r.center.dataDir]);
    expect(revoked.code).toBe(0);
    await r.send('after revocation', 'flash');
    const status = await waitForAsync('the refusal shown', async () => {
      const s = await r.status();
      return s.state === 'unauthorized' ? s : undefined;
    });
    expect(status.detail).toMatch(/401/);
    expect(queued(status)).toBe(1);
    expect(status.parked).toHaveLength(0);
    expect((await r.call<MessageView[]>('messages.list'))[0]).toMatchObject({ text: 'after revocation', delivery: { state: 'queued' } });
    expect((await r.deskItems()).map((i) => i.body.text)).toEqual(['before revocation']);
  });

  it(
    'numbers new records after what the center holds when the console runs from an older copy of its disk',
    { timeout: 60_000 },
    async () => {
      const a = await rig({ profile: 'cellular', capacityKbps: 2000 });
      await linkUp(a);
      await a.send('before the backup', 'routine');
      await waitForAsync('delivered', async () => queued(await a.status()) === 0);
      await a.stopCore();
      const backup = tempDir();
      cpSync(a.dataDir, backup, { recursive: true });
      await a.startCore();
      await a.send('after the backup', 'routine');
      await waitForAsync('delivered', async () => queued(await a.status()) === 0);
      await a.stopCore();

      // The vehicle's disk is restored from the backup: it never numbered "after the backup".
      const restored = await a.openConsole(backup);
      cleanups.push(() => restored.close());
      const sent = await restored.dispatch('messages.send', { text: 'from the restored disk', priority: 'immediate' });
      expect(sent.ok).toBe(true);
      await waitForAsync('all three at the center', async () => (await a.deskItems()).length === 3, 20_000);
      expect((await a.deskItems()).map((i) => i.body.text)).toEqual(['before the backup', 'after the backup', 'from the restored disk']);
    },
  );

  it('renumbers an item whose number another console on the same token took, and delivers both once', { timeout: 60_000 }, async () => {
    const a = await rig({ profile: 'cellular', capacityKbps: 2000 });
    await linkUp(a);
    await a.send('from the original', 'routine');
    await waitForAsync('delivered', async () => queued(await a.status()) === 0);
    await a.stopCore();
    const cloneDir = tempDir();
    cpSync(a.dataDir, cloneDir, { recursive: true });
    await a.startCore();
    const clone = await a.openConsole(cloneDir);
    cleanups.push(() => clone.close());
    const call = async <T>(method: string, params: unknown = {}) => {
      const result = await clone.dispatch(method, params);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };
    // Both have greeted the center; both number their next item 2.
    await waitForAsync('the clone in contact', async () => (await call<SyncStatus>('sync.status')).lastContactAt !== null);
    await waitForAsync('the original in contact', async () => (await a.status()).lastContactAt !== null);
    await a.send('original, second', 'routine');
    await waitForAsync('delivered', async () => queued(await a.status()) === 0);
    await call('messages.send', { text: 'from the clone', priority: 'immediate' });
    await waitForAsync(
      "the clone's message delivered",
      async () => (await call<MessageView[]>('messages.list'))[0]!.delivery.state === 'delivered',
      20_000,
    );
    expect((await call<SyncStatus>('sync.status')).parked).toEqual([]);
    expect((await a.deskItems()).map((i) => i.body.text)).toEqual(['from the original', 'original, second', 'from the clone']);
  });

  it("parks an attachment over the center's size limit with the center's reason", { timeout: 60_000 }, async () => {
    const dir = tempDir();
    const centerConfig = join(dir, 'center.json');
    writeFileSync(centerConfig, JSON.stringify({ maxAttachmentBytes: 100_000 }));
    const r = await rig({ profile: 'cellular', capacityKbps: 2000, center: { args: ['--config', centerConfig] } });
    await linkUp(r);
    const photo = join(dir, 'big.jpg');
    writeFileSync(photo, randomBytes(300_000));
    const attachment = await r.core.attachments.add({ sourcePath: photo, mime: 'image/jpeg' });
    await r.send('after the photo', 'routine');
    const parked = await waitForAsync('the photo parked', async () => (await r.status()).parked[0], 20_000);
    expect(parked).toMatchObject({ code: 'too-large', kind: 'attachment' });
    expect(parked.reason).toMatch(/300000 bytes is over this center's limit of 100000/);
    await waitForAsync('the message delivered', async () => (await r.deskItems()).length === 1);
    expect((await r.deskItems()).map((i) => i.kind)).toEqual(['message']);
    // Parked, not retried: no further attempts reach the center.
    const before = r.relay.stats.bytesUp;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(r.relay.stats.bytesUp - before).toBeLessThan(20_000);
    expect((await r.status()).parked.map((p) => p.summary)).toEqual([attachment.name]);
    // Retrying on request is allowed; the center refuses again, and it parks again, once.
    expect(await r.call<number>('sync.retryParked', {})).toBe(1);
    await waitForAsync(
      'parked again',
      async () => (await r.status()).parked.length === 1 && (await r.status()).state !== 'sending',
      20_000,
    );
    const retried = r.relay.stats.bytesUp;
    await new Promise((resolve) => setTimeout(resolve, 2500));
    expect(r.relay.stats.bytesUp - retried).toBeLessThan(20_000);
    expect((await r.status()).parked).toHaveLength(1);
  });

  it(
    'refuses a message on a full console disk with a clear error, loses nothing, and resumes when space returns',
    { timeout: 90_000 },
    async (context) => {
      const disk = smallDisk(context, 'console disk-full test');
      if (!disk) return;
      const r = await rig({ profile: 'cellular', capacityKbps: 2000 }, disk.dir);
      await linkUp(r);
      await r.send('before the disk filled', 'routine');
      await waitForAsync('delivered', async () => queued(await r.status()) === 0);

      const filler = fillDisk(disk.dir);
      // SQLite may still fit a few rows into pages it already holds; the first write that needs a new page must fail cleanly.
      const accepted: string[] = [];
      let refusal: { code: string; message: string } | undefined;
      for (let i = 0; i < 200 && !refusal; i++) {
        const text = `while full ${i} ${'满'.repeat(600)}`;
        const result = await r.core.dispatch('messages.send', { text, priority: 'routine' });
        if (result.ok) accepted.push(text);
        else refusal = result.error;
      }
      expect(refusal, 'a write on a full disk is refused').toBeDefined();
      expect(refusal).toMatchObject({ code: 'STORE_UNAVAILABLE' });
      expect(refusal!.message).toMatch(/full/);
      // An order sent now cannot be stored by the console; it must stay undelivered at the center, not be acknowledged and lost.
      const order = (
        await r.desk<{ queued: Array<{ id: string }> }>(`/desk/v1/vehicles/${r.center.vehicleId}/orders`, {
          method: 'POST',
          body: { text: '向北撤离', priority: 'immediate' },
        })
      ).queued[0]!;
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const orders = () => r.desk<{ items: DeskDownlinkItem[] }>(`/desk/v1/vehicles/${r.center.vehicleId}/orders`);
      const whileFull = (await orders()).items.find((i) => i.id === order.id)!;
      const inboxWhileFull = await r.core.dispatch('inbox.list', {});
      const stored = inboxWhileFull.ok && (inboxWhileFull.value as InboxItemView[]).some((i) => i.id === order.id);
      if (!stored) expect(whileFull.deliveredAt, 'not acknowledged while the console could not store it').toBeNull();

      rmSync(filler);
      await r.send('after space returned', 'flash');
      await waitForAsync(
        'everything at the center',
        async () => {
          const texts = (await r.deskItems()).map((i) => String(i.body.text));
          return ['before the disk filled', ...accepted, 'after space returned'].every((t) => texts.includes(t)) && texts;
        },
        30_000,
      );
      const texts = (await r.deskItems()).map((i) => String(i.body.text));
      expect(new Set(texts).size).toBe(texts.length);
      await waitForAsync(
        'the order in the inbox',
        async () => (await r.call<InboxItemView[]>('inbox.list')).some((i) => i.id === order.id),
        20_000,
      );
      await waitForAsync(
        'the order acknowledged to the center',
        async () => (await orders()).items.find((i) => i.id === order.id)?.deliveredAt !== null,
        20_000,
      );
      expect((await r.call<InboxItemView[]>('inbox.list')).filter((i) => i.id === order.id)).toHaveLength(1);
    },
  );

  it('shows a full center disk, keeps the items, and resumes when the center has space again', { timeout: 90_000 }, async (context) => {
    const disk = smallDisk(context, 'center disk-full test');
    if (!disk) return;
    const r = await rig({ profile: 'cellular', capacityKbps: 2000, center: { dataDir: join(disk.dir, 'center') } });
    await linkUp(r);
    await r.send('before the center filled', 'routine');
    await waitForAsync('delivered', async () => queued(await r.status()) === 0);

    const filler = fillDisk(disk.dir);
    const dir = tempDir();
    const photo = join(dir, 'scene.jpg');
    const bytes = randomBytes(400_000);
    writeFileSync(photo, bytes);
    await r.core.attachments.add({ sourcePath: photo, mime: 'image/jpeg' });
    for (let i = 0; i < 5; i++) await r.send(`while the center is full ${i} ${'满'.repeat(600)}`, 'routine');
    const status = await waitForAsync(
      'center-full shown',
      async () => {
        const s = await r.status();
        return s.state === 'center-full' ? s : undefined;
      },
      30_000,
    );
    expect(status.detail).toMatch(/507|disk space/);
    expect(status.parked).toHaveLength(0);

    rmSync(filler);
    await waitForAsync(
      'everything at the center',
      async () => {
        const items = await r.deskItems();
        return items.filter((i) => i.kind === 'attachment').length === 1 && items.filter((i) => i.kind === 'message').length === 6;
      },
      60_000,
      250,
    );
    expect((await r.status()).state).not.toBe('center-full');
  });
});
