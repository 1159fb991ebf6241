import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../protocol/api/syncStatus';
import type { DeskItem } from '../../../protocol/sync/desk';
import { LinkRelay } from '../../../fixtures/net/LinkRelay';
import { startCenter, type CenterProcess } from '../../support/centerProcess';
import { startHost, type RunningHost } from '../../support/headlessHost';
import { useTempDirs } from '../../support/tempDir';
import { deliveryProblems, waitForAsync } from '../../support/syncRig';
import { ApiSocket } from '../../support/wsClient';

/**
 * Kill -9, at random moments while sync runs: the console (the headless host, a real
 * process with its SQLite file) many times, and the center every few rounds. Every message
 * the API confirmed reaches the center exactly once; no message is ever doubled.
 * CRASH_CYCLES sets the number of console kills (CI default 24; the bench can run more).
 */

const CYCLES = Number(process.env.CRASH_CYCLES ?? 24);
const tempDir = useTempDirs();
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function deskItems(center: CenterProcess): Promise<DeskItem[]> {
  const items: DeskItem[] = [];
  let after = 0;
  for (;;) {
    const response = await fetch(new URL(`/desk/v1/items?after=${after}&limit=500`, center.url), {
      headers: { authorization: `Bearer ${center.staffToken}` },
    });
    const page = (await response.json()) as { items: DeskItem[]; next: number };
    items.push(...page.items);
    if (page.items.length < 500) return items;
    after = page.next;
  }
}

describe('sync survives kill -9', () => {
  it(
    `delivers every confirmed message exactly once across ${CYCLES} console kills and ${Math.floor(CYCLES / 4)} center kills`,
    { timeout: 60_000 + CYCLES * 8_000 },
    async () => {
      const dir = tempDir();
      const center = await startCenter();
      cleanups.push(() => center.dispose());
      const relay = await LinkRelay.start({
        profile: 'satellite',
        tcp: { target: { host: '127.0.0.1', port: center.port } },
        udp: { target: { host: '127.0.0.1', port: center.echoPort } },
      });
      cleanups.push(() => relay.close());
      writeFileSync(
        join(dir, 'config.json'),
        JSON.stringify({
          links: [
            {
              id: 'vsat-1',
              name: 'VSAT-1',
              kind: 'satellite-ip',
              metered: false,
              capacityKbps: 512,
              probe: { target: `127.0.0.1:${relay.udpPort}`, intervalMs: 300, downAfter: 2, upAfter: 2 },
            },
          ],
          sync: { centerUrl: `http://127.0.0.1:${relay.tcpPort}`, token: center.vehicleToken, pollSeconds: 1 },
        }),
      );
      const args = ['--data-dir', dir, '--port', '0'];
      const confirmed: string[] = [];
      const attempted = new Set<string>();
      let host: RunningHost | undefined;
      cleanups.push(async () => {
        if (host) await host.stop();
      });

      for (let cycle = 0; cycle < CYCLES; cycle++) {
        host = await startHost(args, 20_000, { MCV_LOG: 'warn' });
        const api = await ApiSocket.open(host.url);
        for (let i = 0; i < 5; i++) {
          const text = `cycle ${cycle} confirmed ${i} 灾情报告`;
          attempted.add(text);
          const frame = await api.call('messages.send', { text, priority: i === 0 ? 'flash' : 'routine' });
          if (frame.ok) confirmed.push(text);
        }
        // These may or may not be written before the kill; if they are, they must arrive once.
        for (let i = 0; i < 5; i++) {
          const text = `cycle ${cycle} unconfirmed ${i}`;
          attempted.add(text);
          api.socket.send(JSON.stringify({ type: 'call', id: 1000 + i, method: 'messages.send', params: { text, priority: 'routine' } }));
        }
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 1500));
        if (cycle % 4 === 3) {
          await center.kill('SIGKILL');
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 500));
          await center.restart();
        }
        api.close();
        host.child.kill('SIGKILL');
        await host.stop();
        host = undefined;
      }

      // A last, undisturbed run drains the queue.
      host = await startHost(args, 20_000, { MCV_LOG: 'warn' });
      const api = await ApiSocket.open(host.url);
      await waitForAsync(
        'the queue empty',
        async () => {
          const frame = await api.call('sync.status');
          return frame.ok && (frame.value as SyncStatus).queue.every((l) => l.count === 0);
        },
        60_000,
        250,
      );
      api.close();

      const items = await deskItems(center);
      const problems = deliveryProblems(items, confirmed);
      console.log(
        `${CYCLES} console kills, ${Math.floor(CYCLES / 4)} center kills: ${confirmed.length} confirmed, ${items.length} held by the center, ${problems.duplicates.length} doubled, ${problems.missing.length} lost`,
      );
      expect(problems).toEqual({ duplicates: [], missing: [] });
      for (const item of items) expect(attempted.has(String(item.body.text))).toBe(true);
      // The center's contiguous ack covers everything: no gap was left behind by a kill.
      const vehicles = (await (
        await fetch(new URL('/desk/v1/vehicles', center.url), { headers: { authorization: `Bearer ${center.staffToken}` } })
      ).json()) as { vehicles: Array<{ upAck: number; itemCount: number }> };
      expect(vehicles.vehicles[0]!.upAck).toBe(vehicles.vehicles[0]!.itemCount);
    },
  );
});
