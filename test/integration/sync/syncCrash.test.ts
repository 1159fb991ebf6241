import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SyncStatus } from '../../../protocol/api/syncStatus';
import type { DeskItem } from '../../../protocol/sync/desk';
import { LinkRelay } from '../../../fixtures/net/LinkRelay';
import { startCenter, type CenterProcess } from '../../support/centerProcess';
import { CommandRoomWorkload } from '../../support/crashWorkload';
import { DutyWorkload } from '../../support/dutyCrashWorkload';
import { ReportWorkload } from '../../support/reportCrashWorkload';
import { startHost, type RunningHost } from '../../support/headlessHost';
import { useTempDirs } from '../../support/tempDir';
import { deliveryProblems, deskRequest, waitForAsync } from '../../support/syncRig';
import { waitFor } from '../../support/waitFor';
import { ApiSocket } from '../../support/wsClient';

/**
 * Kill -9, at random moments while sync runs: the console (the headless host, a real
 * process with its SQLite file) many times, and the center every few rounds. Every message
 * the API confirmed reaches the center exactly once; no message is ever doubled.
 * Meanwhile the command room works both ways (crashWorkload.ts): the desk sends orders and
 * staff messages, cancels some orders and marks the crew's messages read; the crew steps
 * through each order (签收 → 落实中 → 已完成 / 无法执行) and opens what arrives. Every step
 * and receipt reaches the center once, every order, staff message, cancellation and read mark
 * reaches the console once. The crew files a first report and a follow-up each round
 * (reportCrashWorkload.ts) and writes a duty-log entry (dutyCrashWorkload.ts), beside the
 * console's own automatic entries: each reaches the center once.
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
    `delivers every confirmed message, order, step, receipt, incident report and duty-log entry exactly once across ${CYCLES} console kills and ${Math.floor(CYCLES / 4)} center kills`,
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
      const room = new CommandRoomWorkload(center);
      const reports = new ReportWorkload();
      const duty = new DutyWorkload();
      let host: RunningHost | undefined;
      cleanups.push(async () => {
        if (host) await host.stop();
      });

      for (let cycle = 0; cycle < CYCLES; cycle++) {
        host = await startHost(args, 20_000, { MCV_LOG: 'warn' });
        const api = await ApiSocket.open(host.url);
        await room.deskRound(cycle);
        // Every other round the console lives until the orders so far arrived (a few seconds after its
        // start), so the crew's steps and receipts go up, and the downlink comes down, while kills go on.
        if (cycle % 2 === 1) await room.awaitArrivals(api, 5000);
        await room.crewRound(api);
        await reports.round(api, cycle);
        await duty.round(api, cycle);
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
        room.fireUnconfirmedSteps(api);
        reports.fireUnconfirmed(api, cycle);
        duty.fireUnconfirmed(api, cycle);
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 1500));
        if (cycle % 4 === 3) {
          room.fireUnconfirmedStaffMessage(cycle);
          await new Promise((resolve) => setTimeout(resolve, Math.random() * 30));
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
      const downPending = async () =>
        (await deskRequest<{ vehicles: Array<{ id: string; downPending: number }> }>(center, '/desk/v1/vehicles')).vehicles.find(
          (v) => v.id === center.vehicleId,
        )!.downPending;
      await waitFor(
        () => `the crew through every order and the desk through every cancellation (${room.waitingFor})`,
        async () => {
          // All three every time: the desk cancels only what the crew acknowledged, the crew reads only what arrived.
          const desk = await room.deskFinish();
          const delivered = (await downPending()) === 0;
          return (await room.crewFinished(api)) && desk && delivered;
        },
        60_000,
        250,
      );
      await waitForAsync(
        'the queue empty',
        async () => {
          const frame = await api.call('sync.status');
          return frame.ok && (frame.value as SyncStatus).queue.every((l) => l.count === 0);
        },
        60_000,
        250,
      );
      // Every message is at the center now: the desk reads the rest, and the console shows it all read.
      await room.deskFinish();
      await waitForAsync(
        "the desk's read marks on the console",
        async () => (await downPending()) === 0 && (await room.consoleShowsReadMarks(api)),
        30_000,
        250,
      );
      const roomProblems = await room.problems(api);
      const reportProblems = await reports.problems(api, room);
      const dutyProblems = await duty.problems(api, room);
      api.close();

      const items = await deskItems(center);
      const problems = deliveryProblems(items, confirmed);
      console.log(
        `${CYCLES} console kills, ${Math.floor(CYCLES / 4)} center kills: ${confirmed.length} confirmed, ${items.length} held by the center, ${problems.duplicates.length} doubled, ${problems.missing.length} lost`,
      );
      const steps = items.filter((item) => item.kind === 'order-state').length;
      const receipts = items.filter((item) => item.kind === 'receipt');
      const f = room.figures;
      console.log(
        `command room: ${f.orders} orders (${f.cancelled} cancelled), ${f.staffMessages + f.unconfirmedStaffMessagesKept} staff messages (${f.unconfirmedStaffMessagesKept} sent as the center died), ` +
          `${steps} steps held by the center (${f.confirmedSteps} confirmed, ${f.unconfirmedSteps} sent as the console died, ${f.conflicts} found already taken, ${f.notFound} reached for before the order arrived), ` +
          `${receipts.length} receipts up naming ${receipts.reduce((n, r) => n + (r.body.read as unknown[]).length, 0)} entries, ` +
          `${room.downlinkReceipts} receipts down marking ${room.markedRead.size} messages, ${room.conversationOut} staff entries in the conversation checked read; ` +
          `the console waited ${Math.min(...f.arrivalWaits)}–${Math.max(...f.arrivalWaits)} ms for the orders in ${f.arrivalWaits.length} rounds, in vain in ${f.arrivalTimeouts}`,
      );
      const r = reports.figures;
      console.log(
        `incident reports: ${r.confirmedFirst} first reports and ${r.confirmedFollowups} follow-ups confirmed, ${r.unconfirmedKept} first reports sent as the console died kept`,
      );
      expect(problems).toEqual({ duplicates: [], missing: [] });
      console.log(
        `duty log: ${duty.confirmed.size} entries confirmed, ${duty.held.written} written and ${duty.held.automatic} automatic entries held by the console`,
      );
      expect(reportProblems).toEqual({ doubled: [], lost: [], strange: [], badNumbers: [] });
      expect(dutyProblems).toEqual({ doubled: [], lost: [], strange: [] });
      expect(duty.held.written).toBeGreaterThanOrEqual(duty.confirmed.size);
      for (const item of items) if (item.kind === 'message') expect(attempted.has(String(item.body.text))).toBe(true);
      expect(new Set(items.map((item) => item.kind))).toEqual(new Set(['message', 'order-state', 'receipt', 'report', 'duty']));
      expect(roomProblems).toEqual({
        doubledSteps: [],
        lostSteps: [],
        strangeSteps: [],
        badTrails: [],
        doubledReceipts: [],
        lostReceipts: [],
        unreadAtDesk: [],
        doubledInbox: [],
        lostInbox: [],
        strangeInbox: [],
        badInboxOrders: [],
        unreadOnConsole: [],
      });
      expect(items.filter((item) => item.kind === 'report').length).toBe(reports.confirmed.size + r.unconfirmedKept);
      // The whole plan was walked: the check above compared against something.
      expect(steps).toBe(room.orders.reduce((n, o) => n + o.plan.length, 0));
      expect(room.markedRead.size).toBe(items.filter((item) => item.kind === 'message').length);
      // The center's contiguous ack covers everything: no gap was left behind by a kill.
      const vehicles = (await (
        await fetch(new URL('/desk/v1/vehicles', center.url), { headers: { authorization: `Bearer ${center.staffToken}` } })
      ).json()) as { vehicles: Array<{ upAck: number; itemCount: number }> };
      expect(vehicles.vehicles[0]!.upAck).toBe(vehicles.vehicles[0]!.itemCount);
    },
  );
});
