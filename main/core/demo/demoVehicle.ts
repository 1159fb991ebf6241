import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CellularLinkConfig } from '../../../protocol/config/consoleConfig';

/** A running simulator process, however the host started it (Node fork, Electron utilityProcess). */
export interface SimulatorProcess {
  /** Resolves when the simulator's pty exists; rejects if it exits first. */
  readonly ready: Promise<void>;
  kill(): void;
}

/** Starts `npm run sim` with these arguments as a child of the host. */
export type SimulatorSpawner = (args: string[]) => SimulatorProcess;

export interface DemoDevice {
  link: CellularLinkConfig;
  /** Arguments for the simulator CLI. */
  args: string[];
  /** Control socket of the simulator (`npm run sim -- ctl <socket> …`). */
  controlSocket: string;
}

/**
 * The demo vehicle: a 5G modem and an LTE modem on simulated serial ports, wandering
 * gently so the tiles are alive. Pty links and control sockets live in `dir`.
 */
export function demoDevices(dataDir: string): DemoDevice[] {
  const dir = demoDirectory(dataDir);
  const device = (id: string, name: string, simArgs: string[]): DemoDevice => {
    const port = join(dir, `${id}.tty`);
    const controlSocket = join(dir, `${id}.ctl`);
    return {
      link: CellularLinkConfig.parse({ id, name, kind: 'cellular', port, metered: true }),
      args: ['cellular', '--port', port, '--control', controlSocket, '--wander', '--exit-with-parent', '--quiet', ...simArgs],
      controlSocket,
    };
  };
  return [
    device('demo-5g', '5G-1', ['--model', 'rm520n', '--tech', 'sa', '--operator', 'CHINA MOBILE', '--plmn', '46000', '--rsrp=-86']),
    device('demo-lte', 'LTE-2', ['--model', 'eg25', '--operator', 'CHINA UNICOM', '--plmn', '46001', '--rsrp=-103']),
  ];
}

/** `<dataDir>/demo`, or a short folder under the temp dir when socket paths would be too long (108 bytes on Linux). */
export function demoDirectory(dataDir: string): string {
  const preferred = join(dataDir, 'demo');
  const dir = preferred.length <= 90 ? preferred : join(tmpdir(), `mcv-demo-${createHash('sha1').update(dataDir).digest('hex').slice(0, 10)}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function socatAvailable(): boolean {
  const probe = spawnSync('socat', ['-V'], { stdio: 'ignore' });
  return probe.error === undefined && probe.status === 0;
}

export interface RunningDemo {
  devices: DemoDevice[];
  stop(): void;
}

/** Starts every demo simulator and waits (up to `timeoutMs`) until their ports exist. */
export async function startDemoVehicle(dataDir: string, spawn: SimulatorSpawner, timeoutMs = 10_000): Promise<RunningDemo> {
  const devices = demoDevices(dataDir);
  const processes = devices.map((d) => spawn(d.args));
  const stop = () => processes.forEach((p) => p.kill());
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`demo simulators not ready within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    await Promise.race([Promise.all(processes.map((p) => p.ready)), timeout]);
  } catch (error) {
    stop();
    throw error;
  } finally {
    clearTimeout(timer);
  }
  return { devices, stop };
}
