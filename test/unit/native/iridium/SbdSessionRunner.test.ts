import { describe, expect, it } from 'vitest';
import type { AtResponse } from '../../../../native/at/AtChannel';
import { AtCommandError } from '../../../../native/at/atErrors';
import { DeviceTimeoutError } from '../../../../native/device/deviceErrors';
import type { SbdMt, SbdMtMessage, SbdMtUnreadable, SbdReading } from '../../../../native/iridium/iridiumTypes';
import type { MtFrameResult } from '../../../../native/iridium/SbdRbFrameReader';
import { SbdSessionPlan } from '../../../../native/iridium/SbdSessionPlan';
import { SbdSessionRunner } from '../../../../native/iridium/SbdSessionRunner';

type Reply = string[] | 'ERROR' | 'timeout' | Promise<string[]>;

/** A runner whose transceiver is the test: `sent` records commands, `replies` answers them by command. */
function setup(
  replies: Record<string, Reply | ((n: number) => Reply)>,
  options: { readMessages?: boolean; mailboxCheckIntervalMs?: number; checkNetworkTime?: boolean; frames?: MtFrameResult[] } = {},
) {
  const armedBytes: Array<Buffer | undefined> = [];
  const mts: SbdMt[] = [];
  const unreadable: SbdMtUnreadable[] = [];
  const frames = [...(options.frames ?? [])];
  const sent: Array<{ command: string; prefix?: string; timeoutMs?: number }> = [];
  const armed: Array<string | undefined> = [];
  const readings: SbdReading[] = [];
  const messages: SbdMtMessage[] = [];
  const counts = new Map<string, number>();
  const plan = new SbdSessionPlan({ mailboxCheckIntervalMs: options.mailboxCheckIntervalMs ?? 0, retryMs: 60_000 });
  const runner = new SbdSessionRunner({
    send: async (command, prefix, timeoutMs) => {
      sent.push({ command, prefix, timeoutMs });
      const n = (counts.get(command) ?? 0) + 1;
      counts.set(command, n);
      const entry = replies[command];
      const reply = typeof entry === 'function' ? entry(n) : entry;
      if (reply === undefined || reply === 'ERROR') return new AtCommandError(command, 'ERROR');
      if (reply === 'timeout') throw new DeviceTimeoutError(command, timeoutMs ?? 2000);
      return { command, lines: await reply } satisfies AtResponse;
    },
    armText: (text) => armed.push(text),
    armBytes: (bytes) => armedBytes.push(bytes),
    takeMtFrame: () => frames.shift() ?? { ok: false, problem: 'incomplete', detail: 'only 0 bytes arrived' },
    checkNetworkTime: options.checkNetworkTime ?? false,
    onMt: (mt) => mts.push(mt),
    onMtUnreadable: (problem) => unreadable.push(problem),
    plan,
    sessionTimeoutMs: 60_000,
    readMessages: options.readMessages ?? true,
    onReading: (reading) => readings.push(reading),
    onMessage: (message) => messages.push(message),
    afterSession: () => {},
    name: 'test',
  });
  return { runner, sent, armed, armedBytes, readings, messages, mts, unreadable, plan, commands: () => sent.map((s) => s.command) };
}

const CLEARED = { 'AT+SBDD0': ['0'] };

describe('SbdSessionRunner', () => {
  it('runs AT+SBDIX with the session timeout and emits the result with ringPending', async () => {
    const { runner, sent, readings } = setup({ 'AT+SBDIX': ['+SBDIX: 0, 12, 0, 0, 0, 2'] });
    const session = await runner.session();
    expect(session).toMatchObject({ moStatus: 0, outcome: 'success', momsn: 12, mtQueued: 2 });
    expect(sent).toEqual([{ command: 'AT+SBDIX', prefix: '+SBDIX:', timeoutMs: 60_000 }]);
    expect(readings).toEqual([{ at: expect.any(Number), lastSession: session, ringPending: true }]);
  });

  it('says nothing about ringPending after a failed session (the gateway was not reached)', async () => {
    const { runner, readings } = setup({ 'AT+SBDIX': ['+SBDIX: 32, 12, 2, 0, 0, 0'] });
    await expect(runner.session()).resolves.toMatchObject({ outcome: 'no-network-service' });
    expect(readings[0]).not.toHaveProperty('ringPending');
  });

  it('rejects when the transceiver answers ERROR or no valid +SBDIX line, and tells the plan', async () => {
    const errored = setup({ 'AT+SBDIX': 'ERROR' });
    errored.plan.ringAlert(0);
    await expect(errored.runner.session()).rejects.toBeInstanceOf(AtCommandError);
    expect(errored.plan.due(Date.now())).toBeUndefined(); // the failed fetch waits retryMs
    const garbled = setup({ 'AT+SBDIX': ['+SBDIX: 0, 12'] });
    await expect(garbled.runner.session()).rejects.toThrow('AT+SBDIX: the answer had no valid +SBDIX line');
    expect(garbled.readings).toEqual([]);
  });

  it('sends a short text in one line, then the session, then clears the MO buffer', async () => {
    const { runner, commands } = setup({ 'AT+SBDWT=PING': [], 'AT+SBDIX': ['+SBDIX: 0, 13, 0, 0, 0, 0'], ...CLEARED });
    await expect(runner.sendText('PING')).resolves.toMatchObject({ outcome: 'success', momsn: 13 });
    expect(commands()).toEqual(['AT+SBDWT=PING', 'AT+SBDIX', 'AT+SBDD0']);
  });

  it('sends a text over 120 bytes with the two-step AT+SBDWT (READY, text, 0)', async () => {
    const text = 'x'.repeat(121);
    const { runner, commands, armed } = setup({ 'AT+SBDWT': ['READY', '0'], 'AT+SBDIX': ['+SBDIX: 0, 14, 0, 0, 0, 0'], ...CLEARED });
    await runner.sendText(text);
    expect(commands()).toEqual(['AT+SBDWT', 'AT+SBDIX', 'AT+SBDD0']);
    expect(armed).toEqual([text, undefined]);
  });

  it('does not run the session when the text was not stored, and still clears the buffer', async () => {
    const refused = setup({ 'AT+SBDWT=PING': 'ERROR', ...CLEARED });
    await expect(refused.runner.sendText('PING')).rejects.toBeInstanceOf(AtCommandError);
    expect(refused.commands()).toEqual(['AT+SBDWT=PING', 'AT+SBDD0']);
    const timedOut = setup({ 'AT+SBDWT': ['READY', '1'], ...CLEARED });
    await expect(timedOut.runner.sendText('y'.repeat(200))).rejects.toThrow('did not store the message (status 1)');
    expect(timedOut.commands()).toEqual(['AT+SBDWT', 'AT+SBDD0']);
  });

  it('reads a received message from the MT buffer in binary before anything else, as bytes and as text', async () => {
    const { runner, messages, mts, commands } = setup(
      { 'AT+SBDIX': ['+SBDIX: 0, 15, 1, 7, 16, 2'], 'AT+SBDRB': [] },
      { frames: [{ ok: true, bytes: Buffer.from('orders: go north') }] },
    );
    await runner.session();
    expect(commands()).toEqual(['AT+SBDIX', 'AT+SBDRB']);
    expect(mts).toEqual([{ mtmsn: 7, bytes: new Uint8Array(Buffer.from('orders: go north')), queued: 2, at: expect.any(Number) }]);
    expect(messages).toEqual([{ mtmsn: 7, text: 'orders: go north', at: expect.any(Number) }]);
  });

  it('reads again after a bad frame, and reports the message unreadable after two', async () => {
    const bad: MtFrameResult = { ok: false, problem: 'checksum', detail: 'checksum 0x0001 does not match the bytes (0x0002)' };
    const again = setup(
      { 'AT+SBDIX': ['+SBDIX: 0, 15, 1, 7, 2, 0'], 'AT+SBDRB': [] },
      { frames: [bad, { ok: true, bytes: Buffer.from('ok') }] },
    );
    await again.runner.session();
    expect(again.commands()).toEqual(['AT+SBDIX', 'AT+SBDRB', 'AT+SBDRB']);
    expect(again.mts.map((m) => Buffer.from(m.bytes).toString())).toEqual(['ok']);
    const lost = setup({ 'AT+SBDIX': ['+SBDIX: 0, 15, 1, 7, 2, 0'], 'AT+SBDRB': [] }, { frames: [bad, bad] });
    await lost.runner.session();
    expect(lost.mts).toEqual([]);
    expect(lost.unreadable).toEqual([
      {
        mtmsn: 7,
        detail: 'AT+SBDRB: the MT message could not be read intact (checksum 0x0001 does not match the bytes (0x0002))',
        at: expect.any(Number),
      },
    ]);
  });

  it('takes a frame whose length differs from the +SBDIX MT length for a bad one', async () => {
    const { runner, unreadable } = setup(
      { 'AT+SBDIX': ['+SBDIX: 0, 15, 1, 7, 5, 0'], 'AT+SBDRB': [] },
      {
        frames: [
          { ok: true, bytes: Buffer.from('abc') },
          { ok: true, bytes: Buffer.from('abc') },
        ],
      },
    );
    await runner.session();
    expect(unreadable[0]?.detail).toContain('3 bytes, but +SBDIX announced 5');
  });

  it('one MO attempt: AT+SBDWB with the bytes and checksum armed for READY, AT-MSSTM, the session, AT+SBDD0', async () => {
    const { runner, commands, armedBytes } = setup(
      { 'AT+SBDWB=3': ['READY', '0'], 'AT-MSSTM': ['-MSSTM: 0a1b2c3d'], 'AT+SBDIX': ['+SBDIX: 0, 20, 0, 0, 0, 0'], ...CLEARED },
      { checkNetworkTime: true },
    );
    await expect(runner.sendMo(Uint8Array.of(1, 2, 0xff))).resolves.toEqual({
      session: expect.objectContaining({ moStatus: 0, momsn: 20 }),
    });
    expect(commands()).toEqual(['AT+SBDWB=3', 'AT-MSSTM', 'AT+SBDIX', 'AT+SBDD0']);
    expect(armedBytes).toEqual([Buffer.from([1, 2, 0xff, 0x01, 0x02]), undefined]);
  });

  it('an MO attempt without network time runs no session and says why; a unit without AT-MSSTM goes ahead', async () => {
    const none = setup(
      { 'AT+SBDWB=1': ['READY', '0'], 'AT-MSSTM': ['-MSSTM: no network service'], ...CLEARED },
      { checkNetworkTime: true },
    );
    await expect(none.runner.sendMo(Uint8Array.of(7))).resolves.toEqual({
      problem: {
        code: 'sbd-no-network-time',
        detail: 'AT+SBDIX not run: the transceiver has no network time (AT-MSSTM: no network service)',
      },
    });
    expect(none.commands()).toEqual(['AT+SBDWB=1', 'AT-MSSTM', 'AT+SBDD0']);
    const old = setup(
      { 'AT+SBDWB=1': ['READY', '0'], 'AT-MSSTM': 'ERROR', 'AT+SBDIX': ['+SBDIX: 0, 1, 0, 0, 0, 0'], ...CLEARED },
      { checkNetworkTime: true },
    );
    await expect(old.runner.sendMo(Uint8Array.of(7))).resolves.toHaveProperty('session');
  });

  it('an MO attempt whose write fails (status 3, or 2 twice) runs no session', async () => {
    const size = setup({ 'AT+SBDWB=1': ['READY', '3'], ...CLEARED });
    await expect(size.runner.sendMo(Uint8Array.of(7))).resolves.toEqual({
      problem: {
        code: 'sbd-mo-write-failed',
        detail: 'AT+SBDWB: the transceiver did not store the message (status 3: the size is out of range (1–340))',
      },
    });
    expect(size.commands()).toEqual(['AT+SBDWB=1', 'AT+SBDD0']);
    const noisy = setup({ 'AT+SBDWB=1': ['READY', '2'], ...CLEARED });
    await expect(noisy.runner.sendMo(Uint8Array.of(7))).resolves.toMatchObject({ problem: { code: 'sbd-mo-write-failed' } });
    expect(noisy.commands()).toEqual(['AT+SBDWB=1', 'AT+SBDWB=1', 'AT+SBDD0']);
    const silent = setup({ 'AT+SBDWB=1': ['READY', '0'], 'AT+SBDIX': 'timeout', ...CLEARED });
    await expect(silent.runner.sendMo(Uint8Array.of(7))).resolves.toMatchObject({ problem: { code: 'no-session-answer' } });
  });

  it('leaves the MT buffer alone when readMessages is off, and survives a failed read', async () => {
    const off = setup({ 'AT+SBDIX': ['+SBDIX: 0, 15, 1, 7, 16, 0'] }, { readMessages: false });
    await off.runner.session();
    expect(off.commands()).toEqual(['AT+SBDIX']);
    const failing = setup({ 'AT+SBDIX': ['+SBDIX: 0, 15, 1, 7, 16, 0'], 'AT+SBDRB': 'timeout' });
    await expect(failing.runner.session()).resolves.toMatchObject({ mtStatus: 1 });
    expect(failing.messages).toEqual([]);
  });

  it('never lets two sessions overlap, whoever asks', async () => {
    let release!: (lines: string[]) => void;
    const first = new Promise<string[]>((resolve) => (release = resolve));
    const { runner, commands } = setup({
      'AT+SBDIX': (n) => (n === 1 ? first : [`+SBDIX: 0, ${12 + n}, 0, 0, 0, 0`]),
      'AT+SBDWT=PING': [],
      ...CLEARED,
    });
    const a = runner.session();
    const b = runner.sendText('PING');
    const c = runner.session();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(commands()).toEqual(['AT+SBDIX']); // the others wait for the first session's answer
    release(['+SBDIX: 0, 12, 0, 0, 0, 0']);
    const results = await Promise.all([a, b, c]);
    expect(results.map((s) => s.momsn)).toEqual([12, 14, 15]);
    expect(commands()).toEqual(['AT+SBDIX', 'AT+SBDWT=PING', 'AT+SBDIX', 'AT+SBDD0', 'AT+SBDIX']);
  });

  it('runs the automatic session the plan wants: AT+SBDIXA after a ring, nothing when none is due, never rejecting', async () => {
    const { runner, plan, commands } = setup(
      { 'AT+SBDIXA': 'timeout', 'AT+SBDIX': ['+SBDIX: 0, 12, 0, 0, 0, 0'] },
      { mailboxCheckIntervalMs: 600_000 },
    );
    await runner.automatic();
    expect(commands()).toEqual([]);
    plan.ringAlert(Date.now());
    await expect(runner.automatic()).resolves.toBeUndefined();
    expect(commands()).toEqual(['AT+SBDIXA']);
    plan.ready(Date.now());
    expect(plan.due(Date.now())).toBeUndefined(); // the failed fetch set the mailbox check an interval later
  });
});
