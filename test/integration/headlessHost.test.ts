import { writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { connect, createServer } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LinkStatus } from '../../protocol/links/linkStatus';
import { CellularModemSimulator } from '../../fixtures/devices/cellular/CellularModemSimulator';
import { PtyDevice } from '../../fixtures/devices/PtyDevice';
import { runHostToExit, startHost, type RunningHost } from '../support/headlessHost';
import { useTempDirs } from '../support/tempDir';
import { waitFor } from '../support/waitFor';
import { ApiSocket } from '../support/wsClient';

/** The built headless host as a process: HTTP, the API WebSocket, and how it refuses to start. */

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function hostWithModem(
  env: NodeJS.ProcessEnv = {},
): Promise<{ host: RunningHost; device: PtyDevice<CellularModemSimulator>; dir: string }> {
  const dir = tempDir();
  const device = await PtyDevice.open(join(dir, 'modem.tty'), (write) => new CellularModemSimulator({ write }));
  cleanups.push(() => device.close());
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({ links: [{ id: 'cell-1', name: '5G-1', kind: 'cellular', port: device.devicePath, pollIntervalMs: 300 }] }),
  );
  const host = await startHost(['--port', '0', '--data-dir', dir], 20_000, env);
  cleanups.push(() => host.stop());
  return { host, device, dir };
}

describe('headless host', () => {
  it('serves the renderer with the CSP and refuses a foreign Host header', async () => {
    const { host } = await hostWithModem();
    const page = await fetch(host.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('<div id="root">');
    // fetch() will not send a forged Host header; node:http will (as a DNS-rebinding page's request would arrive).
    const rebinding = await new Promise<number | undefined>((resolve, reject) => {
      get({ host: '127.0.0.1', port: host.port, path: '/', headers: { Host: `evil.example:${host.port}` } }, (response) => {
        response.resume();
        resolve(response.statusCode);
      }).on('error', reject);
    });
    expect(rebinding).toBe(421);
    expect((await fetch(new URL('/assets/nope.js', host.url))).status).toBe(404);
  });

  it('answers API calls over WebSocket and pushes live link status', async () => {
    const { host, device } = await hostWithModem();
    const api = await ApiSocket.open(host.url);
    cleanups.push(() => api.close());
    const info = await api.call('app.info');
    expect(info).toMatchObject({ ok: true, value: { host: 'headless', demo: false } });
    await waitFor('an up status event', () =>
      api.frames.some((f) => f.type === 'event' && f.name === 'links.status' && (f.data as LinkStatus).state === 'up'),
    );
    device.simulator.set({ rsrpDbm: -107 });
    await waitFor('the new value pushed', () =>
      api.frames.some((f) => f.type === 'event' && (f.data as LinkStatus).cellular?.rsrpDbm?.value === -107),
    );
    const list = await api.call('links.list');
    expect(list.ok && (list.value as LinkStatus[])[0]).toMatchObject({ id: 'cell-1', state: 'up' });
  });

  it('answers malformed frames with a clear error and keeps the connection', async () => {
    const { host } = await hostWithModem();
    const api = await ApiSocket.open(host.url);
    cleanups.push(() => api.close());
    expect(await api.sendRaw('not json')).toMatchObject({
      ok: false,
      id: null,
      error: { code: 'BAD_REQUEST', message: 'frame is not valid JSON' },
    });
    expect(await api.sendRaw(JSON.stringify({ type: 'call', id: 7 }))).toMatchObject({ ok: false, id: 7, error: { code: 'BAD_REQUEST' } });
    expect(await api.call('links.drop')).toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    expect(await api.call('settings.update', { theme: 'neon' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await api.call('settings.get')).toMatchObject({ ok: true });
  });

  it('refuses a WebSocket from another origin', async () => {
    const { host } = await hostWithModem();
    await expect(ApiSocket.open(host.url, 'https://evil.example')).rejects.toThrow('HTTP 403');
  });

  it('survives hostile requests: a path that is no URL, rejected upgrades reset mid-way', async () => {
    const { host } = await hostWithModem();
    const raw = (text: string) =>
      new Promise<string>((resolve) => {
        const socket = connect(host.port, '127.0.0.1', () => socket.write(text));
        let answer = '';
        socket.on('data', (chunk) => (answer += chunk.toString()));
        socket.on('close', () => resolve(answer));
        socket.on('error', () => resolve(answer));
        setTimeout(() => socket.destroy(), 500);
      });
    expect(await raw(`GET // HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: close\r\n\r\n`)).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nConnection: upgrade\r\nUpgrade: websocket\r\n\r\n`)).toMatch(
      /403/,
    );
    for (let i = 0; i < 20; i++) {
      const socket = connect(host.port, '127.0.0.1', () => {
        socket.write(
          `GET /api HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\nOrigin: https://evil.example\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`,
        );
        socket.resetAndDestroy();
      });
      socket.on('error', () => {});
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(host.child.exitCode).toBeNull();
    expect((await fetch(host.url)).status).toBe(200);
  });

  it('lists serial ports, and says why when it cannot (no udevadm) without breaking anything', async () => {
    const { host } = await hostWithModem({ PATH: '/nonexistent' });
    const api = await ApiSocket.open(host.url);
    cleanups.push(() => api.close());
    const answer = await api.call('devices.serialPorts');
    expect(answer).toMatchObject({ ok: true, value: { ports: [] } });
    expect(answer.ok && (answer.value as { error?: string }).error).toMatch(/cannot list serial ports.*udevadm/);
    await waitFor('the link still live', () =>
      api.frames.some((f) => f.type === 'event' && f.name === 'links.status' && (f.data as LinkStatus).state === 'up'),
    );
    expect(host.child.exitCode).toBeNull();
  });

  it('stops cleanly on SIGTERM', async () => {
    const { host } = await hostWithModem();
    expect(await host.stop()).toBe(0);
  });
});

describe('headless host start-up errors (one clear line, exit code 2)', () => {
  it('names the bad key of a config file', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ links: [{ id: 'cell-1', name: 'x', kind: 'cellular', port: 5 }] }));
    const { code, output } = await runHostToExit(['--data-dir', dir, '--port', '0']);
    expect(code).toBe(2);
    expect(output).toContain('links[0].port');
    expect(output).not.toMatch(/\n\s+at /);
  });

  it('names an unknown flag', async () => {
    const { code, output } = await runHostToExit(['--prot', '80']);
    expect(code).toBe(2);
    expect(output).toContain("Unknown option '--prot'");
  });

  it('refuses a second console on the same data directory', async () => {
    const { dir } = await hostWithModem();
    const { code, output } = await runHostToExit(['--data-dir', dir, '--port', '0']);
    expect(code).toBe(2);
    expect(output).toContain(join(dir, 'mcv-console.db'));
    expect(output).toContain('in use by another MCV Console process');
  });

  it('says which port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as { port: number }).port;
    const dir = tempDir();
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ links: [{ id: 'cell-1', name: 'x', kind: 'cellular', port: '/dev/null-modem' }] }),
    );
    const { code, output } = await runHostToExit(['--data-dir', dir, '--port', String(port)]);
    expect(code).toBe(2);
    expect(output).toContain(`${port}`);
    expect(output).toContain('already in use');
  });
});
