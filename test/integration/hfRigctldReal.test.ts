import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { HfReading } from '../../native/hf/hfTypes';
import { RigctldDriver, type RigctldDriverOptions } from '../../native/hf/RigctldDriver';
import { probeDriver } from '../support/driverProbe';
import { realPeer } from '../support/realPeer';
import { waitFor } from '../support/waitFor';

/**
 * The rigctld driver against the real Hamlib rigctld (Debian libhamlib-utils; verified with
 * 4.5.4) driving its dummy rig (`-m 1`), in both answer forms and in `--vfo` mode. Changes
 * are made the way an operator's tool would make them: with the real `rigctl -m 2` (NET
 * rigctl) talking to the same rigctld. The simulator must agree with what is seen here.
 */

const peer = realPeer('rigctld', 'libhamlib-utils');

/** The dummy rig's state when rigctld starts (Hamlib 4.5.4). */
const DUMMY_START = { frequencyHz: 145_000_000, mode: 'FM', passbandHz: 15_000 };

const started = new Set<ChildProcess>();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => {
  // Even when a test failed half way: no rigctld of ours outlives the suite.
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** A port nobody listens on now (the kernel picks it; closed again before rigctld takes it). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });
}

interface RealRigctld {
  port: number;
  vfo: boolean;
  stop(): Promise<void>;
}

/** Starts `rigctld -m 1` (dummy rig) on loopback and waits until it accepts connections. */
async function startRigctld(vfo: boolean, port?: number): Promise<RealRigctld> {
  const chosen = port ?? (await freePort());
  const args = ['-m', '1', '-T', '127.0.0.1', '-t', String(chosen), ...(vfo ? ['--vfo'] : [])];
  const child = spawn('rigctld', args, { stdio: 'ignore' });
  started.add(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
    started.delete(child);
  };
  cleanups.push(stop);
  await waitFor(`rigctld listening on ${chosen}`, () => accepts(chosen));
  return { port: chosen, vfo, stop };
}

/**
 * Runs the real `rigctl` against rigctld (model 2 = NET rigctl); returns its output lines.
 * Short timeout, no retries: against an off rig, NET rigctl's open reads empty answers and
 * takes 30 s with its defaults (500 ms × 5 retries per query) before it sends anything.
 */
function rigctl(rig: RealRigctld, ...commands: string[]): string[] {
  const args = ['-m', '2', '-r', `127.0.0.1:${rig.port}`, '-C', 'timeout=300,retry=0', ...(rig.vfo ? ['--vfo'] : []), ...commands];
  const result = spawnSync('rigctl', args, { encoding: 'utf8', timeout: 10_000 });
  if (result.status !== 0) throw new Error(`rigctl ${commands.join(' ')} failed: ${result.stderr}`);
  return result.stdout.split('\n').filter((line) => line.trim() !== '');
}

function startDriver(port: number, options: Partial<RigctldDriverOptions>) {
  const driver = new RigctldDriver({ port, pollIntervalMs: 250, commandTimeoutMs: 700, retryInitialMs: 100, retryMaxMs: 400, ...options });
  const probe = probeDriver<HfReading>(driver);
  driver.start();
  cleanups.push(() => driver.close());
  return { driver, ...probe };
}

const MODES = [
  { protocol: 'extended', vfo: false },
  { protocol: 'default', vfo: false },
  { protocol: 'extended', vfo: true },
  { protocol: 'default', vfo: true },
] as const;

describe.skipIf(!peer).each(MODES)('rigctld driver against real rigctld -m 1 ($protocol form, --vfo $vfo)', ({ protocol, vfo }) => {
  /** A VFO-mode rigctld takes the VFO as the first argument of rig commands; rigctl --vfo wants it too. */
  const at = (...rest: string[]) => (vfo ? ['currVFO', ...rest] : rest);

  it('reads the dummy rig and follows frequency and mode changes made with rigctl', async () => {
    const rig = await startRigctld(vfo);
    const probe = startDriver(rig.port, { protocol });
    await waitFor('first reading', () => probe.latest.frequencyHz === DUMMY_START.frequencyHz && probe.driver.connection.state === 'ready');
    expect(probe.latest).toMatchObject({ ...DUMMY_START, powerOn: true });
    expect(probe.driver.vfoMode).toBe(vfo);
    if (protocol === 'extended') expect(probe.identities[0]).toEqual({ manufacturer: 'Hamlib', model: 'Dummy' });

    rigctl(rig, 'F', ...at('7074000'), 'M', ...at('USB', '2400'));
    await waitFor('new frequency and mode', () => probe.latest.frequencyHz === 7_074_000 && probe.latest.mode === 'USB');
    expect(probe.latest.passbandHz).toBe(2400);
    expect(rigctl(rig, 'f', ...at())).toEqual(['7074000']);
  });

  it('shows the rig switched off with rigctl as powered off, and back when switched on', async () => {
    const rig = await startRigctld(vfo);
    const probe = startDriver(rig.port, { protocol });
    await waitFor('on', () => probe.latest.powerOn === true && probe.latest.frequencyHz === DUMMY_START.frequencyHz);

    // rigctl 4.5.4 on its command line takes `set_powerstat 0`, not `\set_powerstat 0` (see docs/devices.md).
    rigctl(rig, 'set_powerstat', '0');
    await waitFor('powered off', () => probe.latest.powerOn === false);
    const off = probe.readings.at(-1)!;
    expect(off).toMatchObject({ powerOn: false, frequencyHz: null, mode: null });
    expect(probe.driver.connection).toEqual({ state: 'ready' });
    const from = probe.readings.length;
    await waitFor('two more polls, still off', () => probe.readings.length >= from + 2);
    expect(probe.since(from).every((r) => r.powerOn === false)).toBe(true);
    expect(probe.driver.connection.state).toBe('ready');

    rigctl(rig, 'set_powerstat', '1');
    await waitFor('on again with values', () => probe.latest.powerOn === true && probe.latest.frequencyHz === DUMMY_START.frequencyHz);
  });

  it('says rigctld is gone when it is killed, and reads again once it is restarted', async () => {
    const rig = await startRigctld(vfo);
    const probe = startDriver(rig.port, { protocol });
    await waitFor('ready', () => probe.driver.connection.state === 'ready' && probe.latest.frequencyHz);
    await rig.stop();
    await waitFor('lost', () => probe.driver.connection.state === 'lost');
    expect(probe.driver.connection.problem?.code).toMatch(/^service-(closed|unreachable)$/);

    const again = await startRigctld(vfo, rig.port);
    rigctl(again, 'F', ...at('3573000'));
    await waitFor(
      'ready with the restarted rigctld',
      () => probe.driver.connection.state === 'ready' && probe.latest.frequencyHz === 3_573_000,
    );
    expect(probe.driver.vfoMode).toBe(vfo);
  });
});

describe.skipIf(!peer)('rigctld driver VFO-mode setting against real rigctld', () => {
  it('says clearly when the link is set without VFO mode but rigctld runs with --vfo', async () => {
    const rig = await startRigctld(true);
    const probe = startDriver(rig.port, { protocol: 'extended', vfoMode: 'off' });
    await waitFor('rig-error', () => probe.driver.connection.problem?.code === 'rig-error');
    expect(probe.driver.connection).toMatchObject({ state: 'unresponsive', problem: { detail: expect.stringContaining('--vfo') } });
  });

  it('says clearly when the link is set to VFO mode but rigctld runs without --vfo', async () => {
    const rig = await startRigctld(false);
    const probe = startDriver(rig.port, { protocol: 'default', vfoMode: 'on' });
    await waitFor('rig-error', () => probe.driver.connection.problem?.code === 'rig-error');
    expect(probe.driver.connection.problem?.detail).toContain('without --vfo');
  });
});
