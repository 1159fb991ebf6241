import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PROFILES } from '../../../fixtures/net/impairment';
import { waitFor } from '../../support/waitFor';
import { createSocket } from 'node:dgram';
import { seededRandom } from '../../../fixtures/devices/kit/random';
import { closedPort, onCleanup, sleep, startRelay, startTcpEcho, startUdpEcho, tcpClient, udpClient } from './relayTestKit';

/**
 * The link relay over real loopback sockets (127.0.0.1 only). Timing is asserted as
 * lower bounds (the emulated delay must be there) and, for backpressure, one generous
 * upper bound far below what the alternative would take.
 */

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('LinkRelay over TCP', () => {
  it('pays a handshake and a round trip of the satellite profile for an echo', async () => {
    const echo = await startTcpEcho();
    const relay = await startRelay({
      profile: 'satellite',
      tcp: { target: { host: '127.0.0.1', port: echo.port } },
      random: seededRandom(1),
    });
    const client = await tcpClient(relay.tcpPort);
    const t0 = performance.now();
    client.socket.write('first');
    const first = (await client.bytes(5)) - t0;
    const t1 = performance.now();
    client.socket.write('again');
    const second = (await client.bytes(10)) - t1;
    console.info(`satellite: first echo (with handshake) ${first.toFixed(0)} ms, round trip ${second.toFixed(0)} ms`);
    // 300 ± 20 ms each way: handshake (one round trip) plus the echo's round trip, then a round trip alone.
    expect(first).toBeGreaterThanOrEqual(4 * 280 - 5);
    expect(second).toBeGreaterThanOrEqual(2 * 280 - 5);
    expect(client.received().toString()).toBe('firstagain');
  });

  it('carries 200 KB through lossy cellular identical and in order, and propagates the half-close', async () => {
    const echo = await startTcpEcho();
    const lossy = { ...PROFILES.cellular, lossPct: 5 };
    const relay = await startRelay({ profile: lossy, tcp: { target: { host: '127.0.0.1', port: echo.port } }, random: seededRandom(2) });
    const client = await tcpClient(relay.tcpPort);
    const payload = randomBytes(200_000);
    const t0 = performance.now();
    client.socket.end(payload);
    await client.ended;
    const elapsed = performance.now() - t0;
    console.info(`cellular 5 % loss: 200 KB echoed in ${elapsed.toFixed(0)} ms, stats ${JSON.stringify(relay.stats)}`);
    expect(sha256(client.received())).toBe(sha256(payload));
    expect(relay.stats).toMatchObject({ bytesUp: 200_000, bytesDown: 200_000, connections: 1 });
    expect(relay.stats.segmentsDelayedByLoss).toBeGreaterThan(0);
    // 200 KB at 2 Mbit/s is 800 ms of serialisation each way (pipelined through the echo).
    expect(elapsed).toBeGreaterThanOrEqual(800);
  });

  it('caps the rate: 128 KiB at 512 kbit/s takes at least 2 s', async () => {
    const echo = await startTcpEcho();
    const relay = await startRelay({
      profile: { delayMs: 0, jitterMs: 0, lossPct: 0, rateKbps: 512 },
      tcp: { target: { host: '127.0.0.1', port: echo.port } },
    });
    const client = await tcpClient(relay.tcpPort, { keep: false });
    const t0 = performance.now();
    client.socket.write(randomBytes(128 * 1024));
    const elapsed = (await client.bytes(128 * 1024)) - t0;
    console.info(`512 kbit/s: 128 KiB echoed in ${elapsed.toFixed(0)} ms (${((128 * 1024 * 8) / elapsed).toFixed(0)} kbit/s)`);
    expect(elapsed).toBeGreaterThanOrEqual(2048 - 15); // 1 Mbit at 512 kbit/s; the pacer commits 10 ms ahead
  });

  it('holds data through an outage and delivers all of it when the link is back', async () => {
    const echo = await startTcpEcho();
    const relay = await startRelay({ profile: 'clear', tcp: { target: { host: '127.0.0.1', port: echo.port } } });
    const before = await tcpClient(relay.tcpPort);
    before.socket.write('x');
    await before.bytes(1);
    relay.setProfile('down');
    const payload = randomBytes(50_000);
    before.socket.write(payload);
    const during = await tcpClient(relay.tcpPort); // accepted locally, not dialled while down
    during.socket.write('hello');
    await sleep(500);
    expect(before.receivedBytes()).toBe(1);
    expect(during.receivedBytes()).toBe(0);
    expect(echo.accepted()).toBe(1);
    expect(relay.stats.bytesUp).toBe(1);

    relay.setProfile('clear');
    await before.bytes(1 + payload.length);
    await during.bytes(5);
    expect(sha256(before.received().subarray(1))).toBe(sha256(payload));
    expect(during.received().toString()).toBe('hello');
    expect(echo.accepted()).toBe(2);
  });

  it('cut() resets every open connection, and new ones still work', async () => {
    const echo = await startTcpEcho();
    const relay = await startRelay({
      profile: 'cellular',
      tcp: { target: { host: '127.0.0.1', port: echo.port } },
      random: seededRandom(3),
    });
    const clients = [await tcpClient(relay.tcpPort), await tcpClient(relay.tcpPort)];
    for (const client of clients) client.socket.write('ping');
    await Promise.all(clients.map((c) => c.bytes(4)));
    clients[0]!.socket.write(randomBytes(100_000)); // mid-request
    relay.cut();
    const ends = await Promise.all(clients.map((c) => c.closed));
    expect(ends.map((e) => e.error?.code)).toEqual(['ECONNRESET', 'ECONNRESET']);
    const after = await tcpClient(relay.tcpPort);
    after.socket.write('pong');
    await after.bytes(4);
    expect(after.received().toString()).toBe('pong');
  });

  it('closes the client when the target refuses the connection', async () => {
    const relay = await startRelay({ profile: 'clear', tcp: { target: { host: '127.0.0.1', port: await closedPort() } } });
    const client = await tcpClient(relay.tcpPort);
    const { error } = await client.closed;
    expect(error?.code).toBe('ECONNRESET');
  });

  it('lets a small request through within about one queue behind a bulk stream on another connection', async () => {
    const echo = await startTcpEcho();
    const profile = { delayMs: 50, jitterMs: 0, lossPct: 0, rateKbps: 512 };
    const relay = await startRelay({ profile, queueBytes: 32 * 1024, tcp: { target: { host: '127.0.0.1', port: echo.port } } });
    const bulk = await tcpClient(relay.tcpPort, { keep: false });
    bulk.socket.write(randomBytes(2 * 1024 * 1024)); // 32 s of link at 512 kbit/s, all handed to the socket now
    await waitFor('the bulk stream to fill the link', () => bulk.receivedBytes() > 32 * 1024);
    const small = await tcpClient(relay.tcpPort);
    const t0 = performance.now();
    small.socket.write('urgent');
    const elapsed = (await small.bytes(6)) - t0;
    const backlog = 2 * 1024 * 1024 - relay.stats.bytesUp;
    console.info(`small request behind bulk: echo in ${elapsed.toFixed(0)} ms; bulk still had ${backlog} bytes to send up`);
    // 32 KiB ≈ 0.5 s of queue each way, plus the handshake and 2 × 50 ms; without backpressure ≈ 30 s.
    expect(elapsed).toBeLessThan(3000);
    expect(backlog).toBeGreaterThan(1024 * 1024);
    expect(small.received().toString()).toBe('urgent');
  });
});

describe('LinkRelay over UDP', () => {
  it('echoes a datagram through a clear link', async () => {
    const echo = await startUdpEcho();
    const relay = await startRelay({ profile: 'clear', udp: { target: { host: '127.0.0.1', port: echo.port } } });
    const client = await udpClient();
    client.send('hello', relay.udpPort);
    await waitFor('the echo', () => client.received.length === 1);
    expect(client.received[0]!.toString()).toBe('hello');
    expect(echo.lastFrom).toBe('127.0.0.1');
    expect(relay.stats).toMatchObject({ bytesUp: 5, bytesDown: 5 });
  });

  it("rebindUdp() makes the client's datagrams reach the target from a new source port, as after a change of link", async () => {
    const target = createSocket('udp4');
    const ports: number[] = [];
    target.on('message', (message, from) => {
      ports.push(from.port);
      target.send(message, from.port, from.address);
    });
    await new Promise<void>((resolve) => target.bind(0, '127.0.0.1', resolve));
    onCleanup(() => new Promise<void>((resolve) => target.close(() => resolve())));
    const relay = await startRelay({ profile: 'clear', udp: { target: { host: '127.0.0.1', port: target.address().port } } });
    const client = await udpClient();
    client.send('before', relay.udpPort);
    await waitFor('the first echo', () => client.received.length === 1);
    relay.rebindUdp();
    client.send('after', relay.udpPort);
    await waitFor('the second echo', () => client.received.length === 2);
    expect(client.received.map(String)).toEqual(['before', 'after']);
    expect(ports).toHaveLength(2);
    expect(ports[1]).not.toBe(ports[0]);
  });

  it('drops about half of the datagrams each way at 50 % loss', async () => {
    const echo = await startUdpEcho();
    const relay = await startRelay({
      profile: { delayMs: 5, jitterMs: 0, lossPct: 50 },
      udp: { target: { host: '127.0.0.1', port: echo.port } },
      random: seededRandom(4),
    });
    const client = await udpClient();
    for (let i = 0; i < 200; i++) client.send(`d${i}`, relay.udpPort);
    await waitFor('every datagram accounted for', () => relay.stats.datagramsDropped + client.received.length === 200);
    await sleep(100);
    const { datagramsDropped } = relay.stats;
    console.info(`50 % loss each way: ${client.received.length} of 200 came back, ${datagramsDropped} dropped`);
    // Expected: 100 dropped going up, 50 of the rest coming back: 150 dropped, 50 back.
    expect(datagramsDropped + client.received.length).toBe(200);
    expect(client.received.length).toBeGreaterThanOrEqual(25);
    expect(client.received.length).toBeLessThanOrEqual(80);
  });

  it('drops every datagram while down', async () => {
    const echo = await startUdpEcho();
    const relay = await startRelay({ profile: 'down', udp: { target: { host: '127.0.0.1', port: echo.port } } });
    const client = await udpClient();
    for (let i = 0; i < 20; i++) client.send(`d${i}`, relay.udpPort);
    await waitFor('twenty drops', () => relay.stats.datagramsDropped === 20);
    await sleep(200);
    expect(echo.received).toBe(0);
    expect(client.received).toHaveLength(0);
  });

  it('duplicates every datagram at duplicatePct 100, each way', async () => {
    const echo = await startUdpEcho();
    const relay = await startRelay({
      profile: { ...PROFILES.clear, duplicatePct: 100 },
      udp: { target: { host: '127.0.0.1', port: echo.port } },
    });
    const client = await udpClient();
    client.send('twice', relay.udpPort);
    await waitFor('four copies back', () => client.received.length === 4);
    await sleep(100);
    expect(echo.received).toBe(2);
    expect(client.received.map(String)).toEqual(['twice', 'twice', 'twice', 'twice']);
    expect(relay.stats.datagramsDuplicated).toBe(3);
  });
});
