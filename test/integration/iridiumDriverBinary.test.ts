import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IridiumSbdDriver } from '../../native/iridium/IridiumSbdDriver';
import type { IridiumSbdDriverOptions } from '../../native/iridium/iridiumOptions';
import type { MoAttemptEvent, SbdMt, SbdMtMessage, SbdMtUnreadable } from '../../native/iridium/iridiumTypes';
import { IridiumSbdSimulator } from '../../fixtures/devices/iridium/IridiumSbdSimulator';
import type { SbdWorld } from '../../fixtures/devices/iridium/sbdSimState';
import { PtyDevice } from '../../fixtures/devices/PtyDevice';
import { useTempDirs } from '../support/tempDir';
import { waitFor } from '../support/waitFor';

/**
 * Binary SBD through the Iridium driver and the 9603 simulator over a real socat pty:
 * `sendMo` (AT+SBDWB with its checksum, the MO status table, the retry schedule),
 * MT messages read with AT+SBDRB after a ring alert, and AT-MSSTM before every session.
 */

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Short waits so a test sees the whole schedule: 3 random waits (fixed at half their bound), then every 60 ms. */
const QUICK_RETRY = { randomMaxMs: [100, 100, 100], thenEveryMs: 60 };

async function setup(initial: Partial<SbdWorld> = {}, options: Partial<IridiumSbdDriverOptions> = {}) {
  const device = await PtyDevice.open(
    join(tempDir(), 'sbd.tty'),
    (write) => new IridiumSbdSimulator({ write, chunked: true, initial: { sessionMs: 150, csqMs: 150, ...initial } }),
  );
  cleanups.push(() => device.close());
  const sim = device.simulator;
  const commands: string[] = [];
  sim.on('command', (command) => commands.push(command));
  const driver = new IridiumSbdDriver({
    path: device.devicePath,
    pollIntervalMs: 250,
    commandTimeoutMs: 600,
    sessionTimeoutMs: 5000,
    retryInitialMs: 100,
    retryMaxMs: 400,
    moRetry: QUICK_RETRY,
    random: () => 0.5,
    ...options,
  });
  const attempts: MoAttemptEvent[] = [];
  const mts: SbdMt[] = [];
  const messages: SbdMtMessage[] = [];
  const unreadable: SbdMtUnreadable[] = [];
  driver.on('moAttempt', (event) => attempts.push(event));
  driver.on('mt', (mt) => mts.push(mt));
  driver.on('message', (message) => messages.push(message));
  driver.on('mtUnreadable', (problem) => unreadable.push(problem));
  driver.start();
  cleanups.push(() => driver.close());
  await waitFor('ready', () => driver.connection.state === 'ready');
  return { sim, driver, commands, attempts, mts, messages, unreadable, count: (c: string) => commands.filter((x) => x === c).length };
}

/** 340 bytes holding every byte value, CR, LF and NUL included. */
const ALL_BYTES = Uint8Array.from({ length: 340 }, (_, i) => (i * 7 + 13) % 256);

describe('Iridium SBD binary MO (sendMo)', () => {
  it('sends 340 bytes of any value with AT+SBDWB and its checksum, after AT-MSSTM, and clears the MO buffer', async () => {
    const { sim, driver, commands, attempts } = await setup();
    const from = commands.length; // after init (which clears the MO buffer once)
    const outcome = await driver.sendMo(ALL_BYTES);
    expect(outcome).toMatchObject({ status: 'sent', moStatus: 0, momsn: 12, attempts: 1 });
    expect(sim.gateway.delivered.map((b) => [...b])).toEqual([[...ALL_BYTES]]);
    const moCommands = commands.slice(from).filter((c) => /^AT(\+SBD[WID]|-MSSTM)/.test(c));
    expect(moCommands).toEqual(['AT+SBDWB=340', 'AT-MSSTM', 'AT+SBDIX', 'AT+SBDD0']);
    expect(sim.memory.moBuffer).toBeUndefined();
    expect(attempts).toEqual([expect.objectContaining({ id: outcome.id, attempt: 1, size: 340, result: 'sent', reason: 'success' })]);
  });

  it('refuses 341 bytes, an empty message and a string with a coded error, touching nothing', async () => {
    const { driver, commands } = await setup();
    await expect(driver.sendMo(new Uint8Array(341))).rejects.toMatchObject({
      code: 'sbd-mo-too-large',
      message: 'an SBD MO message holds at most 340 bytes; this one has 341',
    });
    await expect(driver.sendMo(new Uint8Array(0))).rejects.toMatchObject({ code: 'sbd-mo-empty' });
    await expect(driver.sendMo('PING' as unknown as Uint8Array)).rejects.toMatchObject({ code: 'sbd-mo-not-bytes' });
    expect(commands.some((c) => c.startsWith('AT+SBDWB'))).toBe(false);
  });

  it('writes again after a checksum mismatch on the serial line (status 2), and the message goes once', async () => {
    const { sim, driver, count } = await setup();
    sim.corruptMo(1);
    await expect(driver.sendMo(Buffer.from('garbled once'))).resolves.toMatchObject({ status: 'sent', attempts: 1 });
    expect(count('AT+SBDWB=12')).toBe(2);
    expect(sim.gateway.delivered.map((b) => b.toString())).toEqual(['garbled once']);
  });

  it('runs no session while two writes in a row are garbled, and retries the message on the schedule', async () => {
    const { sim, driver, count, attempts } = await setup();
    sim.corruptMo(2);
    await expect(driver.sendMo(Buffer.from('noisy line'))).resolves.toMatchObject({ status: 'sent', attempts: 2 });
    expect(attempts[0]).toMatchObject({ result: 'retry', reason: 'sbd-mo-write-failed' });
    expect(attempts[0]!.detail).toContain('status 2: the checksum did not match');
    expect(count('AT+SBDIX')).toBe(1);
    expect(sim.gateway.delivered).toHaveLength(1);
  });

  it('retries through MO statuses 32, 35 and 17 on the schedule and delivers the message once, on the fourth session', async () => {
    const { sim, driver, attempts, count } = await setup();
    sim.forceSessionResults([32, 35, 17]);
    const outcome = await driver.sendMo(Buffer.from('FLASH: bridge down at km 12'));
    expect(outcome).toMatchObject({ status: 'sent', moStatus: 0, attempts: 4 });
    expect(attempts.map((a) => [a.result, a.moStatus, a.reason])).toEqual([
      ['retry', 32, 'no-network-service'],
      ['retry', 35, 'busy'],
      ['retry', 17, 'gateway-not-responding'],
      ['sent', 0, 'success'],
    ]);
    // random() = 0.5 of a 100 ms bound: each retry planned 50 ms after its failure.
    expect(attempts.slice(0, 3).map((a) => a.retryAt! - a.at)).toEqual([50, 50, 50]);
    expect(count('AT+SBDIX')).toBe(4);
    expect(sim.gateway.delivered.map((b) => b.toString())).toEqual(['FLASH: bridge down at km 12']);
  });

  it.each([
    [12, 'gateway-failure', 'too many segments'],
    [14, 'gateway-failure', 'invalid segment size'],
    [15, 'access-denied', 'access denied'],
    [16, 'locked', 'locked'],
  ] as const)('parks the message on MO status %i (%s) with the reason, and never retries it', async (moStatus, reason, words) => {
    const { sim, driver, count, attempts } = await setup();
    sim.forceSessionResult(moStatus, 5);
    const outcome = await driver.sendMo(Buffer.from('cannot go'));
    expect(outcome).toMatchObject({ status: 'parked', moStatus, reason, attempts: 1 });
    if (outcome.status === 'parked') expect(outcome.detail).toContain(words);
    expect(attempts).toEqual([expect.objectContaining({ result: 'parked', moStatus, reason })]);
    await new Promise((resolve) => setTimeout(resolve, 400)); // several retry periods
    expect(count('AT+SBDIX')).toBe(1);
    expect(sim.gateway.delivered).toEqual([]);
  });

  it('runs no session without network time (AT-MSSTM), says why, and sends once it has it', async () => {
    const { sim, driver, count, attempts } = await setup({ networkTime: false });
    await expect(driver.session()).rejects.toMatchObject({ code: 'sbd-no-network-time' });
    const sending = driver.sendMo(Buffer.from('wait for time'));
    await waitFor('two refused attempts', () => attempts.length >= 2);
    expect(attempts[0]).toMatchObject({ result: 'retry', reason: 'sbd-no-network-time' });
    expect(attempts[0]!.detail).toContain('no network time');
    expect(count('AT+SBDIX')).toBe(0);
    sim.set({ networkTime: true });
    await expect(sending).resolves.toMatchObject({ status: 'sent' });
    expect(count('AT+SBDIX')).toBe(1);
    expect(sim.gateway.delivered).toHaveLength(1);
  });

  it('sends queued messages one after the other, each once', async () => {
    const { sim, driver } = await setup();
    const outcomes = await Promise.all([1, 2, 3].map((n) => driver.sendMo(Uint8Array.of(n, 0x0d, 0x0a))));
    expect(outcomes.map((o) => [o.status, o.id])).toEqual([
      ['sent', 1],
      ['sent', 2],
      ['sent', 3],
    ]);
    expect(sim.gateway.delivered.map((b) => [...b])).toEqual([
      [1, 13, 10],
      [2, 13, 10],
      [3, 13, 10],
    ]);
  });

  it('cancels waiting messages when the driver closes', async () => {
    const { sim, driver } = await setup({}, { moRetry: { randomMaxMs: [], thenEveryMs: 600_000 } });
    sim.forceSessionResult(35, 5);
    const sending = driver.sendMo(Buffer.from('late'));
    await waitFor('first attempt failed', () => sim.gateway.sessions === 1);
    await driver.close();
    await expect(sending).resolves.toMatchObject({ status: 'cancelled', reason: 'sbd-closed', attempts: 1 });
    await expect(driver.sendMo(Buffer.from('x'))).rejects.toMatchObject({ code: 'sbd-closed' });
  });
});

describe('Iridium SBD binary MT (AT+SBDRB)', () => {
  it('answers a ring alert with AT+SBDIXA and reads each message in binary, with MTMSN and the count still queued', async () => {
    const { sim, mts, messages, commands } = await setup();
    const first = Uint8Array.of(0x00, 0x0d, 0x0a, 0xff, 0x4f, 0x4b, 0x0d, 0x0a);
    sim.queueMt(first);
    sim.queueMt('命令：向北');
    await waitFor('both messages', () => mts.length === 2);
    expect(mts.map((m) => [m.mtmsn, [...m.bytes], m.queued])).toEqual([
      [1, [...first], 1],
      [2, [...Buffer.from('命令：向北')], 0],
    ]);
    expect(messages[1]).toMatchObject({ mtmsn: 2, text: '命令：向北' });
    expect(commands).toContain('AT+SBDIXA');
    expect(commands.filter((c) => c === 'AT+SBDRB')).toHaveLength(2);
    expect(commands).not.toContain('AT+SBDRT');
  });

  it('reads again after a wrong checksum, and reports a message that stays unreadable', async () => {
    const { sim, mts, unreadable, commands } = await setup();
    sim.corruptMt(1);
    sim.queueMt('checked');
    await waitFor('the message', () => mts.length === 1);
    expect(Buffer.from(mts[0]!.bytes).toString()).toBe('checked');
    expect(commands.filter((c) => c === 'AT+SBDRB')).toHaveLength(2);
    sim.corruptMt(2);
    sim.queueMt('lost to noise');
    await waitFor('reported unreadable', () => unreadable.length === 1);
    expect(unreadable[0]).toMatchObject({ mtmsn: 2 });
    expect(unreadable[0]!.detail).toMatch(/could not be read intact \(checksum 0x[0-9a-f]{4} does not match/);
    expect(mts).toHaveLength(1);
  });
});
