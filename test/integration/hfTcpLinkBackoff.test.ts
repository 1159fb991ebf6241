import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpLink } from '../../native/net/TcpLink';
import { waitFor } from '../support/waitFor';

/**
 * TcpLink's reconnect backoff over real loopback sockets (the link under the rigctld and
 * gpsd drivers). An endpoint that accepts and closes at once must not make the link
 * reconnect at the first delay forever: a connection resets the backoff only once it has
 * proved useful. The assertions are lower bounds (a timer never fires early), so a slow
 * machine cannot fail them.
 */

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A loopback server; `onSocket` decides what each accepted connection gets. */
async function endpoint(onSocket: (socket: Socket) => void): Promise<{ server: Server; port: number; accepted: number[] }> {
  const accepted: number[] = [];
  const server = createServer((socket) => {
    accepted.push(performance.now());
    socket.on('error', () => {});
    onSocket(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { server, port: address.port, accepted };
}

function link(port: number, retryInitialMs: number, retryMaxMs: number): { tcp: TcpLink; downs: number[]; opens: number } {
  const tcp = new TcpLink({ host: '127.0.0.1', port, retryInitialMs, retryMaxMs });
  const record = { tcp, downs: [] as number[], opens: 0 };
  tcp.on('down', () => record.downs.push(performance.now()));
  tcp.on('open', () => record.opens++);
  tcp.start();
  cleanups.push(() => tcp.close());
  return record;
}

describe('TcpLink reconnect backoff', () => {
  it('keeps doubling the delay against an endpoint that accepts and closes at once', async () => {
    const { port, accepted } = await endpoint((socket) => socket.destroy());
    const { downs } = link(port, 40, 320);
    await waitFor('six connections', () => accepted.length >= 6, 15_000);
    // The wait before connection i+1 follows drop i: 40, 80, 160, 320, 320 ms at least.
    const expected = [40, 80, 160, 320, 320];
    const waited = expected.map((_, i) => accepted[i + 1]! - downs[i]!);
    for (const [i, ms] of waited.entries()) expect(ms, `wait ${i} was ${ms.toFixed(0)} ms`).toBeGreaterThanOrEqual(expected[i]! - 2);
  });

  it('says the delay the next reconnect will wait', async () => {
    const { port, accepted } = await endpoint((socket) => socket.destroy());
    const { tcp, downs } = link(port, 40, 160);
    const seen: number[] = [];
    tcp.on('down', () => seen.push(tcp.retryDelayMs));
    await waitFor('four drops', () => downs.length >= 4 && accepted.length >= 4, 15_000);
    expect(seen.slice(0, 4)).toEqual([40, 80, 160, 160]);
  });

  it('resets the backoff once the owner says the connection proved useful', async () => {
    let useful = false;
    const { port, accepted } = await endpoint((socket) => {
      if (useful) socket.write('hello\n');
      else socket.destroy();
    });
    const { tcp, downs } = link(port, 40, 640);
    tcp.on('data', () => tcp.markUseful());
    await waitFor('three useless connections', () => downs.length >= 3, 15_000);
    expect(tcp.retryDelayMs).toBe(320);
    useful = true;
    await waitFor('a useful connection', () => tcp.isOpen && accepted.length >= 4, 15_000);
    await waitFor('backoff reset', () => tcp.retryDelayMs === 40);
  });

  it('resets the backoff by itself when a connection stays up for stableAfterMs', async () => {
    let drop = true;
    const { port } = await endpoint((socket) => {
      if (drop) socket.destroy();
    });
    const tcp = new TcpLink({ host: '127.0.0.1', port, retryInitialMs: 40, retryMaxMs: 640, stableAfterMs: 200 });
    const downs: number[] = [];
    tcp.on('down', () => downs.push(1));
    tcp.start();
    cleanups.push(() => tcp.close());
    await waitFor('two useless connections', () => downs.length >= 2, 15_000);
    drop = false;
    await waitFor('open', () => tcp.isOpen, 15_000);
    expect(tcp.retryDelayMs).toBeGreaterThan(40);
    await waitFor('reset after staying up', () => tcp.retryDelayMs === 40);
  });
});
