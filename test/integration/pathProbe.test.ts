import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { IpLinkConfig } from '../../protocol/config/linkConfig';
import { DeviceLink } from '../../main/core/links/DeviceLink';
import { PathProber } from '../../native/probe/PathProber';
import type { ProbeResult } from '../../native/probe/probeTypes';
import { UdpEchoResponder } from '../../fixtures/net/UdpEchoResponder';
import { waitFor } from '../support/waitFor';

/** Path probes over real sockets on loopback (127.0.0.0/8 only), against the impaired echo responder. */

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function responder(delayMs = 0): Promise<UdpEchoResponder> {
  const r = new UdpEchoResponder({ profile: { delayMs, jitterMs: 0, lossPct: 0 } });
  await r.start();
  cleanups.push(() => r.close());
  return r;
}

function prober(options: ConstructorParameters<typeof PathProber>[0]) {
  const p = new PathProber({ intervalMs: 100, timeoutMs: 400, ...options });
  const results: ProbeResult[] = [];
  p.on('probe', (r) => results.push(r));
  p.start();
  cleanups.push(() => p.close());
  return results;
}

describe('PathProber', () => {
  it('measures the round trip through a UDP echo responder', async () => {
    const echo = await responder(60);
    const results = prober({ target: `127.0.0.1:${echo.port}` });
    await waitFor('three answers', () => results.filter((r) => r.ok).length >= 3);
    const good = results.filter((r) => r.ok);
    // 60 ms each way were added; the measurement must include both.
    expect(Math.min(...good.map((r) => r.rttMs!))).toBeGreaterThanOrEqual(118);
    expect(good.map((r) => r.seq)).toEqual([...good.map((r) => r.seq)].sort((a, b) => a - b));
  });

  it('counts a probe with no answer as lost', async () => {
    const echo = await responder();
    echo.impairment.set({ down: true });
    const results = prober({ target: `127.0.0.1:${echo.port}` });
    await waitFor('two losses', () => results.filter((r) => !r.ok).length >= 2);
    expect(results.every((r) => !r.ok && r.error === 'timeout')).toBe(true);
  });

  it("leaves through the link's local address", async () => {
    const echo = await responder();
    const results = prober({ target: `127.0.0.1:${echo.port}`, bindAddress: '127.0.0.2' });
    await waitFor('an answer', () => results.some((r) => r.ok));
    expect(echo.lastFrom).toBe('127.0.0.2');
  });

  it("says why when the link's address does not exist here", async () => {
    const results = prober({ target: '127.0.0.1:9', bindAddress: '192.0.2.77' });
    await waitFor('a failure', () => results[0]);
    expect(results[0]).toMatchObject({ ok: false, error: 'cannot bind 192.0.2.77: EADDRNOTAVAIL' });
  });

  it('falls back to TCP connect time, counting a refusal as an answer', async () => {
    const server: Server = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
    const port = (server.address() as { port: number }).port;
    const open = prober({ target: `127.0.0.1:${port}`, method: 'tcp-connect' });
    await waitFor('connect answers', () => open.filter((r) => r.ok).length >= 2);
    const closedPort = await responder(); // a UDP port: nothing listens on TCP there
    const refused = prober({ target: `127.0.0.1:${closedPort.port}`, method: 'tcp-connect' });
    await waitFor('a refusal', () => refused[0]);
    expect(refused[0]).toMatchObject({ ok: true });
  });

  it('refuses a malformed target with a TypeError', () => {
    expect(() => new PathProber({ target: 'no-port' })).toThrow(TypeError);
  });
});

describe('a path-only link (IP satellite) with real probes', () => {
  it('goes down after three lost probes and back up after five good ones', async () => {
    const echo = await responder(20);
    const config = IpLinkConfig.parse({
      id: 'sat-1',
      name: 'VSAT',
      kind: 'satellite-ip',
      probe: { target: `127.0.0.1:${echo.port}`, intervalMs: 200, timeoutMs: 300, downAfter: 3, upAfter: 5 },
    });
    const link = new DeviceLink({ config });
    link.start();
    cleanups.push(() => link.close());
    await waitFor('up', () => link.snapshot().evaluation.state === 'up');
    expect(link.snapshot()).toMatchObject({ capacityKbps: 512, device: { driver: 'ip-probe', address: `127.0.0.1:${echo.port}` } });
    // 20 ms each way; Node's timers may fire a fraction of a millisecond early (39.9 ms seen in CI).
    expect(link.snapshot().path?.latencyMs?.value).toBeGreaterThanOrEqual(39);
    echo.impairment.set({ down: true });
    await waitFor('down', () => link.snapshot().evaluation.state === 'down');
    expect(link.snapshot().evaluation.reason.code).toBe('probes-lost');
    expect(link.snapshot().capacityKbps).toBe(0);
    echo.impairment.set({ down: false });
    await waitFor('recovering', () => link.snapshot().evaluation.reason.recovery !== undefined);
    expect(link.snapshot().evaluation.reason.code).toBe('probes-lost');
    await waitFor('up again', () => link.snapshot().evaluation.state === 'up');
  });
});
