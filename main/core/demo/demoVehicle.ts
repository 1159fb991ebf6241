import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LinkConfig } from '../../../protocol/config/linkConfig';

/** A running simulator process, however the host started it (Node fork, Electron utilityProcess). */
export interface SimulatorProcess {
  /** Resolves with what the simulator reported (device path, port) once it is ready; rejects if it exits first. */
  readonly ready: Promise<Record<string, unknown>>;
  kill(): void;
}

/** Starts `npm run sim` with these arguments as a child of the host. */
export type SimulatorSpawner = (args: string[]) => SimulatorProcess;

/** One simulator process of the demo vehicle. */
interface DemoProcess {
  key: string;
  args: string[];
}

/** One link of the demo vehicle, built once its simulators reported where they are. */
interface DemoLink {
  build(ready: (key: string) => Record<string, unknown>): unknown;
}

export interface DemoControl {
  /** e.g. `demo-5g` (the modem) or `demo-5g-path` (its path's far end). */
  key: string;
  /** `npm run sim -- ctl <socket> <command>` */
  socket: string;
}

export interface RunningDemo {
  links: LinkConfig[];
  controls: DemoControl[];
  stop(): void;
}

/** `<dataDir>/demo`, or a short folder under the temp dir when socket paths would be too long (108 bytes on Linux). */
export function demoDirectory(dataDir: string): string {
  const preferred = join(dataDir, 'demo');
  const dir =
    preferred.length <= 80 ? preferred : join(tmpdir(), `mcv-demo-${createHash('sha1').update(dataDir).digest('hex').slice(0, 10)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function socatAvailable(): boolean {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

/**
 * The demo vehicle: a 5G and an LTE modem (each with a probed path), an Iridium SBD
 * unit, an HF radio behind rigctld, a GNSS receiver, and a VSAT terminal known only by
 * its path — every simulator a separate process on a real pty or socket, values
 * wandering gently so the tiles are alive.
 */
export function demoPlan(dir: string): { processes: DemoProcess[]; links: DemoLink[] } {
  const control = (key: string) => ['--control', join(dir, `${key}.ctl`), '--exit-with-parent', '--quiet'];
  const pty = (key: string) => join(dir, `${key}.tty`);
  const echo = (key: string, profile: string, ...extra: string[]): DemoProcess => ({
    key,
    args: ['udp-echo', '--listen', '127.0.0.1:0', '--profile', profile, ...extra, ...control(key)],
  });
  const probeOf = (ready: (key: string) => Record<string, unknown>, key: string, intervalMs: number) => ({
    target: `127.0.0.1:${String(ready(key).port)}`,
    intervalMs,
    timeoutMs: Math.min(2000, intervalMs),
  });

  const processes: DemoProcess[] = [
    {
      key: 'demo-5g',
      args: [
        'cellular',
        '--port',
        pty('demo-5g'),
        '--model',
        'rm520n',
        '--tech',
        'sa',
        '--operator',
        'CHINA MOBILE',
        '--plmn',
        '46000',
        '--rsrp=-86',
        '--wander',
        ...control('demo-5g'),
      ],
    },
    echo('demo-5g-path', 'clear', '--delay', '18', '--jitter', '6'),
    {
      key: 'demo-lte',
      args: [
        'cellular',
        '--port',
        pty('demo-lte'),
        '--model',
        'eg25',
        '--operator',
        'CHINA UNICOM',
        '--plmn',
        '46001',
        '--rsrp=-103',
        '--wander',
        ...control('demo-lte'),
      ],
    },
    echo('demo-lte-path', 'clear', '--delay', '35', '--jitter', '12', '--loss', '1'),
    { key: 'demo-iridium', args: ['iridium', '--port', pty('demo-iridium'), '--wander', ...control('demo-iridium')] },
    {
      key: 'demo-hf',
      args: ['rigctld', '--host', '127.0.0.1', '--port', '0', '--freq', '7074000', '--mode', 'USB', '--wander', ...control('demo-hf')],
    },
    { key: 'demo-gnss', args: ['nmea', '--port', pty('demo-gnss'), '--talker', 'GN', '--wander', ...control('demo-gnss')] },
    // A GEO terminal: ~600 ms round trip; random rather than bursty loss keeps the demo calm.
    echo('demo-vsat-path', 'clear', '--delay', '300', '--jitter', '25', '--loss', '1'),
  ];
  const links: DemoLink[] = [
    {
      build: (ready) => ({
        id: 'demo-5g',
        name: '5G-1',
        kind: 'cellular',
        port: pty('demo-5g'),
        metered: true,
        probe: probeOf(ready, 'demo-5g-path', 1000),
      }),
    },
    {
      build: (ready) => ({
        id: 'demo-lte',
        name: 'LTE-2',
        kind: 'cellular',
        port: pty('demo-lte'),
        metered: true,
        probe: probeOf(ready, 'demo-lte-path', 1000),
      }),
    },
    {
      build: () => ({
        id: 'demo-iridium',
        name: 'Iridium',
        kind: 'satellite-sbd',
        port: pty('demo-iridium'),
        pollIntervalMs: 5000,
        mailboxCheckIntervalMs: 120_000,
      }),
    },
    {
      build: (ready) => ({
        id: 'demo-hf',
        name: 'HF 7 MHz',
        kind: 'hf',
        driver: 'rigctld',
        host: '127.0.0.1',
        port: Number(ready('demo-hf').port),
      }),
    },
    { build: () => ({ id: 'demo-gnss', name: 'GNSS', kind: 'gnss', driver: 'nmea', port: pty('demo-gnss') }) },
    {
      build: (ready) => ({
        id: 'demo-vsat',
        name: 'VSAT',
        kind: 'satellite-ip',
        capacityKbps: 512,
        probe: probeOf(ready, 'demo-vsat-path', 2000),
      }),
    },
  ];
  return { processes, links };
}

/** Starts every demo simulator and waits (up to `timeoutMs`) until all report ready. */
export async function startDemoVehicle(dataDir: string, spawn: SimulatorSpawner, timeoutMs = 15_000): Promise<RunningDemo> {
  const dir = demoDirectory(dataDir);
  const plan = demoPlan(dir);
  const started = plan.processes.map((p) => ({ key: p.key, process: spawn(p.args) }));
  const stop = () => started.forEach((s) => s.process.kill());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`demo simulators not ready within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const infos = await Promise.race([Promise.all(started.map((s) => s.process.ready)), timeout]);
    const byKey = new Map(started.map((s, i) => [s.key, infos[i]!]));
    const ready = (key: string) => byKey.get(key) ?? {};
    const links = plan.links.map((l) => LinkConfig.parse(l.build(ready)));
    const controls = plan.processes.map((p) => ({ key: p.key, socket: join(dir, `${p.key}.ctl`) }));
    return { links, controls, stop };
  } catch (error) {
    stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
}
