import { spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { describe, expect, it } from 'vitest';
import { onCleanup, startTcpEcho, startUdpEcho, tcpClient, udpClient } from './relayTestKit';
import { waitFor } from '../../support/waitFor';

/** `npm run relay` as a process: what it prints, its stdin commands, its exit codes. */

const CLI = ['--import', 'tsx', 'fixtures/net/relayCli.ts'];

describe('relay CLI', () => {
  it('says where it listens, relays TCP and UDP, answers stats and profile, and stops on SIGTERM', async () => {
    const tcpEcho = await startTcpEcho();
    const udpEcho = await startUdpEcho();
    const child = spawn(
      process.execPath,
      [...CLI, '--profile', 'clear', '--tcp', `0:127.0.0.1:${tcpEcho.port}`, '--udp', `0:127.0.0.1:${udpEcho.port}`],
      {
        stdio: ['pipe', 'pipe', 'inherit'],
      },
    );
    onCleanup(() => void child.kill('SIGKILL'));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    const lines: string[] = [];
    createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));

    const banner = await waitFor('the banner', () => lines.find((l) => l.startsWith('link relay')), 20_000);
    expect(banner).toMatch(/^link relay \(clear\): tcp 127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+, udp 127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+$/);
    const tcpPort = Number(/tcp 127\.0\.0\.1:(\d+)/.exec(banner)![1]);
    const udpPort = Number(/udp 127\.0\.0\.1:(\d+)/.exec(banner)![1]);

    const client = await tcpClient(tcpPort);
    client.socket.write('z');
    await client.bytes(1);
    expect(client.received().toString()).toBe('z');
    const udp = await udpClient();
    udp.send('u', udpPort);
    await waitFor('the UDP echo', () => udp.received.length > 0);

    child.stdin.write('stats\n');
    const stats = await waitFor('the stats line', () => lines.find((l) => l.startsWith('{')));
    expect(JSON.parse(stats)).toMatchObject({ profile: 'clear', connections: 1, bytesUp: 2, bytesDown: 2 });
    child.stdin.write('profile satellite\n');
    await waitFor('the new profile', () => lines.some((l) => l.includes('"profile":"satellite"')));
    child.stdin.write('nonsense\n');
    await waitFor('the complaint', () => lines.some((l) => l.startsWith('error: unknown command')));

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it.each([
    [['--profile', 'moon', '--tcp', '0:127.0.0.1:7'], /--profile must be one of/],
    [['--tcp', '0:7000'], /--tcp must be LISTENPORT:HOST:PORT/],
    [['--udp', '70000:127.0.0.1:7'], /--udp listen port must be a number/],
    [['--profile', 'clear'], /give --tcp and\/or --udp/],
    [['--bogus'], /Unknown option '--bogus'/],
  ])('refuses %j with one line and exit code 2', (args, message) => {
    const result = spawnSync(process.execPath, [...CLI, ...args], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(2);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('prints its usage for --help', () => {
    const result = spawnSync(process.execPath, [...CLI, '--help'], { encoding: 'utf8', timeout: 30_000 });
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^usage: npm run relay -- /);
    expect(result.stdout).toContain('profile NAME');
  });
});
