import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
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

const linkUp = (r: SyncRig) => waitForAsync('link up', async () => (await r.call<LinkStatus[]>('links.list')).find((l) => l.id === RIG_LINK)?.state === 'up', 20_000);
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

  it('parks an item that collides with one the center holds (a cloned console), shows why, and does not loop', { timeout: 60_000 }, async () => {
    const a = await rig({ profile: 'cellular', capacityKbps: 2000 });
    await linkUp(a);
    await a.send('from the original', 'routine');
    await waitForAsync('delivered', async () => queued(await a.status()) === 0);
    await a.stopCore();
    // A copy of the vehicle's disk: same token, same sequence numbers, different new content.
    const cloneDir = tempDir();
    cpSync(a.dataDir, cloneDir, { recursive: true });
    await a.startCore();
    await a.send('original, second', 'routine');
    await waitForAsync('delivered', async () => queued(await a.status()) === 0);
    await a.stopCore();

    const clone = await a.openConsole(cloneDir);
    cleanups.push(() => clone.close());
    const call = async <T>(method: string, params: unknown = {}) => {
      const result = await clone.dispatch(method, params);
      if (!result.ok) throw new Error(result.error.message);
      return result.value as T;
    };
    await call('messages.send', { text: 'from the clone', priority: 'immediate' });
    const parked = await waitForAsync('the clone\'s item parked', async () => (await call<SyncStatus>('sync.status')).parked[0], 20_000).catch(async (error: unknown) => {
      console.log(JSON.stringify(await call<SyncStatus>('sync.status'), null, 1));
      throw error;
    });
    expect(parked).toMatchObject({ code: 'conflict', summary: 'from the clone', kind: 'message' });
    expect(parked.reason).toMatch(/different/);
    const message = (await call<MessageView[]>('messages.list'))[0]!;
    expect(message.delivery).toMatchObject({ state: 'parked', parkCode: 'conflict' });
    // Retrying on request is allowed; the center refuses again, and the item parks again, once.
    expect(await call<number>('sync.retryParked', {})).toBe(1);
    await waitForAsync('parked again', async () => (await call<SyncStatus>('sync.status')).parked.length === 1 && (await call<SyncStatus>('sync.status')).state !== 'sending', 20_000);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const after = (await call<MessageView[]>('messages.list'))[0]!;
    expect(after.delivery.state).toBe('parked');
    expect(after.delivery.attempts).toBeLessThanOrEqual(1);
    expect((await a.deskItems()).map((i) => i.body.text)).toEqual(['from the original', 'original, second']);
  });
});
