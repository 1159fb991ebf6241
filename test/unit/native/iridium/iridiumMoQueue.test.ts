import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SbdSession } from '../../../../protocol/links/sbd';
import { SbdMoQueue, type MoAttemptResult } from '../../../../native/iridium/SbdMoQueue';
import type { MoAttemptEvent } from '../../../../native/iridium/sbdMoTypes';
import { sbdOutcome } from '../../../../native/iridium/sbdOutcome';

const session = (moStatus: number, momsn = 1): { session: SbdSession } => ({
  session: { moStatus, outcome: sbdOutcome(moStatus), momsn, mtStatus: 0, mtmsn: 0, mtLength: 0, mtQueued: 0 },
});

/** A queue whose transceiver answers the listed results in turn. */
function queue(results: MoAttemptResult[]) {
  const events: MoAttemptEvent[] = [];
  const sent: number[][] = [];
  const q = new SbdMoQueue({
    retry: { randomMaxMs: [1000], thenEveryMs: 10_000 },
    random: () => 0.5,
    attempt: (bytes) => {
      sent.push([...bytes]);
      return Promise.resolve(results.shift() ?? session(0));
    },
    onAttempt: (event) => events.push(event),
  });
  return { q, events, sent };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('SbdMoQueue', () => {
  it('waits the schedule between attempts: 500 ms (half of the 1000 ms bound), then 10 s', async () => {
    vi.useFakeTimers();
    const { q, events, sent } = queue([session(35), session(17)]);
    const outcome = q.add(Uint8Array.of(9));
    await vi.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(499);
    expect(sent).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(9999);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    await expect(outcome).resolves.toMatchObject({ status: 'sent', attempts: 3 });
    expect(events.map((e) => (e.retryAt === undefined ? e.result : `${e.result} +${e.retryAt - e.at}`))).toEqual([
      'retry +500',
      'retry +10000',
      'sent',
    ]);
  });

  it('waits at least three minutes after MO status 36', async () => {
    vi.useFakeTimers();
    const { q, events } = queue([session(36)]);
    void q.add(Uint8Array.of(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(events[0]).toMatchObject({ result: 'retry', moStatus: 36, reason: 'wait-after-registration' });
    expect(events[0]!.retryAt! - events[0]!.at).toBe(180_000);
  });

  it('parks on a fatal status and goes on with the next message; a problem without a session is retried', async () => {
    vi.useFakeTimers();
    const { q, events, sent } = queue([session(14), { problem: { code: 'not-ready', detail: 'port lost' } }, session(0, 7)]);
    const first = q.add(Uint8Array.of(1));
    const second = q.add(Uint8Array.of(2));
    await expect(first).resolves.toMatchObject({
      status: 'parked',
      moStatus: 14,
      reason: 'gateway-failure',
      detail: 'invalid segment size',
    });
    await vi.advanceTimersByTimeAsync(500);
    await expect(second).resolves.toMatchObject({ status: 'sent', momsn: 7, attempts: 2 });
    expect(sent).toEqual([[1], [2], [2]]);
    expect(events[1]).toMatchObject({ result: 'retry', reason: 'not-ready', detail: 'port lost' });
  });

  it('resolves waiting messages as cancelled on close, and an attempt that throws counts as no answer', async () => {
    vi.useFakeTimers();
    const events: MoAttemptEvent[] = [];
    const q = new SbdMoQueue({
      retry: { randomMaxMs: [], thenEveryMs: 60_000 },
      random: () => 0,
      attempt: () => Promise.reject(new Error('boom')),
      onAttempt: (event) => events.push(event),
    });
    const outcome = q.add(Uint8Array.of(1));
    await vi.advanceTimersByTimeAsync(0);
    expect(events[0]).toMatchObject({ result: 'retry', reason: 'no-session-answer', detail: 'Error: boom' });
    q.close('driver closed');
    await expect(outcome).resolves.toMatchObject({ status: 'cancelled', reason: 'sbd-closed', detail: 'driver closed', attempts: 1 });
    expect(q.length).toBe(0);
  });
});
