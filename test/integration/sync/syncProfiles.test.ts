import { describe, expect, it, afterEach } from 'vitest';
import type { SyncStatus } from '../../../protocol/api/syncStatus';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import { useTempDirs } from '../../support/tempDir';
import { RIG_LINK, SyncRig, deliveryProblems, waitForAsync, type RigOptions } from '../../support/syncRig';

/**
 * The console core and the real center process through the link relay, one test per
 * link profile: messages written while the link is down wait in the outbox, and once the
 * link is up every one reaches the center exactly once, the flash message first.
 */

const tempDir = useTempDirs();
const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const rig of rigs.splice(0)) await rig.close();
});

async function rig(options: RigOptions): Promise<SyncRig> {
  const r = await SyncRig.start(tempDir(), options);
  rigs.push(r);
  return r;
}

const linkState = async (r: SyncRig) => (await r.call<LinkStatus[]>('links.list')).find((l) => l.id === RIG_LINK)?.state;

const PROFILES: Array<{ name: 'cellular' | 'satellite' | 'hf-data'; routine: number; options: Partial<RigOptions>; timeoutMs: number }> = [
  { name: 'cellular', routine: 40, options: { capacityKbps: 2000 }, timeoutMs: 20_000 },
  { name: 'satellite', routine: 40, options: { capacityKbps: 512 }, timeoutMs: 30_000 },
  // 2.4 kbit/s, 3 s round trips and about one packet in five lost in bursts: a handful of short
  // messages, probes patient enough for the delay and, as configured by default, down after 3 lost.
  {
    name: 'hf-data',
    routine: 3,
    options: { capacityKbps: 2.4, probe: { intervalMs: 2000, timeoutMs: 6000, downAfter: 3, upAfter: 1 } },
    timeoutMs: 90_000,
  },
];

describe('sync through the link relay', () => {
  for (const profile of PROFILES) {
    it(`delivers everything exactly once over ${profile.name}, flash first`, { timeout: profile.timeoutMs + 30_000 }, async () => {
      const r = await rig({ profile: 'down', ...profile.options });
      await waitForAsync('the link to be seen down', async () => (await linkState(r)) === 'down', 15_000);

      const texts = Array.from({ length: profile.routine }, (_, i) => `${profile.name} routine ${i + 1} 道路通行情况`);
      for (const text of texts) await r.send(text, 'routine');
      await r.send(`${profile.name} FLASH 请求支援`, 'flash');
      const waiting = await r.status();
      expect(waiting.state).toBe('waiting-link');
      // Routine holds the messages and the duty log's own entries (the link going down).
      const dutyEntries = (await r.call<Array<{ auto: boolean }>>('duty.log', {})).length;
      expect(dutyEntries).toBeGreaterThan(0);
      expect(waiting.queue.find((l) => l.priority === 'routine')?.count).toBe(profile.routine + dutyEntries);
      expect(waiting.queue.find((l) => l.priority === 'flash')?.count).toBe(1);
      expect(await r.deskItems()).toHaveLength(0);

      r.relay.setProfile(profile.name);
      const started = Date.now();
      await waitForAsync(
        'everything delivered',
        async () => (await r.status()).queue.every((l) => l.count === 0) || undefined,
        profile.timeoutMs,
      );
      console.log(`${profile.name}: ${profile.routine + 1} messages delivered ${Date.now() - started} ms after the link came back`);

      const items = await r.deskItems();
      expect(deliveryProblems(items, [...texts, `${profile.name} FLASH 请求支援`])).toEqual({ duplicates: [], missing: [] });
      expect(items).toHaveLength(profile.routine + 1);
      // The center ingests in the order it receives: the flash message before any routine one.
      expect(items[0]!.priority).toBe('flash');
      expect(items[0]!.body.text).toBe(`${profile.name} FLASH 请求支援`);
      const status: SyncStatus = await r.status();
      // Delivered: the messages and every duty-log entry written until now (the link down, then up).
      const written = (await r.call<unknown[]>('duty.log', {})).length;
      expect(status.delivered).toBe(profile.routine + 1 + written);
      expect(status.lastContactAt).not.toBeNull();
      const vehicle = await r.deskVehicle();
      expect(vehicle?.links.map((l) => l.id)).toContain(RIG_LINK);
    });
  }
});
