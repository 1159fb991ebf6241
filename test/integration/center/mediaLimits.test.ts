import { Peer, WebSocketTransport } from 'protoo-client';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_TRANSPORTS_PER_PEER } from '../../../center/media/MediaRoom';
import { MAX_PEERS_PER_ROOM, REVOKED_CLOSE_CODE } from '../../../center/media/MediaSignaling';
import { FakeMediaBackend } from '../../support/fakeMediaBackend';
import { startMediaCenter, type MediaCenter } from '../../support/mediaCenter';

/**
 * The center's media against peers that take too much or lost their right to be there:
 * a transport cap per peer, a peer cap per room, and revocation that ends live media at
 * once (sockets closed, tickets dead) — with the real center in this process.
 */
const open: Array<{ close(): void } | MediaCenter> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function center(): Promise<MediaCenter> {
  const c = await startMediaCenter(new FakeMediaBackend());
  open.push(c);
  return c;
}

async function connect(socketUrl: string): Promise<Peer> {
  const peer = new Peer(new WebSocketTransport(socketUrl, { retry: { retries: 0 } }));
  open.push(peer);
  await new Promise<void>((resolve, reject) => {
    peer.once('open', resolve);
    peer.once('failed', () => reject(new Error('socket refused')));
  });
  return peer;
}

/** The close code the peer's socket got. */
function closed(peer: Peer): Promise<number | undefined> {
  return new Promise((resolve) => {
    // protoo-client keeps the code to itself; its W3C socket has it.
    const ws = (peer as unknown as { _transport: { _ws: { addEventListener(e: 'close', f: (event: { code: number }) => void): void } } })
      ._transport._ws;
    ws.addEventListener('close', (event) => resolve(event.code));
    peer.once('close', () => resolve(undefined));
  });
}

describe('media limits', () => {
  it(`refuses a peer's transport beyond ${MAX_TRANSPORTS_PER_PEER}, with a clear error, and keeps the peer`, async () => {
    const c = await center();
    const vehicle = await connect((await c.ticket(c.vehicleToken)).socketUrl);
    for (let i = 0; i < MAX_TRANSPORTS_PER_PEER; i++) await vehicle.request('createWebRtcTransport', { producing: true, consuming: false });
    await expect(vehicle.request('createWebRtcTransport', { producing: true, consuming: false })).rejects.toThrow(
      `a peer may hold at most ${MAX_TRANSPORTS_PER_PEER} transports at once`,
    );
    expect(await vehicle.request('getRouterRtpCapabilities')).toBeTruthy();
  });

  it(`refuses a ${MAX_PEERS_PER_ROOM + 1}th socket in a room, and takes one again when someone leaves`, { timeout: 30_000 }, async () => {
    const c = await center();
    const peers = [await connect((await c.ticket(c.vehicleToken)).socketUrl)];
    for (let i = 1; i < MAX_PEERS_PER_ROOM; i++) {
      const token = await c.addStaff(`desk-${i}`, `Desk ${i}`);
      peers.push(await connect((await c.ticket(token, c.vehicleId)).socketUrl));
    }
    const late = await c.addStaff('desk-late', 'Desk Late');
    await expect(connect((await c.ticket(late, c.vehicleId)).socketUrl)).rejects.toThrow('socket refused');
    peers.at(-1)!.close();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await connect((await c.ticket(late, c.vehicleId)).socketUrl)).toBeTruthy();
  });

  it('ends the live media of a revoked staff member at once, and their unused ticket dies', { timeout: 20_000 }, async () => {
    const c = await center();
    const vehicle = await connect((await c.ticket(c.vehicleToken)).socketUrl);
    const desk = await connect((await c.ticket(c.staffToken, c.vehicleId)).socketUrl);
    const spare = await c.ticket(c.staffToken, c.vehicleId);
    const deskClosed = closed(desk);
    const started = Date.now();
    await c.revoke('staff', 'desk-wang');
    expect(await deskClosed).toBe(REVOKED_CLOSE_CODE);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expect(connect(spare.socketUrl)).rejects.toThrow('socket refused');
    // The vehicle, not revoked, is still there.
    expect(await vehicle.request('getRouterRtpCapabilities')).toBeTruthy();
  });

  it("closes the room's sockets when its vehicle is revoked", { timeout: 20_000 }, async () => {
    const c = await center();
    const vehicle = await connect((await c.ticket(c.vehicleToken)).socketUrl);
    const desk = await connect((await c.ticket(c.staffToken, c.vehicleId)).socketUrl);
    const codes = Promise.all([closed(vehicle), closed(desk)]);
    await c.revoke('vehicle', c.vehicleId);
    expect(await codes).toEqual([REVOKED_CLOSE_CODE, REVOKED_CLOSE_CODE]);
  });
});
