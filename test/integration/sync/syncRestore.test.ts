import { cpSync, rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboxItemView } from '../../../protocol/api/messaging';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { DeskDownlinkItem, QueuedDownlinkResponse } from '../../../protocol/sync/desk';
import { useTempDirs } from '../../support/tempDir';
import { RIG_LINK, SyncRig, waitForAsync } from '../../support/syncRig';

/** The center's disk restored from a backup while the vehicle runs: what it lost comes again, and new orders are not taken for old ones. */

const tempDir = useTempDirs();
const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

describe('a center restored from a backup', () => {
  it('gets again what it lost, and the vehicle keeps new orders that reuse old numbers', { timeout: 90_000 }, async () => {
    const r = await SyncRig.start(tempDir(), { profile: 'cellular', capacityKbps: 2000 });
    rigs.push(r);
    await waitForAsync(
      'link up',
      async () => (await r.call<LinkStatus[]>('links.list')).find((l) => l.id === RIG_LINK)?.state === 'up',
      20_000,
    );
    const ordersPath = `/desk/v1/vehicles/${r.center.vehicleId}/orders`;
    const inbox = () => r.call<InboxItemView[]>('inbox.list');
    const texts = async () => (await r.deskItems()).map((i) => String(i.body.text));

    await r.send('one', 'routine');
    await waitForAsync('one at the center', async () => (await texts()).includes('one'));
    await r.center.stop();
    const backup = tempDir();
    cpSync(r.center.dataDir, backup, { recursive: true });
    await r.center.restart();

    await r.send('two', 'routine');
    await r.send('three', 'routine');
    await r.desk<QueuedDownlinkResponse>(ordersPath, { method: 'POST', body: { text: 'order before the restore' } });
    await waitForAsync(
      'two and three at the center, the order on the vehicle',
      async () => (await texts()).length === 3 && (await inbox()).length === 1,
      20_000,
    );

    // The center's disk goes back to the backup: it holds "one" and no order.
    await r.center.stop();
    rmSync(r.center.dataDir, { recursive: true, force: true });
    cpSync(backup, r.center.dataDir, { recursive: true });
    await r.center.restart();

    await r.send('four', 'routine');
    const { queued } = await r.desk<QueuedDownlinkResponse>(ordersPath, { method: 'POST', body: { text: 'order after the restore' } });
    await waitForAsync(
      'everything at the center again',
      async () => ['one', 'two', 'three', 'four'].every((t) => texts().then((all) => all.includes(t))) && (await texts()).length === 4,
      30_000,
    ).catch(async (error: unknown) => {
      console.log(await texts());
      throw error;
    });
    expect((await texts()).sort()).toEqual(['four', 'one', 'three', 'two']);
    await waitForAsync('the new order on the vehicle', async () => (await inbox()).some((i) => i.id === queued[0]!.id), 20_000);
    expect((await inbox()).map((i) => i.kind === 'order' && i.body.text).sort()).toEqual([
      'order after the restore',
      'order before the restore',
    ]);
    await waitForAsync(
      'the new order delivered at the desk',
      async () => (await r.desk<{ items: DeskDownlinkItem[] }>(ordersPath)).items.every((i) => i.deliveredAt !== null),
      20_000,
    );
  });
});
