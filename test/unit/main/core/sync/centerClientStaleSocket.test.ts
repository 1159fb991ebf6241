import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { afterEach, describe, expect, it } from 'vitest';
import { CenterClient } from '../../../../../main/core/sync/CenterClient';
import { encodeCbor } from '../../../../../protocol/sync/codec';
import { CBOR_MIME } from '../../../../../protocol/sync/http';

/**
 * On a slow link the center's keep-alive timer runs ahead of the vehicle's view of it, so
 * the vehicle can send on a connection the center is closing. That request never reached
 * the center: it is sent once more on a new connection instead of failing into a backoff.
 */

const HELLO = { vehicleId: 'mcv-07', name: 'MCV-07', ack: 0, highestSeq: 0, downSeq: 0, serverTime: 1 };
const LIMITS = { idleTimeoutMs: 5_000, totalTimeoutMs: 10_000 };

let server: Server | undefined;
let client: CenterClient | undefined;
afterEach(async () => {
  client?.close();
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  server = client = undefined;
});

/** A center that answers the first request on each connection and resets the connection on the next. */
async function centerClosingKeptConnections(): Promise<{ baseUrl: string; connections: () => number; answered: () => number }> {
  const served = new WeakSet<Socket>();
  let connections = 0;
  let answered = 0;
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      if (served.has(req.socket)) {
        req.socket.resetAndDestroy();
        return;
      }
      served.add(req.socket);
      answered++;
      res.writeHead(200, { 'content-type': CBOR_MIME, 'keep-alive': 'timeout=60' }).end(encodeCbor(HELLO));
    });
  });
  server.on('connection', () => connections++);
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { baseUrl: `http://127.0.0.1:${port}`, connections: () => connections, answered: () => answered };
}

describe('CenterClient on a kept-alive connection the center closed', () => {
  it('sends the request again on a new connection and gets its answer', async () => {
    const center = await centerClosingKeptConnections();
    client = new CenterClient('token');
    const route = { baseUrl: center.baseUrl };
    expect((await client.hello(route, LIMITS)).vehicleId).toBe('mcv-07');
    expect((await client.hello(route, LIMITS)).vehicleId).toBe('mcv-07');
    expect(center.connections()).toBe(2);
    expect(center.answered()).toBe(2);
  });

  it('sends only once more: when the resend is reset too, it fails instead of looping', async () => {
    const center = await centerClosingKeptConnections();
    client = new CenterClient('token');
    const route = { baseUrl: center.baseUrl };
    // Two connections kept alive, so the resend too goes on a kept one and is reset.
    await Promise.all([client.hello(route, LIMITS), client.hello(route, LIMITS)]);
    expect(center.connections()).toBe(2);
    await expect(client.hello(route, LIMITS)).rejects.toMatchObject({ kind: 'transient', code: 'unreachable' });
    expect(center.connections()).toBe(2);
    expect(center.answered()).toBe(2);
  });

  it('does not resend a streamed upload (its body is gone): the failure says the center could not be reached', async () => {
    const center = await centerClosingKeptConnections();
    client = new CenterClient('token');
    const route = { baseUrl: center.baseUrl };
    await client.hello(route, LIMITS);
    await expect(client.patchAttachment(route, 'a1', 0, Readable.from([Buffer.from('photo bytes')]), LIMITS)).rejects.toMatchObject({
      kind: 'transient',
      code: 'unreachable',
    });
    expect(center.connections()).toBe(1);
  });
});
