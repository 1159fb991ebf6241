import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sendControlCommand } from '../../fixtures/devices/controlSocket';
import type { GnssWorldState } from '../../fixtures/devices/gnss/gnssWorld';
import { NmeaSimulator } from '../../fixtures/devices/gnss/NmeaSimulator';
import { ROUTES, bearingDeg, distanceM } from '../../fixtures/devices/gnss/route';
import { PtyDevice } from '../../fixtures/devices/PtyDevice';
import type { DeviceConnection, DeviceIdentity } from '../../native/device/deviceTypes';
import type { GnssReading } from '../../native/gnss/gnssTypes';
import { NmeaGnssDriver } from '../../native/gnss/NmeaGnssDriver';
import { useTempDirs } from '../support/tempDir';
import { startSimulator } from '../support/simulatorProcess';
import { waitFor } from '../support/waitFor';

/**
 * The NMEA driver against the receiver simulator over a real socat pty pair: what the
 * console does with a USB GNSS receiver, minus the sky.
 */

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const INTERVAL_MS = 250;

async function simulatedReceiver(initial: Partial<GnssWorldState> = {}, path = join(tempDir(), 'gnss.tty')) {
  const device = await PtyDevice.open(path, (write) => new NmeaSimulator({ write, initial, intervalMs: INTERVAL_MS, chunked: true }));
  cleanups.push(() => device.close());
  return device;
}

function startDriver(path: string) {
  const driver = new NmeaGnssDriver({ path, silenceTimeoutMs: 1000, epochGapMs: 100, retryInitialMs: 100, retryMaxMs: 400 });
  const probe = probeDriver(driver);
  driver.start();
  cleanups.push(() => driver.close());
  return { driver, probe };
}

/** Records what a driver emits; `latest` merges readings as the link does (null clears). */
function probeDriver(driver: NmeaGnssDriver) {
  const readings: GnssReading[] = [];
  const connections: DeviceConnection[] = [];
  const identities: DeviceIdentity[] = [];
  const latest: Partial<Record<keyof GnssReading, unknown>> = {};
  driver.on('reading', (reading) => {
    readings.push(reading);
    for (const [key, value] of Object.entries(reading) as Array<[keyof GnssReading, unknown]>) {
      if (value === null) delete latest[key];
      else if (value !== undefined) latest[key] = value;
    }
  });
  driver.on('connection', (connection) => connections.push(connection));
  driver.on('identity', (identity) => identities.push(identity));
  return { readings, connections, identities, latest, since: (index: number) => readings.slice(index) };
}

describe('NMEA GNSS driver against the simulator over a pty', () => {
  it('reports fix, position, altitude, satellites, speed and heading of the vehicle on its route', async () => {
    const receiver = await simulatedReceiver({ satellitesUsed: 11, satellitesVisible: 16, hdop: 0.8, speedKmh: 54 });
    const { driver, probe } = startDriver(receiver.devicePath);
    const fix = await waitFor('a 3D fix', () => probe.readings.find((r) => r.fixMode === '3d' && r.latitude));
    expect(driver.connection).toEqual({ state: 'ready' });
    expect(probe.identities[0]).toEqual({ model: 'NMEA 0183 (GN)' });
    expect(fix).toMatchObject({ quality: 'gps', satellitesUsed: 11, satellitesVisible: 16, hdop: 0.8, speedMps: 15 });
    const start = ROUTES['dujiangyan-yingxiu']![0]!;
    expect(distanceM(start, { latitude: fix.latitude!, longitude: fix.longitude!, altitudeM: 0 })).toBeLessThan(50);
    expect(fix.altitudeM).toBeGreaterThan(700);
    expect(fix.headingDeg).toBeCloseTo(bearingDeg(start, ROUTES['dujiangyan-yingxiu']![1]!), 0);
    expect(typeof fix.badSentences).toBe('number');
  });

  it('follows the vehicle: positions advance along the heading at the set speed', async () => {
    const receiver = await simulatedReceiver({ speedKmh: 72 });
    const { probe } = startDriver(receiver.devicePath);
    const first = await waitFor('a fix', () => probe.readings.find((r) => typeof r.latitude === 'number'));
    const later = await waitFor('a later fix', () => probe.readings.find((r) => typeof r.latitude === 'number' && r.at - first.at >= 1000));
    const a = { latitude: first.latitude!, longitude: first.longitude!, altitudeM: 0 };
    const b = { latitude: later.latitude!, longitude: later.longitude!, altitudeM: 0 };
    expect(distanceM(a, b)).toBeGreaterThan(10);
    expect(bearingDeg(a, b)).toBeCloseTo(first.headingDeg!, -1);
    expect(later.speedMps).toBe(20);
  });

  it('reports no fix as no position, whether the receiver sends empty fields or zeros, then the fix again', async () => {
    const receiver = await simulatedReceiver();
    const { probe } = startDriver(receiver.devicePath);
    await waitFor('a fix', () => probe.latest.latitude);
    receiver.simulator.world.set({ fix: 'none' });
    await waitFor('no fix', () => probe.latest.fixMode === 'none' && probe.latest.latitude === undefined);
    expect(probe.readings.at(-1)).toMatchObject({
      quality: 'none',
      latitude: null,
      longitude: null,
      speedMps: null,
      headingDeg: null,
      satellitesUsed: 0,
    });
    receiver.simulator.setNoFixStyle('zeros');
    const from = probe.readings.length;
    await waitFor('zeros epochs', () => probe.since(from).length >= 3);
    expect(probe.since(from).every((r) => r.latitude === null && r.fixMode === 'none')).toBe(true);
    receiver.simulator.world.set({ fix: '3d' });
    await waitFor('fix again', () => probe.latest.fixMode === '3d' && probe.latest.latitude);
  });

  it('reports a 2D fix without altitude', async () => {
    const receiver = await simulatedReceiver({ fix: '2d' });
    const { probe } = startDriver(receiver.devicePath);
    const r = await waitFor('2D fix', () => probe.readings.find((x) => x.fixMode === '2d'));
    expect(r).toMatchObject({ altitudeM: null, latitude: expect.any(Number) });
  });

  it('counts and drops sentences with bad checksums, and keeps reporting from the good ones', async () => {
    const receiver = await simulatedReceiver();
    const { probe, driver } = startDriver(receiver.devicePath);
    await waitFor('a fix', () => probe.latest.latitude);
    const before = driver.badSentences;
    receiver.simulator.setBadChecksum(40);
    const from = probe.readings.length;
    await waitFor('bad sentences counted', () => (probe.latest.badSentences as number) >= before + 10, 20_000);
    expect(probe.since(from).some((r) => typeof r.latitude === 'number')).toBe(true);
    expect(driver.connection.state).toBe('ready');
    receiver.simulator.setBadChecksum(0);
  });

  it('survives garbage with and without line ends, counts it, and recovers', async () => {
    const receiver = await simulatedReceiver();
    const { driver, probe } = startDriver(receiver.devicePath);
    await waitFor('a fix', () => probe.latest.latitude);
    const before = driver.badSentences;
    receiver.simulator.garbage(200_000);
    receiver.simulator.garbage(20_000, true);
    await waitFor('garbage counted', () => (probe.latest.badSentences as number) > before);
    const from = probe.readings.length;
    await waitFor('fixes after garbage', () => probe.since(from).some((r) => typeof r.latitude === 'number'), 20_000);
    await waitFor('ready', () => driver.connection.state === 'ready');
  });

  it('understands every talker (GP, BD, GB, GL); a talker switch is the same receiver, named once', async () => {
    const receiver = await simulatedReceiver();
    const { probe } = startDriver(receiver.devicePath);
    await waitFor('the receiver named', () => probe.identities.length > 0);
    for (const talker of ['GP', 'BD', 'GB', 'GL'] as const) {
      receiver.simulator.setTalker(talker);
      const from = probe.readings.length;
      await waitFor(`fix from ${talker}`, () =>
        probe.since(from).find((r) => r.fixMode === '3d' && typeof r.latitude === 'number' && r.satellitesVisible === 14),
      );
    }
    expect(probe.identities).toEqual([{ model: 'NMEA 0183 (GN)' }]);
  });

  it('calls a silent receiver unresponsive, keeps the port, and recovers when it speaks again', async () => {
    const receiver = await simulatedReceiver();
    const { driver, probe } = startDriver(receiver.devicePath);
    await waitFor('a fix', () => probe.latest.latitude);
    receiver.simulator.silence(Number.POSITIVE_INFINITY);
    await waitFor('unresponsive', () => driver.connection.state === 'unresponsive');
    expect(driver.connection.problem).toEqual({ code: 'not-responding', detail: `${receiver.devicePath}: no data for over 1 s` });
    expect(probe.connections.some((c) => c.state === 'lost')).toBe(false);
    receiver.simulator.silence(0);
    await waitFor('ready again', () => driver.connection.state === 'ready');
    const from = probe.readings.length;
    await waitFor('fresh fixes', () => probe.since(from).some((r) => typeof r.latitude === 'number'));
  });

  it('calls wrong-baud-rate noise unresponsive, says so, counts it, and recovers', async () => {
    const receiver = await simulatedReceiver();
    const { driver, probe } = startDriver(receiver.devicePath);
    await waitFor('a fix', () => probe.latest.latitude);
    const before = driver.badSentences;
    receiver.simulator.setNoise(true);
    await waitFor('unresponsive', () => driver.connection.state === 'unresponsive');
    expect(driver.connection.problem?.detail).toMatch(/only unreadable data .*wrong baud rate/);
    await waitFor('noise counted in readings', () => (probe.latest.badSentences as number) > before);
    receiver.simulator.setNoise(false);
    await waitFor('ready again', () => driver.connection.state === 'ready');
    const from = probe.readings.length;
    await waitFor('fresh fixes', () => probe.since(from).some((r) => typeof r.latitude === 'number'));
  });

  it('follows a receiver restart: silence, then no fix while acquiring, then the fix again', async () => {
    const receiver = await simulatedReceiver();
    const { driver, probe } = startDriver(receiver.devicePath);
    await waitFor('a fix', () => probe.latest.latitude);
    receiver.simulator.restart(2500, 4);
    await waitFor('unresponsive while restarting', () => driver.connection.state === 'unresponsive');
    const from = probe.readings.length;
    await waitFor('no fix while acquiring', () => probe.since(from).some((r) => r.fixMode === 'none'));
    expect(driver.connection.state).toBe('ready');
    await waitFor('fix again', () => probe.since(from).some((r) => r.fixMode === '3d' && typeof r.latitude === 'number'));
  });

  it('reports a missing port and connects when the receiver appears', async () => {
    const path = join(tempDir(), 'late.tty');
    const { driver, probe } = startDriver(path);
    await waitFor('port missing', () => driver.connection.state === 'lost' && driver.connection.problem?.code === 'port-missing');
    expect(driver.connection.problem?.detail).toContain(path);
    await simulatedReceiver({}, path);
    await waitFor('ready with a fix once it appears', () => driver.connection.state === 'ready' && probe.latest.latitude);
  });

  it('reconnects by itself when the simulator process is killed and restarted, and obeys its control socket', async () => {
    const dir = tempDir();
    const path = join(dir, 'gnss.tty');
    const control = join(dir, 'gnss.ctl');
    const start = async () => {
      const sim = await startSimulator('nmea', ['--port', path, '--interval', String(INTERVAL_MS), '--control', control, '--talker', 'GP']);
      cleanups.push(() => sim.dispose());
      return sim;
    };
    const first = await start();
    expect(first.ready).toEqual({ type: 'ready', devicePath: path });
    const { driver, probe } = startDriver(path);
    await waitFor('ready with a fix', () => driver.connection.state === 'ready' && probe.latest.latitude);
    expect(await sendControlCommand(control, 'fix none')).toMatchObject({ ok: true, state: { fix: 'none' } });
    await waitFor('no fix by control command', () => probe.latest.fixMode === 'none');
    await first.dispose();
    await waitFor('port lost', () => driver.connection.state === 'lost', 15_000);
    expect(driver.connection.problem?.code).toMatch(/^port-(closed|missing|error)$/);
    await start();
    const from = probe.readings.length;
    await waitFor(
      'ready again with a fix',
      () => driver.connection.state === 'ready' && probe.since(from).some((r) => typeof r.latitude === 'number'),
      20_000,
    );
  });
});
