import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sendControlCommand } from '../../fixtures/devices/controlSocket';
import type { GnssWorldState } from '../../fixtures/devices/gnss/gnssWorld';
import { GpsdSimulator } from '../../fixtures/devices/gnss/GpsdSimulator';
import { ROUTES, distanceM } from '../../fixtures/devices/gnss/route';
import type { DeviceConnection, DeviceIdentity } from '../../native/device/deviceTypes';
import type { GnssReading } from '../../native/gnss/gnssTypes';
import { GpsdDriver } from '../../native/gnss/GpsdDriver';
import { useTempDirs } from '../support/tempDir';
import { startSimulator } from '../support/simulatorProcess';
import { waitFor } from '../support/waitFor';

/**
 * The gpsd driver against the gpsd simulator over real TCP on 127.0.0.1: what the console
 * does with a gpsd on the vehicle PC.
 */

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const INTERVAL_MS = 250;

async function simulatedGpsd(initial: Partial<GnssWorldState> = {}, port = 0) {
  const sim = await GpsdSimulator.start({ port, intervalMs: INTERVAL_MS, initial });
  cleanups.push(() => sim.close());
  return sim;
}

function startDriver(port: number) {
  const driver = new GpsdDriver({ port, silenceTimeoutMs: 1000, retryInitialMs: 100, retryMaxMs: 400, connectTimeoutMs: 1000 });
  const probe = probeDriver(driver);
  driver.start();
  cleanups.push(() => driver.close());
  return { driver, probe };
}

/** Records what a driver emits; `latest` merges readings as the link does (null clears). */
function probeDriver(driver: GpsdDriver) {
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

/** A port nobody listens on (taken from the kernel, then released). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('gpsd driver against the simulator over TCP', () => {
  it('watches gpsd and reports fix, position, altitude, speed, heading and satellites', async () => {
    const gpsd = await simulatedGpsd({ satellitesUsed: 10, satellitesVisible: 15, hdop: 0.7, speedKmh: 36 });
    const { driver, probe } = startDriver(gpsd.port);
    const fix = await waitFor('a 3D fix', () => probe.readings.find((r) => r.fixMode === '3d'));
    await waitFor('satellites', () => probe.latest.satellitesUsed);
    expect(driver.connection).toEqual({ state: 'ready' });
    expect(gpsd.settings.watchers).toBe(1);
    expect(probe.identities.at(-1)).toEqual({ model: 'u-blox', revision: 'gpsd 3.25' });
    expect(fix).toMatchObject({ quality: 'gps', speedMps: 10, badSentences: 0 });
    const start = ROUTES['dujiangyan-yingxiu']![0]!;
    expect(distanceM(start, { latitude: fix.latitude!, longitude: fix.longitude!, altitudeM: 0 })).toBeLessThan(50);
    expect(fix.altitudeM).toBeCloseTo(start.altitudeM, -1);
    expect(probe.latest).toMatchObject({ satellitesUsed: 10, satellitesVisible: 15, hdop: 0.7 });
  });

  it('reports no fix (mode 1) as no position, 2D without altitude, then the 3D fix again', async () => {
    const gpsd = await simulatedGpsd();
    const { probe } = startDriver(gpsd.port);
    await waitFor('a fix', () => probe.latest.latitude);
    gpsd.world.set({ fix: 'none' });
    await waitFor('no fix', () => probe.latest.fixMode === 'none' && probe.latest.latitude === undefined);
    expect(probe.readings.filter((r) => r.fixMode === 'none').at(-1)).toMatchObject({
      quality: 'none',
      latitude: null,
      speedMps: null,
      altitudeM: null,
    });
    await waitFor('no satellites used', () => probe.latest.satellitesUsed === 0);
    gpsd.world.set({ fix: '2d' });
    await waitFor('2D', () => probe.latest.fixMode === '2d' && probe.latest.latitude && probe.latest.altitudeM === undefined);
    gpsd.world.set({ fix: '3d', quality: 'dgps' });
    await waitFor('3D DGPS', () => probe.latest.fixMode === '3d' && probe.latest.quality === 'dgps' && probe.latest.altitudeM);
  });

  it('counts and drops truncated JSON, and keeps reporting from the whole objects', async () => {
    const gpsd = await simulatedGpsd();
    const { driver, probe } = startDriver(gpsd.port);
    await waitFor('a fix', () => probe.latest.latitude);
    gpsd.setTruncate(30);
    const from = probe.readings.length;
    await waitFor('truncated lines counted', () => (probe.latest.badSentences as number) >= 4, 20_000);
    expect(probe.since(from).some((r) => typeof r.latitude === 'number')).toBe(true);
    // A run of cut TPVs may make gpsd look silent for a moment; the connection itself stays.
    expect(probe.connections.some((c) => c.state === 'lost')).toBe(false);
    gpsd.setTruncate(0);
    await waitFor('ready', () => driver.connection.state === 'ready');
  });

  it('survives garbage with and without line ends, counts it even between reports, and recovers', async () => {
    const gpsd = await simulatedGpsd();
    const { driver, probe } = startDriver(gpsd.port);
    await waitFor('a fix', () => probe.latest.latitude);
    gpsd.silence(Number.POSITIVE_INFINITY); // no TPV to carry the count: it must come on its own
    gpsd.garbage(200_000);
    gpsd.garbage(20_000, true);
    await waitFor('garbage counted', () => (probe.latest.badSentences as number) > 0);
    gpsd.silence(0);
    const from = probe.readings.length;
    await waitFor('fixes after garbage', () => probe.since(from).some((r) => typeof r.latitude === 'number'), 20_000);
    expect(driver.connection.state).toBe('ready');
  });

  it('calls gpsd without reports unresponsive, keeps the connection, and recovers', async () => {
    const gpsd = await simulatedGpsd();
    const { driver, probe } = startDriver(gpsd.port);
    await waitFor('a fix', () => probe.latest.latitude);
    gpsd.silence(Number.POSITIVE_INFINITY);
    await waitFor('unresponsive', () => driver.connection.state === 'unresponsive');
    expect(driver.connection.problem).toEqual({
      code: 'not-responding',
      detail: `127.0.0.1:${gpsd.port}: no position report (TPV) for over 1 s`,
    });
    expect(gpsd.settings.clients).toBe(1);
    gpsd.silence(0);
    await waitFor('ready again', () => driver.connection.state === 'ready');
    const from = probe.readings.length;
    await waitFor('fresh fixes', () => probe.since(from).some((r) => typeof r.latitude === 'number'));
  });

  it('says gpsd has no receiver when it is unplugged under a running gpsd, and recovers when it is back', async () => {
    const gpsd = await simulatedGpsd();
    const { driver, probe } = startDriver(gpsd.port);
    await waitFor('a fix', () => probe.latest.latitude);
    gpsd.setDevice(false);
    await waitFor('unresponsive', () => driver.connection.state === 'unresponsive');
    expect(driver.connection.problem).toEqual({ code: 'not-responding', detail: `127.0.0.1:${gpsd.port}: gpsd has no GNSS receiver` });
    gpsd.setDevice(true);
    await waitFor('ready again', () => driver.connection.state === 'ready');
    expect(probe.identities.at(-1)).toEqual({ model: 'u-blox', revision: 'gpsd 3.25' });
  });

  it('reports gpsd restarting as lost (service closed), and comes back by itself', async () => {
    const gpsd = await simulatedGpsd();
    const { driver, probe } = startDriver(gpsd.port);
    await waitFor('a fix', () => probe.latest.latitude);
    gpsd.restart(1500);
    await waitFor('lost', () => driver.connection.state === 'lost');
    expect(probe.connections.find((c) => c.state === 'lost')?.problem?.code).toBe('service-closed');
    await waitFor('unreachable while down', () => driver.connection.problem?.code === 'service-unreachable');
    const from = probe.readings.length;
    await waitFor(
      'ready again with a fix',
      () => driver.connection.state === 'ready' && probe.since(from).some((r) => typeof r.latitude === 'number'),
      20_000,
    );
    expect(gpsd.settings.watchers).toBe(1);
  });

  it('sends ?WATCH as soon as gpsd greets with VERSION', async () => {
    // With the driver's watchdog interval frozen, only the greeting can trigger the request.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    cleanups.push(() => void vi.useRealTimers());
    const gpsd = await simulatedGpsd();
    const { probe } = startDriver(gpsd.port);
    await waitFor('watching', () => gpsd.settings.watchers === 1);
    expect(probe.identities[0]).toEqual({ revision: 'gpsd 3.25' });
  });

  it('asks for the report stream anyway when gpsd does not greet', async () => {
    const received: string[] = [];
    const server = createServer((socket) => {
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => received.push(chunk));
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // Cleanups run in reverse: the driver's connection is gone before the server closes.
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const { driver } = startDriver((server.address() as AddressInfo).port);
    await waitFor('?WATCH', () => received.join('').includes('?WATCH={"enable":true,"json":true}\n'));
    await waitFor('unresponsive without reports', () => driver.connection.state === 'unresponsive');
  });

  it('reports gpsd not running as unreachable, and connects when it starts', async () => {
    const port = await freePort();
    const { driver, probe } = startDriver(port);
    await waitFor('unreachable', () => driver.connection.state === 'lost' && driver.connection.problem?.code === 'service-unreachable');
    expect(driver.connection.problem?.detail).toContain(`127.0.0.1:${port}`);
    await simulatedGpsd({}, port);
    await waitFor('ready with a fix', () => driver.connection.state === 'ready' && probe.latest.latitude);
  });

  it('reconnects by itself when the simulator process is killed and restarted (--port 0, control socket)', async () => {
    const dir = tempDir();
    const control = join(dir, 'gpsd.ctl');
    const start = async (port: number) => {
      const sim = await startSimulator('gpsd', ['--port', String(port), '--interval', String(INTERVAL_MS), '--control', control]);
      cleanups.push(() => sim.dispose());
      return sim;
    };
    const first = await start(0);
    const port = first.ready.port!;
    expect(port).toBeGreaterThan(0);
    const { driver, probe } = startDriver(port);
    await waitFor('ready with a fix', () => driver.connection.state === 'ready' && probe.latest.latitude);
    expect(await sendControlCommand(control, 'fix 2d')).toMatchObject({ ok: true, state: { fix: '2d' } });
    await waitFor('2D by control command', () => probe.latest.fixMode === '2d');
    await first.dispose();
    await waitFor('lost', () => driver.connection.state === 'lost', 15_000);
    await start(port);
    const from = probe.readings.length;
    await waitFor(
      'ready again with a fix',
      () => driver.connection.state === 'ready' && probe.since(from).some((r) => r.fixMode === '3d'),
      20_000,
    );
  });
});
