import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The built center (`node scripts/build-main.mjs`, which `npm test` runs first). */
export const CENTER_SCRIPT = join(process.cwd(), 'out', 'center', 'main.js');

export interface StartCenterOptions {
  /** Data directory; default a fresh temp folder that `dispose()` removes. */
  dataDir?: string;
  /** Extra `serve` arguments (`--tls-cert`, `--config`, …). `--port`/`--echo-port` given here win over the helper's. */
  args?: string[];
  /** Default `MCV-07`; the vehicle is added through the CLI before the first start. */
  vehicleName?: string;
  /** Default `Desk Wang`; the staff member is added through the CLI before the first start. */
  staffName?: string;
  /**
   * Extra `staff add` arguments for that staff member. Default `--role admin`, so tests
   * that are not about access see every vehicle (staffAccess.test.ts covers the rule).
   */
  staffArgs?: string[];
  /** Start the UDP echo responder on a free port (default true); false passes `--echo-port 0`. */
  echo?: boolean;
  env?: NodeJS.ProcessEnv;
  /** How long to wait for the "listening" line. Default 20 000 ms. */
  timeoutMs?: number;
}

export interface CenterProcess {
  /** `http://127.0.0.1:<port>` (or https with TLS); the same after restart(). */
  url: string;
  port: number;
  /** UDP echo port; 0 when off. The same after restart(). */
  echoPort: number;
  vehicleId: string;
  vehicleToken: string;
  staffId: string;
  staffToken: string;
  dataDir: string;
  /** The running child (replaced by restart()). */
  child: ChildProcess;
  /** Everything the current child printed (stdout and stderr). */
  output(): string;
  /** Sends `signal` (default SIGKILL) and resolves when the process has exited. */
  kill(signal?: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Stops the center if it runs (SIGTERM) and starts it again on the same data directory and ports. */
  restart(): Promise<void>;
  /** SIGTERM and wait: resolves with the exit code (0 after a graceful close). */
  stop(): Promise<number | null>;
  /** stop(), then remove the data directory if the helper made it. */
  dispose(): Promise<void>;
}

/** Fails loudly (never skips) when the center has not been built. */
export function assertCenterBuilt(): void {
  if (!existsSync(CENTER_SCRIPT)) throw new Error(`${CENTER_SCRIPT} is missing: run \`node scripts/build-main.mjs\` first (npm test does)`);
}

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one center CLI command to its end (e.g. `['vehicles', 'add', 'MCV-08', '--data-dir', dir]`). */
export function runCenterCli(args: string[], env: NodeJS.ProcessEnv = {}, timeoutMs = 20_000): Promise<CliRun> {
  assertCenterBuilt();
  const child = spawn(process.execPath, [CENTER_SCRIPT, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`center ${args.join(' ')} did not finish within ${timeoutMs} ms:\n${stdout}${stderr}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** The id and token printed by `vehicles add` / `staff add` (lines `id=…` and, last, `token=…`). */
export function parseIssued(stdout: string): { id: string; token: string } {
  const id = /^id=(\S+)$/m.exec(stdout)?.[1];
  const token = /^token=(\S+)\s*$/.exec(stdout.trim().split('\n').at(-1) ?? '')?.[1];
  if (!id || !token) throw new Error(`no id=/token= lines in:\n${stdout}`);
  return { id, token };
}

/** Adds a credential through the CLI and returns its id and token. */
export async function addCredential(
  dataDir: string,
  role: 'vehicles' | 'staff',
  name: string,
  extra: string[] = [],
): Promise<{ id: string; token: string; stdout: string }> {
  const run = await runCenterCli([role, 'add', name, '--data-dir', dataDir, ...extra]);
  if (run.code !== 0) throw new Error(`${role} add failed (${run.code}):\n${run.stdout}${run.stderr}`);
  return { ...parseIssued(run.stdout), stdout: run.stdout };
}

/** A UDP port that was free a moment ago. */
export function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = createSocket('udp4');
    socket.once('error', reject);
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

interface Launched {
  child: ChildProcess;
  output: () => string;
  url: string;
  echoPort: number;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

function launch(args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Launched> {
  const child = spawn(process.execPath, [CENTER_SCRIPT, 'serve', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`center did not start within ${timeoutMs} ms:\n${output}`));
    }, timeoutMs);
    const onData = () => {
      const match = /listening on (https?:\/\/\S+) · (?:UDP echo on (\d+)|UDP echo off)/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      child.stdout!.off('data', onData);
      resolve({ child, output: () => output, url: match[1]!, echoPort: Number(match[2] ?? 0), exited });
    };
    child.stdout!.on('data', onData);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`center exited (${code ?? signal}) before it was ready:\n${output}`));
    });
  });
}

/**
 * Starts the real center process: a temp data directory, HTTP on 127.0.0.1 port 0, the
 * UDP echo on a free port, and a vehicle and a staff member added through the CLI.
 */
export async function startCenter(options: StartCenterOptions = {}): Promise<CenterProcess> {
  assertCenterBuilt();
  const ownDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'mcv-center-'));
  const env = { MCV_LOG: 'info', ...options.env };
  const timeoutMs = options.timeoutMs ?? 20_000;
  const vehicle = await addCredential(dataDir, 'vehicles', options.vehicleName ?? 'MCV-07');
  const staff = await addCredential(dataDir, 'staff', options.staffName ?? 'Desk Wang', options.staffArgs ?? ['--role', 'admin']);
  const echoPort = options.echo === false ? 0 : await freeUdpPort();
  const baseArgs = ['--data-dir', dataDir, '--host', '127.0.0.1'];
  let current = await launch([...baseArgs, '--port', '0', '--echo-port', String(echoPort), ...(options.args ?? [])], env, timeoutMs);

  const running = () => current.child.exitCode === null && current.child.signalCode === null;
  const center: CenterProcess = {
    url: current.url,
    port: Number(new URL(current.url).port),
    echoPort: current.echoPort,
    vehicleId: vehicle.id,
    vehicleToken: vehicle.token,
    staffId: staff.id,
    staffToken: staff.token,
    dataDir,
    child: current.child,
    output: () => current.output(),
    async kill(signal = 'SIGKILL') {
      if (running()) current.child.kill(signal);
      return current.exited;
    },
    async restart() {
      if (running()) {
        current.child.kill('SIGTERM');
        await current.exited;
      }
      current = await launch(
        [...baseArgs, ...(options.args ?? []), '--port', String(center.port), '--echo-port', String(center.echoPort)],
        env,
        timeoutMs,
      );
      center.child = current.child;
      center.url = current.url;
    },
    async stop() {
      if (running()) current.child.kill('SIGTERM');
      return (await current.exited).code;
    },
    async dispose() {
      await center.stop();
      if (ownDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return center;
}
