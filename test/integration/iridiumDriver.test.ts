import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { IridiumSbdDriver } from '../../native/iridium/IridiumSbdDriver';
import type { IridiumSbdDriverOptions } from '../../native/iridium/iridiumOptions';
import type { DeviceConnection, DeviceIdentity, SbdMtMessage, SbdReading } from '../../native/iridium/iridiumTypes';
import { IridiumSbdSimulator } from '../../fixtures/devices/iridium/IridiumSbdSimulator';
import type { SbdWorld } from '../../fixtures/devices/iridium/sbdSimState';
import { PtyDevice } from '../../fixtures/devices/PtyDevice';
import { useTempDirs } from '../support/tempDir';
import { startSimulator } from '../support/simulatorProcess';
import { waitFor } from '../support/waitFor';

/**
 * The Iridium SBD driver against the 9603 simulator over a real socat pty pair: what the
 * console does with a real RockBLOCK on a USB serial adapter, minus the sky.
 */

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function simulatedUnit(initial: Partial<SbdWorld> = {}, chunked = true) {
  const device = await PtyDevice.open(
    join(tempDir(), 'sbd.tty'),
    (write) => new IridiumSbdSimulator({ write, chunked, initial: { sessionMs: 200, csqMs: 200, ...initial } }),
  );
  cleanups.push(() => device.close());
  const commands: string[] = [];
  device.simulator.on('command', (command) => commands.push(command));
  return { device, sim: device.simulator, commands };
}

/** Records everything the driver emits, and merges readings the way a link does. */
function startDriver(path: string, options: Partial<IridiumSbdDriverOptions> = {}) {
  const driver = new IridiumSbdDriver({
    path,
    pollIntervalMs: 250,
    commandTimeoutMs: 600,
    sessionTimeoutMs: 5000,
    retryInitialMs: 100,
    retryMaxMs: 400,
    ...options,
  });
  const readings: SbdReading[] = [];
  const connections: DeviceConnection[] = [];
  const identities: DeviceIdentity[] = [];
  const messages: SbdMtMessage[] = [];
  const latest: Partial<SbdReading> = {};
  driver.on('reading', (reading) => {
    readings.push(reading);
    Object.assign(latest, reading);
  });
  driver.on('connection', (connection) => connections.push(connection));
  driver.on('identity', (identity) => identities.push(identity));
  driver.on('message', (message) => messages.push(message));
  driver.start();
  cleanups.push(() => driver.close());
  return { driver, readings, connections, identities, messages, latest, since: (index: number) => readings.slice(index) };
}

describe('Iridium SBD driver against the simulator over a pty', () => {
  it('reports identity, IMEI, bars, service and the antenna indicator, then ready', async () => {
    const { device } = await simulatedUnit({ bars: 4, imei: '300234010753370' });
    const { driver, latest, identities } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    expect(identities[0]).toEqual({ manufacturer: 'Iridium', model: 'IRIDIUM 9600 Family SBD Transceiver', revision: 'TA16005' });
    expect(latest).toMatchObject({ bars: 4, service: true, antennaFault: false, imei: '300234010753370' });
  });

  it('repeats the last +CIEV service and antenna values in every poll, so they stay fresh while the unit answers', async () => {
    const { device, sim } = await simulatedUnit();
    const { driver, readings, since } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    sim.set({ antennaFault: true });
    await waitFor('antenna fault event', () => readings.some((r) => r.antennaFault === true));
    const from = readings.length;
    await waitFor('two polls', () => since(from).filter((r) => r.imei !== undefined).length >= 2);
    expect(
      since(from)
        .filter((r) => r.imei !== undefined)
        .every((r) => r.service === true && r.antennaFault === true),
    ).toBe(true);
  });

  it('follows +CIEV indicator events between polls', async () => {
    const { device, sim } = await simulatedUnit({ bars: 4 });
    const { driver, readings, since } = startDriver(device.devicePath, { pollIntervalMs: 600_000 });
    await waitFor('ready', () => driver.connection.state === 'ready');
    const from = readings.length;
    sim.set({ bars: 2 });
    await waitFor('bars from +CIEV:0', () => since(from).some((r) => r.bars === 2));
    sim.set({ bars: 0 });
    await waitFor('service lost from +CIEV:1', () => since(from).some((r) => r.service === false));
    expect(since(from).some((r) => r.bars === 0)).toBe(true);
  });

  it('reads +CSQF answered as +CSQ:n too', async () => {
    const { device } = await simulatedUnit({ bars: 3, csqfForm: 'csq' });
    const { driver, readings } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    await waitFor('a polled reading', () => readings.some((r) => r.imei !== undefined && r.bars === 3));
  });

  it('falls back to three indicators when +CIER refuses the antenna parameter', async () => {
    const { device, commands } = await simulatedUnit({ antennaIndicator: false });
    const { driver, readings } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    expect(commands).toContain('AT+CIER=1,1,1');
    expect(readings.some((r) => r.service === true)).toBe(true);
    expect(readings.some((r) => r.antennaFault !== undefined)).toBe(false);
  });

  it('no sky: bars 0, service lost, and a session fails with 32 (no network service); back when the sky returns', async () => {
    const { device, sim } = await simulatedUnit();
    const { driver, latest } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    sim.sky(false);
    await waitFor('no service', () => latest.service === false && latest.bars === 0);
    await expect(driver.session()).resolves.toMatchObject({ moStatus: 32, outcome: 'no-network-service', mtStatus: 2 });
    expect(latest.lastSession).toMatchObject({ outcome: 'no-network-service' });
    sim.sky(true);
    await waitFor('service again', () => latest.service === true && latest.bars === 4);
    await expect(driver.session()).resolves.toMatchObject({ outcome: 'success' });
  });

  it('antenna fault: +CIEV:2,1, and a session fails with 33', async () => {
    const { device, sim } = await simulatedUnit();
    const { driver, latest } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    sim.set({ antennaFault: true });
    await waitFor('antenna fault', () => latest.antennaFault === true);
    await expect(driver.session()).resolves.toMatchObject({ moStatus: 33, outcome: 'antenna-fault' });
    sim.set({ antennaFault: false });
    await waitFor('antenna ok', () => latest.antennaFault === false);
  });

  it.each([
    [36, 'wait-after-registration'],
    [10, 'call-timeout'],
    [13, 'gateway-failure'],
    [17, 'gateway-not-responding'],
    [18, 'rf-drop'],
  ] as const)('reports a session failing with MO status %i as %s, and the next one succeeding', async (moStatus, outcome) => {
    const { device, sim } = await simulatedUnit();
    const { driver, latest } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    sim.forceSessionResult(moStatus);
    await expect(driver.session()).resolves.toMatchObject({ moStatus, outcome });
    expect(latest.lastSession).toMatchObject({ moStatus, outcome });
    await expect(driver.session()).resolves.toMatchObject({ outcome: 'success' });
  });

  it('on SBDRING fetches the queued messages by itself (AT+SBDIXA) and reads them', async () => {
    const { device, sim, commands } = await simulatedUnit();
    const { driver, readings, messages, latest } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    sim.queueMt('orders: go north');
    sim.queueMt('then east');
    await waitFor('ring pending', () => readings.some((r) => r.ringPending === true));
    await waitFor('both messages read', () => messages.length === 2);
    expect(messages.map((m) => m.text)).toEqual(['orders: go north', 'then east']);
    expect(messages.map((m) => m.mtmsn)).toEqual([1, 2]);
    expect(commands).toContain('AT+SBDIXA');
    await waitFor('nothing pending', () => latest.ringPending === false && latest.lastSession?.mtQueued === 0);
  });

  it('retries a fetch that failed under no sky once the retry time has passed', async () => {
    const { device, sim } = await simulatedUnit();
    const { driver, messages, readings } = startDriver(device.devicePath, { sessionRetryMs: 500 });
    await waitFor('ready', () => driver.connection.state === 'ready');
    sim.sky(false);
    sim.queueMt('wait for the sky');
    await waitFor('a failed fetch', () => readings.some((r) => r.lastSession?.outcome === 'no-network-service'));
    sim.sky(true);
    await waitFor('the message', () => messages.length === 1);
  });

  it('checks the mailbox on its interval when enabled', async () => {
    const { device, sim } = await simulatedUnit();
    const { driver } = startDriver(device.devicePath, { mailboxCheckIntervalMs: 400 });
    await waitFor('ready', () => driver.connection.state === 'ready');
    await waitFor('three mailbox checks', () => sim.gateway.sessions >= 3);
  });

  it('waits out a slow session without calling the unit unresponsive, and never overlaps sessions', async () => {
    // Unchunked, so "answered" is logged when the answer is written, before the driver can react to it.
    const { device, sim } = await simulatedUnit({ sessionMs: 2500 }, false);
    const log: string[] = [];
    sim.on('command', (command) => command.startsWith('AT+SBD') && log.push(`> ${command}`));
    sim.on('answered', (command) => command.startsWith('AT+SBD') && log.push(`< ${command}`));
    const { driver, connections, readings } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    const results = await Promise.all([driver.session(), driver.sendText('PING'), driver.session()]);
    expect(results.map((s) => s.momsn)).toEqual([12, 13, 14]);
    const sessions = log.filter((line) => /SBDIX/.test(line));
    expect(sessions).toEqual(['> AT+SBDIX', '< AT+SBDIX', '> AT+SBDIX', '< AT+SBDIX', '> AT+SBDIX', '< AT+SBDIX']);
    expect(connections.some((c) => c.state === 'unresponsive')).toBe(false);
    const from = readings.length;
    await waitFor('polls after the sessions', () => readings.slice(from).some((r) => r.bars !== undefined));
  });

  it('sends text messages (one-line and two-step forms) and clears the MO buffer after', async () => {
    const { device, sim } = await simulatedUnit();
    const { driver } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    const long = `SITREP ${'x'.repeat(300)}`;
    await expect(driver.sendText('PING 中文')).resolves.toMatchObject({ outcome: 'success' });
    await expect(driver.sendText(long)).resolves.toMatchObject({ outcome: 'success' });
    expect(sim.gateway.delivered.map((b) => b.toString())).toEqual(['PING 中文', long]);
    expect(sim.memory.moBuffer).toBeUndefined();
    await expect(driver.session()).resolves.toMatchObject({ outcome: 'success' });
    expect(sim.gateway.delivered).toHaveLength(2); // a mailbox check never re-sends
    await expect(driver.sendText('x'.repeat(341))).rejects.toThrow('holds at most 340 bytes');
  });

  it('survives garbage bytes, with and without line endings, and recovers', async () => {
    const { device, sim } = await simulatedUnit({}, false);
    const { driver, since, readings } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    sim.garbage(200_000);
    sim.garbage(20_000, true);
    const from = readings.length;
    sim.set({ bars: 1 });
    await waitFor('readings after garbage', () => since(from).some((r) => r.bars === 1), 20_000);
    await waitFor('ready after garbage', () => driver.connection.state === 'ready', 20_000);
    await expect(driver.session()).resolves.toMatchObject({ outcome: 'success' });
  });

  it('calls a silent unit unresponsive, and recovers when it speaks again', async () => {
    const { device, sim } = await simulatedUnit();
    const { driver, readings } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    sim.silence(Number.POSITIVE_INFINITY);
    await waitFor('unresponsive', () => driver.connection.state === 'unresponsive', 15_000);
    expect(driver.connection.problem).toMatchObject({ code: 'not-responding' });
    await expect(driver.session()).rejects.toThrow(/not ready \(unresponsive\)/);
    sim.silence(0);
    await waitFor('ready again', () => driver.connection.state === 'ready', 15_000);
    const from = readings.length;
    await waitFor('fresh readings', () => readings.slice(from).some((r) => r.bars !== undefined));
  });

  it('re-initialises after a power cycle (echo back on, indicators off)', async () => {
    const { device, sim } = await simulatedUnit();
    const { driver, identities, readings } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    sim.restart(800);
    await waitFor('second init', () => identities.length >= 2, 15_000);
    await waitFor('ready again', () => driver.connection.state === 'ready', 15_000);
    expect(sim.memory.indicators.mode).toBe(1);
    const from = readings.length;
    sim.set({ antennaFault: true }); // only +CIEV carries it: indicator reporting is on again
    await waitFor('indicator events after the restart', () => readings.slice(from).some((r) => r.antennaFault === true));
  });

  it('notices a power cycle that left echo off (stored profile) by the indicator check, and re-initialises', async () => {
    const { device, sim, commands } = await simulatedUnit({ bootEcho: false });
    const { driver, identities, readings } = startDriver(device.devicePath);
    await waitFor('ready', () => driver.connection.state === 'ready');
    sim.restart(300);
    await waitFor('second init', () => identities.length >= 2, 15_000);
    expect(commands).toContain('AT+CIER?');
    await waitFor('ready again', () => driver.connection.state === 'ready', 15_000);
    const from = readings.length;
    sim.set({ antennaFault: true });
    await waitFor('indicator events after the restart', () => readings.slice(from).some((r) => r.antennaFault === true));
  });

  it('reports a missing port, and connects when the unit appears', async () => {
    const path = join(tempDir(), 'late.tty');
    const { driver, latest } = startDriver(path);
    await waitFor('port missing', () => driver.connection.state === 'lost' && driver.connection.problem?.code === 'port-missing');
    expect(driver.connection.problem?.detail).toContain(path);
    const device = await PtyDevice.open(path, (write) => new IridiumSbdSimulator({ write }));
    cleanups.push(() => device.close());
    await waitFor('ready once it appears', () => driver.connection.state === 'ready' && latest.bars !== undefined);
  });

  it('reconnects by itself when the simulator process is killed and restarted', async () => {
    const path = join(tempDir(), 'sbd.tty');
    const control = join(tempDir(), 'sbd.ctl');
    const start = async () => {
      const sim = await startSimulator('iridium', ['--port', path, '--control', control, '--bars', '3']);
      cleanups.push(() => sim.dispose());
      return sim;
    };
    const first = await start();
    const { driver, readings, identities } = startDriver(path);
    await waitFor('ready', () => driver.connection.state === 'ready' && readings.some((r) => r.bars === 3));
    await first.dispose();
    await waitFor('port lost', () => driver.connection.state === 'lost', 15_000);
    await expect(driver.session()).rejects.toThrow(/not ready \(lost\)/);
    await start();
    const from = readings.length;
    await waitFor('ready again', () => driver.connection.state === 'ready' && readings.slice(from).some((r) => r.bars === 3), 20_000);
    expect(identities.length).toBeGreaterThanOrEqual(2);
  });
});
