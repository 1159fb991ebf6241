import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CivSimulator, type CivRadioState } from '../../fixtures/devices/hf/CivSimulator';
import { PtyDevice } from '../../fixtures/devices/PtyDevice';
import { CivDriver, type CivDriverOptions } from '../../native/hf/CivDriver';
import type { HfReading } from '../../native/hf/hfTypes';
import { useTempDirs } from '../support/tempDir';
import { probeDriver } from '../support/driverProbe';
import { startSimulator } from '../support/simulatorProcess';
import { waitFor } from '../support/waitFor';

/**
 * The CI-V driver against the Icom simulator over a real socat pty pair: what the
 * console does with an IC-7300 on its USB COM port, minus the radio.
 */

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulatedRadio(initial: Partial<CivRadioState> = {}, options: { echo?: boolean; chunked?: boolean } = {}) {
  const device = await PtyDevice.open(
    join(tempDir(), 'civ.tty'),
    (write) => new CivSimulator({ write, initial, echo: options.echo ?? true, chunked: options.chunked ?? true }),
  );
  cleanups.push(() => device.close());
  return device;
}

/** Starts a driver with short intervals and records everything it emits. */
function startDriver(path: string, options: Partial<CivDriverOptions> = {}) {
  const driver = new CivDriver({ path, pollIntervalMs: 250, commandTimeoutMs: 600, retryInitialMs: 100, retryMaxMs: 400, ...options });
  const probe = probeDriver<HfReading>(driver);
  driver.start();
  cleanups.push(() => driver.close());
  return { driver, ...probe };
}

/** Every value a reading carried is the radio's (nothing garbled into a wrong value). */
function consistent(reading: HfReading, s: CivRadioState): boolean {
  const modes: Record<number, string> = { 0: 'LSB', 1: 'USB', 2: 'AM', 3: 'CW', 4: 'RTTY', 5: 'FM', 7: 'CWR', 8: 'RTTYR' };
  const expected: Partial<HfReading> = { frequencyHz: s.frequencyHz, mode: modes[s.mode], ptt: s.ptt, powerOn: true };
  return Object.entries(expected).every(
    ([key, value]) => reading[key as keyof HfReading] === undefined || reading[key as keyof HfReading] === value,
  );
}

describe.each([true, false])('CI-V driver against the simulator over a pty (bus echo %s)', (echo) => {
  it('reports frequency, mode, S-meter, PTT, RF power and the radio model', async () => {
    const radio = await simulatedRadio({ frequencyHz: 14_074_000, mode: 0x01, sMeter: 60, rfPower: 255 }, { echo });
    const probe = startDriver(radio.devicePath);
    await waitFor('a full reading', () => probe.latest.rfPower !== undefined && probe.driver.connection.state === 'ready');
    expect(probe.latest).toMatchObject({ frequencyHz: 14_074_000, mode: 'USB', strengthDb: -27, ptt: false, rfPower: 1, powerOn: true });
    expect(probe.identities).toEqual([{ manufacturer: 'Icom', model: 'IC-7300' }]);
  });

  it('follows changes, and takes a transceive broadcast as a reading at once', async () => {
    const radio = await simulatedRadio({}, { echo });
    const probe = startDriver(radio.devicePath);
    await waitFor('ready', () => probe.driver.connection.state === 'ready');
    radio.simulator.set({ sMeter: 241, ptt: true });
    await waitFor('S9+60 and TX', () => probe.latest.strengthDb === 60 && probe.latest.ptt === true);
    const from = probe.readings.length;
    radio.simulator.set({ frequencyHz: 7_074_000 });
    // The broadcast's reading carries the frequency alone; a poll's carries everything.
    await waitFor('the broadcast reading', () => probe.since(from).some((r) => r.frequencyHz === 7_074_000 && r.strengthDb === undefined));
    await waitFor('polled too', () => probe.since(from).some((r) => r.frequencyHz === 7_074_000 && r.strengthDb === 60));
  });

  it('calls a silent (powered-off) radio unresponsive, and recovers when it speaks again', async () => {
    const radio = await simulatedRadio({}, { echo });
    const probe = startDriver(radio.devicePath);
    await waitFor('ready', () => probe.driver.connection.state === 'ready');
    radio.simulator.silence(Number.POSITIVE_INFINITY);
    await waitFor('unresponsive', () => probe.driver.connection.state === 'unresponsive', 15_000);
    expect(probe.driver.connection.problem).toMatchObject({ code: 'radio-silent', detail: expect.stringContaining('0x94') });
    radio.simulator.silence(0);
    const from = probe.readings.length;
    await waitFor(
      'ready again',
      () => probe.driver.connection.state === 'ready' && probe.since(from).some((r) => r.frequencyHz !== undefined),
      15_000,
    );
  });

  it('keeps answering after NG replies, reporting nothing it was refused', async () => {
    const radio = await simulatedRadio({}, { echo });
    const probe = startDriver(radio.devicePath);
    await waitFor('ready', () => probe.latest.frequencyHz);
    radio.simulator.setNg(true);
    const from = probe.readings.length;
    await waitFor('readings while refused', () => probe.since(from).length >= 2);
    expect(probe.since(from).every((r) => r.frequencyHz === undefined && r.mode === undefined && r.powerOn === true)).toBe(true);
    expect(probe.driver.connection.state).toBe('ready');
    radio.simulator.setNg(false);
    radio.simulator.set({ frequencyHz: 21_074_000 });
    await waitFor('values again', () => probe.latest.frequencyHz === 21_074_000);
  });

  it('sends again after bus collisions, and the values still arrive', async () => {
    const radio = await simulatedRadio({}, { echo });
    const probe = startDriver(radio.devicePath);
    await waitFor('ready', () => probe.latest.frequencyHz);
    let collided = 0;
    radio.simulator.on('collided', () => collided++);
    radio.simulator.set({ transceive: false });
    const from = probe.readings.length;
    radio.simulator.collide(3);
    radio.simulator.set({ frequencyHz: 10_136_000 });
    await waitFor('three jams', () => collided === 3);
    await waitFor('values after the jams', () => probe.latest.frequencyHz === 10_136_000);
    expect(probe.driver.collisions).toBeGreaterThanOrEqual(3);
    // Each jammed request was sent again at once: no poll lost a value, nothing timed out.
    expect(probe.since(from).every((r) => r.frequencyHz !== undefined && r.mode !== undefined && r.strengthDb !== undefined)).toBe(true);
    expect(probe.connections.every((c) => c.state === 'ready')).toBe(true);
  });

  it('survives garbage with and without frame ends, and never reports a wrong value', async () => {
    const radio = await simulatedRadio({}, { echo, chunked: false });
    const probe = startDriver(radio.devicePath);
    await waitFor('ready', () => probe.latest.frequencyHz);
    const from = probe.readings.length;
    radio.simulator.garbage(200_000);
    radio.simulator.garbage(20_000, true);
    radio.simulator.set({ transceive: false });
    radio.simulator.set({ frequencyHz: 3_573_000, mode: 0x00 });
    await waitFor('readings after garbage', () => probe.since(from).some((r) => r.frequencyHz === 3_573_000), 20_000);
    const after = probe.since(from);
    const state = radio.simulator.state;
    expect(after.filter((r) => r.frequencyHz !== 14_074_000).every((r) => consistent(r, state))).toBe(true);
    expect(
      after.filter((r) => r.frequencyHz === 14_074_000).every((r) => consistent(r, { ...state, frequencyHz: 14_074_000, mode: 0x01 })),
    ).toBe(true);
  });

  it('comes back by itself after the radio restarts', async () => {
    const radio = await simulatedRadio({}, { echo });
    const probe = startDriver(radio.devicePath);
    await waitFor('ready', () => probe.driver.connection.state === 'ready');
    radio.simulator.restart(1500);
    await waitFor('unresponsive while it restarts', () => probe.driver.connection.state === 'unresponsive', 15_000);
    const from = probe.readings.length;
    await waitFor('ready again', () => probe.driver.connection.state === 'ready' && probe.since(from).length > 0, 15_000);
  });
});

describe('CI-V driver and the port', () => {
  it('talks to a radio at another address (IC-705 at A4)', async () => {
    const radio = await simulatedRadio({ address: 0xa4 });
    const probe = startDriver(radio.devicePath, { civAddress: 0xa4 });
    await waitFor('ready', () => probe.latest.frequencyHz);
    expect(probe.identities).toEqual([{ manufacturer: 'Icom', model: 'IC-705' }]);
  });

  it('calls a radio at the wrong address silent', async () => {
    const radio = await simulatedRadio();
    const probe = startDriver(radio.devicePath, { civAddress: 0x98 });
    await waitFor('radio-silent', () => probe.driver.connection.problem?.code === 'radio-silent', 15_000);
    expect(probe.readings).toEqual([]);
  });

  it('reports a missing port and connects when the radio appears', async () => {
    const path = join(tempDir(), 'late.tty');
    const probe = startDriver(path);
    await waitFor(
      'port missing',
      () => probe.driver.connection.state === 'lost' && probe.driver.connection.problem?.code === 'port-missing',
    );
    expect(probe.driver.connection.problem?.detail).toContain(path);
    const device = await PtyDevice.open(path, (write) => new CivSimulator({ write }));
    cleanups.push(() => device.close());
    await waitFor('ready once it appears', () => probe.driver.connection.state === 'ready' && probe.latest.frequencyHz);
  });

  it('reconnects by itself when the simulator process is killed and restarted', async () => {
    const path = join(tempDir(), 'civ.tty');
    const start = async () => {
      const sim = await startSimulator('civ', ['--port', path, '--freq', '7074000']);
      cleanups.push(() => sim.dispose());
      return sim;
    };
    const first = await start();
    const probe = startDriver(path);
    await waitFor('ready', () => probe.driver.connection.state === 'ready' && probe.latest.frequencyHz === 7_074_000, 15_000);
    await first.dispose();
    await waitFor('port lost', () => probe.driver.connection.state === 'lost', 15_000);
    await start();
    const from = probe.readings.length;
    // The transceiver's identity is asked for beside the first readings and may come after them.
    await waitFor(
      'ready again, with readings and the identity read anew',
      () => probe.driver.connection.state === 'ready' && probe.since(from).length > 0 && probe.identities.length >= 2,
      20_000,
    );
    expect(probe.identities.at(-1)).toEqual(probe.identities[0]);
  });
});
