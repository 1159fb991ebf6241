import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCenter, type CenterProcess } from '../../support/centerProcess';

/**
 * The center against clients that hold its resources: headers that never finish get 408,
 * a body that trickles is cut with 408 `too-slow`, connections beyond the cap are closed at
 * once — and the center keeps serving everyone else.
 */
let center: CenterProcess;
let configDir: string;

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'mcv-limits-'));
  const config = join(configDir, 'center.json');
  writeFileSync(config, JSON.stringify({ http: { maxConnections: 8, headersTimeoutMs: 1500, minBodyBytesPerSecond: 200 } }));
  center = await startCenter({ args: ['--config', config], echo: false });
}, 30_000);

afterAll(async () => {
  await center?.dispose();
  rmSync(configDir, { recursive: true, force: true });
});

function open(): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(center.port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  });
}

/** Everything the server sends until it closes (or `waitMs` passes). */
function answer(socket: Socket, waitMs: number): Promise<{ text: string; closed: boolean }> {
  return new Promise((resolve) => {
    let text = '';
    const timer = setTimeout(() => resolve({ text, closed: false }), waitMs);
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
    socket.on('close', () => {
      clearTimeout(timer);
      resolve({ text, closed: true });
    });
  });
}

const healthy = async () => (await fetch(`${center.url}/healthz`)).status;

describe('center limits', () => {
  it('answers 408 too-slow to headers that never finish', async () => {
    const socket = await open();
    socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\n');
    const { text, closed } = await answer(socket, 8000);
    expect(closed).toBe(true);
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toContain('"code":"too-slow"');
    expect(await healthy()).toBe(200);
  });

  it('cuts an authenticated body that trickles in, with 408 too-slow', { timeout: 40_000 }, async () => {
    const socket = await open();
    socket.write(
      `POST /sync/v1/exchange HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${center.vehicleToken}\r\n` +
        'Content-Type: application/cbor\r\nContent-Length: 100000\r\n\r\n',
    );
    // 20 bytes a second: under the 200 B/s minimum, yet never silent long enough for the idle timeout.
    const drip = setInterval(() => socket.writable && socket.write(Buffer.alloc(20)), 1000);
    const { text } = await answer(socket, 35_000);
    clearInterval(drip);
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 408 /);
    expect(text).toContain('"code":"too-slow"');
    expect(await healthy()).toBe(200);
  });

  it('closes connections beyond the cap at once, and serves again when they go', async () => {
    const held = await Promise.all(Array.from({ length: 8 }, open));
    const extra = await open();
    const { text, closed } = await answer(extra, 1000);
    expect(closed).toBe(true);
    expect(text).toBe('');
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await healthy()).toBe(200);
  });
});
