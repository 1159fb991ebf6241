import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { afterEach } from 'vitest';
import { startLinkRelay, type LinkRelay, type LinkRelayOptions } from '../../../fixtures/net/LinkRelay';
import { UdpEchoResponder } from '../../../fixtures/net/UdpEchoResponder';

/** Loopback sockets for the link relay's tests (127.0.0.1 only), each closed after its test. */

const cleanups: Array<() => Promise<unknown> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

export function onCleanup(cleanup: () => Promise<unknown> | void): void {
  cleanups.push(cleanup);
}

export interface TcpEcho {
  port: number;
  /** Connections the echo server accepted. */
  accepted: () => number;
}

/** A TCP echo server that echoes until the client ends, then ends too (half-close). */
export async function startTcpEcho(): Promise<TcpEcho> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer({ allowHalfOpen: true }, (socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    socket.pipe(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  onCleanup(() => {
    for (const socket of sockets) socket.destroy();
    return new Promise((resolve) => server.close(resolve));
  });
  return { port: (server.address() as { port: number }).port, accepted: () => accepted };
}

/** A free TCP port on loopback with nothing listening on it (for refused connections). */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startRelay(options: LinkRelayOptions): Promise<LinkRelay> {
  const relay = await startLinkRelay(options);
  onCleanup(() => relay.close());
  return relay;
}

export async function startUdpEcho(): Promise<UdpEchoResponder> {
  const echo = new UdpEchoResponder({ host: '127.0.0.1' });
  await echo.start();
  onCleanup(() => echo.close());
  return echo;
}

/** A TCP client that records everything it reads and how its connection ended. */
export interface TcpClient {
  socket: Socket;
  received: () => Buffer;
  receivedBytes: () => number;
  ended: Promise<void>;
  closed: Promise<{ error: NodeJS.ErrnoException | undefined }>;
  /** Resolves with the time (performance.now) at which `total` bytes have been read. */
  bytes: (total: number) => Promise<number>;
}

/** `keep: false` counts the bytes without keeping them (bulk streams). */
export async function tcpClient(port: number, options: { keep?: boolean } = {}): Promise<TcpClient> {
  const socket = connect({ host: '127.0.0.1', port, allowHalfOpen: true });
  const chunks: Buffer[] = [];
  let count = 0;
  let error: NodeJS.ErrnoException | undefined;
  const waiters: Array<{ total: number; resolve: (at: number) => void }> = [];
  socket.on('data', (chunk: Buffer) => {
    if (options.keep !== false) chunks.push(chunk);
    count += chunk.length;
    for (const waiter of waiters.filter((w) => count >= w.total)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(performance.now());
    }
  });
  socket.on('error', (e) => (error = e));
  const ended = new Promise<void>((resolve) => socket.once('end', resolve));
  const closed = new Promise<{ error: NodeJS.ErrnoException | undefined }>((resolve) => socket.once('close', () => resolve({ error })));
  onCleanup(() => void socket.destroy());
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  return {
    socket,
    received: () => Buffer.concat(chunks),
    receivedBytes: () => count,
    ended,
    closed,
    bytes: (total) => (count >= total ? Promise.resolve(performance.now()) : new Promise((resolve) => waiters.push({ total, resolve }))),
  };
}

/** A UDP client on loopback that counts what comes back. */
export async function udpClient(): Promise<{ socket: UdpSocket; received: Buffer[]; send: (data: string | Buffer, port: number) => void }> {
  const socket = createSocket('udp4');
  const received: Buffer[] = [];
  socket.on('message', (message) => received.push(message));
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => socket.close(() => resolve())));
  return { socket, received, send: (data, port) => socket.send(data, port, '127.0.0.1') };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
