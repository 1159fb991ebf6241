import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The simulator CLI from source (tsx), as `npm run sim` runs it. */
const SIM_CLI = fileURLToPath(new URL('../../fixtures/devices/cli.ts', import.meta.url));

/** What a simulator tells its parent once it serves: its device path (pty families) or its port (TCP, UDP). */
export interface SimulatorReady {
  type: 'ready';
  devicePath?: string;
  port?: number;
  host?: string;
}

export interface SimulatorProcess {
  child: ChildProcess;
  ready: SimulatorReady;
  /** Everything it wrote to stderr so far. */
  stderr(): string;
  /** Kills it (SIGKILL unless told otherwise: as a crash would) and resolves once it has exited. */
  dispose(signal?: NodeJS.Signals): Promise<void>;
}

export interface StartSimulatorOptions {
  /** How long it may take to start (tsx compiles on the way). Default 30 000 ms. */
  timeoutMs?: number;
  /** Pass its stderr through to the test's. Default true; off for a start that is meant to fail. */
  echoStderr?: boolean;
}

/**
 * Runs `npm run sim -- <family> <args> --exit-with-parent --quiet` as a child process and
 * resolves once it reports ready. Rejects with a clear message holding the simulator's
 * stderr when it exits first or is not ready in time (then it is killed).
 */
export async function startSimulator(
  family: string,
  args: readonly string[],
  options: StartSimulatorOptions = {},
): Promise<SimulatorProcess> {
  const { timeoutMs = 30_000, echoStderr = true } = options;
  const child = spawn(process.execPath, ['--import', 'tsx', SIM_CLI, family, ...args, '--exit-with-parent', '--quiet'], {
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (echoStderr) process.stderr.write(chunk);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const dispose = async (signal: NodeJS.Signals = 'SIGKILL') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };
  const said = () => stderr.trim() || '(nothing on stderr)';

  const ready = await new Promise<SimulatorReady>((resolve, reject) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void dispose().then(() => reject(new Error(`simulator "${family}" was not ready within ${timeoutMs} ms: ${said()}`)));
    }, timeoutMs);
    child.on('message', (message: unknown) => {
      if ((message as { type?: unknown } | null)?.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message as SimulatorReady);
    });
    // 'close', not 'exit': by then all of stderr has arrived to be quoted.
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (!timedOut)
        reject(new Error(`simulator "${family}" exited (${code === null ? signal : `code ${code}`}) before it was ready: ${said()}`));
    });
  });
  return { child, ready, stderr: () => stderr, dispose };
}
