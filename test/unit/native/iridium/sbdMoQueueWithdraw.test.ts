import { describe, expect, it } from 'vitest';
import { SbdMoQueue, type MoAttemptResult } from '../../../../native/iridium/SbdMoQueue';
import type { MoOutcome } from '../../../../native/iridium/sbdMoTypes';

const session = (moStatus: number): MoAttemptResult => ({
  session: {
    moStatus,
    momsn: 7,
    mtStatus: 0,
    mtmsn: 0,
    mtLength: 0,
    mtQueued: 0,
    outcome: moStatus <= 4 ? 'success' : 'gateway-not-responding',
  },
});

function queue(results: MoAttemptResult[], gate?: Promise<void>) {
  const attempts: number[] = [];
  const q = new SbdMoQueue({
    retry: { randomMaxMs: [60_000], thenEveryMs: 60_000 },
    random: () => 0.5,
    attempt: async (bytes) => {
      attempts.push(bytes[0]!);
      await gate;
      return results.shift() ?? session(0);
    },
    onAttempt: () => {},
  });
  return { q, attempts };
}

describe('SbdMoQueue withdrawal', () => {
  it('withdraws a message waiting for its retry at once, and the next message goes', async () => {
    const { q, attempts } = queue([session(32)]);
    const controller = new AbortController();
    const first = q.add(Uint8Array.of(1), controller.signal);
    const second = q.add(Uint8Array.of(2));
    await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    expect(await first).toMatchObject({ status: 'cancelled', reason: 'withdrawn' });
    expect(await second).toMatchObject({ status: 'sent', momsn: 7 });
    expect(attempts).toEqual([1, 2]);
    q.close('test over');
  });

  it('a message withdrawn during its session keeps the session result if it went, and is withdrawn if it did not', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const { q } = queue([session(0), session(32)], gate);
    const a = new AbortController();
    const b = new AbortController();
    const went = q.add(Uint8Array.of(1), a.signal);
    const failed = q.add(Uint8Array.of(2), b.signal);
    a.abort();
    open();
    expect(await went).toMatchObject({ status: 'sent' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    b.abort();
    const outcome: MoOutcome = await failed;
    expect(outcome).toMatchObject({ status: 'cancelled', reason: 'withdrawn', attempts: 1 });
    q.close('test over');
  });

  it('a signal already aborted never reaches the transceiver', async () => {
    const { q, attempts } = queue([]);
    expect(await q.add(Uint8Array.of(9), AbortSignal.abort())).toMatchObject({ status: 'cancelled', reason: 'withdrawn', attempts: 0 });
    expect(attempts).toEqual([]);
  });
});
