import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startSimulator } from '../support/simulatorProcess';
import { useTempDirs } from '../support/tempDir';

/**
 * `npm run sim -- <family>` as a process: a set-up option that fails ends it with one
 * clear line and a non-zero exit, and leaves no pty, socat or port behind.
 */

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Command lines of live processes that mention `text` (socat and its watchdog shell name the pty path). */
function processesMentioning(text: string): string[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry) && Number(entry) !== process.pid)
    .flatMap((pid) => {
      try {
        const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return command.includes(text) ? [command] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

describe('simulator CLI set-up failures', () => {
  it('cellular with a bad --rsrp exits 1 with one line, its pty and socat already gone', async () => {
    const path = join(tempDir(), 'modem.tty');
    await expect(startSimulator('cellular', ['--port', path, '--rsrp=abc'], { echoStderr: false })).rejects.toThrow(
      /^simulator "cellular" exited \(code 1\) before it was ready: sim: --rsrp: rsrp must be a number from -140 to -44$/,
    );
    // Checked the moment it exited: closing came before the exit, not after socat's watchdog noticed.
    expect(existsSync(path)).toBe(false);
    expect(existsSync(`${path}.sim`)).toBe(false);
    expect(processesMentioning(path)).toEqual([]);
  });

  it('rigctld with a bad --freq exits 1 and frees its port', async () => {
    const probe = createServer();
    const port = await new Promise<number>((resolve) =>
      probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)),
    );
    await new Promise((resolve) => probe.close(resolve));
    await expect(startSimulator('rigctld', ['--port', String(port), '--freq', 'fast'], { echoStderr: false })).rejects.toThrow(
      /exited \(code 1\) before it was ready: sim: --freq: frequency must be a number/,
    );
    expect(await portIsFree(port)).toBe(true);
  });

  it('refuses a bad --seed before opening anything', async () => {
    const path = join(tempDir(), 'gnss.tty');
    await expect(startSimulator('nmea', ['--port', path, '--seed', 'lucky'], { echoStderr: false })).rejects.toThrow(
      /exited \(code 1\) before it was ready: sim: --seed must be a number from 0 to 4294967295$/,
    );
    expect(existsSync(path)).toBe(false);
  });

  it('starts with a seed and reports ready; dispose ends it and its pty', async () => {
    const path = join(tempDir(), 'sbd.tty');
    const sim = await startSimulator('iridium', ['--port', path, '--seed', '42', '--wander', '--chunked']);
    cleanups.push(() => sim.dispose());
    expect(sim.ready).toEqual({ type: 'ready', devicePath: path });
    expect(existsSync(path)).toBe(true);
    await sim.dispose('SIGTERM');
    expect(sim.child.exitCode).toBe(0);
    expect(existsSync(path)).toBe(false);
  });
});
