import { Peer, WebSocketTransport } from 'protoo-client';
import WebSocket from 'ws';
import { afterEach, describe, expect, it } from 'vitest';
import { FAKE_CAPABILITIES, FakeMediaBackend } from '../../support/fakeMediaBackend';
import { startMediaCenter, type MediaCenter } from '../../support/mediaCenter';
import { waitFor } from '../../support/waitFor';

/**
 * The center's media signaling with an unmodified protoo-client, over a real socket, in
 * front of an in-memory backend: tickets, the mediasoup-demo request flow, consumers
 * offered to the other peer, errors that answer and never crash.
 */

const open: Array<{ close(): void } | MediaCenter> = [];
afterEach(async () => {
  for (const thing of open.splice(0).reverse()) await thing.close();
});

async function center(disconnectGraceMs?: number): Promise<{ c: MediaCenter; backend: FakeMediaBackend }> {
  const backend = new FakeMediaBackend();
  const c = await startMediaCenter(backend, disconnectGraceMs ? { disconnectGraceMs } : {});
  open.push(c);
  return { c, backend };
}

async function connect(c: MediaCenter, token: string, roomId?: string): Promise<Peer> {
  const { socketUrl } = await c.ticket(token, roomId);
  const peer = new Peer(new WebSocketTransport(socketUrl, { retry: { retries: 0 } }));
  open.push(peer);
  await new Promise<void>((resolve, reject) => {
    peer.once('open', resolve);
    peer.once('failed', () => reject(new Error('socket failed')));
  });
  return peer;
}

const RTP = {
  mid: '0',
  codecs: [{ mimeType: 'video/VP8', payloadType: 101, clockRate: 90000 }],
  encodings: [{ ssrc: 1111 }],
  rtcp: { cname: 'vehicle' },
};

describe('media signaling', () => {
  it('carries the demo flow: the desk consumes what the vehicle produces, paused until accepted, and hears when it ends', async () => {
    const { c, backend } = await center();
    const vehicle = await connect(c, c.vehicleToken);
    expect(await vehicle.request('getRouterRtpCapabilities')).toEqual(FAKE_CAPABILITIES);
    const send = (await vehicle.request('createWebRtcTransport', { producing: true, consuming: false })) as {
      id: string;
      iceParameters: { usernameFragment: string };
    };
    expect(send.iceParameters.usernameFragment).toMatch(/^u-transport-/);
    expect(await vehicle.request('join', { displayName: 'MCV-07', rtpCapabilities: FAKE_CAPABILITIES })).toEqual({
      peers: [],
      simulcast: false,
    });
    await vehicle.request('connectWebRtcTransport', {
      transportId: send.id,
      dtlsParameters: { role: 'client', fingerprints: [{ algorithm: 'sha-256', value: 'CC:DD' }] },
    });
    const { id: producerId } = (await vehicle.request('produce', {
      transportId: send.id,
      kind: 'video',
      rtpParameters: RTP,
      appData: { source: 'camera' },
    })) as { id: string };

    const desk = await connect(c, c.staffToken, c.vehicleId);
    const offered: Array<{ producerId: string; id: string; kind: string; peerId: string }> = [];
    const notices: Array<{ method: string; data: unknown }> = [];
    desk.on('request', (request, accept) => {
      if (request.method === 'newConsumer') offered.push(request.data as (typeof offered)[0]);
      accept();
    });
    desk.on('notification', (n) => notices.push(n));
    const newPeers: unknown[] = [];
    vehicle.on('notification', (n) => n.method === 'newPeer' && newPeers.push(n.data));
    const recv = (await desk.request('createWebRtcTransport', { producing: false, consuming: true })) as { id: string };
    expect(await desk.request('join', { displayName: 'Desk Wang', rtpCapabilities: FAKE_CAPABILITIES })).toEqual({
      peers: [{ id: 'vehicle:mcv-07', displayName: 'MCV-07', role: 'vehicle' }],
      simulcast: false,
    });
    await waitFor('the consumer offered', () => offered.length === 1, 5000);
    expect(offered[0]).toMatchObject({ producerId, kind: 'video', peerId: 'vehicle:mcv-07' });
    const consumer = backend.transports.find((t) => t.id === recv.id)!.consumers[0]!;
    await waitFor('the consumer resumed', () => !consumer.paused, 5000);
    expect(newPeers).toEqual([{ id: 'staff:desk-wang', displayName: 'Desk Wang', role: 'staff' }]);

    await desk.request('requestConsumerKeyFrame', { consumerId: offered[0]!.id });
    expect(consumer.keyFrames).toBe(1);
    expect(await desk.request('restartIce', { transportId: recv.id })).toMatchObject({ usernameFragment: expect.stringMatching(/-1$/) });
    await vehicle.request('closeProducer', { producerId });
    await waitFor('consumerClosed', () => notices.some((n) => n.method === 'consumerClosed'), 5000);
    expect(notices.find((n) => n.method === 'consumerClosed')!.data).toEqual({ consumerId: offered[0]!.id });

    vehicle.close();
    await waitFor('peerClosed', () => notices.some((n) => n.method === 'peerClosed'), 5000);
    expect(backend.transports.find((t) => t.id === send.id)!.closed).toBe(true);
  });

  it('offers what the others send to a peer that joined before its receiving transport existed, once', async () => {
    const { c } = await center();
    const vehicle = await connect(c, c.vehicleToken);
    const send = (await vehicle.request('createWebRtcTransport', { producing: true, consuming: false })) as { id: string };
    await vehicle.request('join', { displayName: 'MCV-07', rtpCapabilities: FAKE_CAPABILITIES });
    const { id: producerId } = (await vehicle.request('produce', {
      transportId: send.id,
      kind: 'video',
      rtpParameters: RTP,
      appData: {},
    })) as {
      id: string;
    };

    // A client on a slow link joins in the same round trip as it asks for its transports, so
    // the join can be handled before they exist (here: answered before they are asked for).
    const desk = await connect(c, c.staffToken, c.vehicleId);
    const offered: Array<{ producerId: string }> = [];
    desk.on('request', (request, accept) => {
      if (request.method === 'newConsumer') offered.push(request.data as (typeof offered)[0]);
      accept();
    });
    await desk.request('join', { displayName: 'Desk Wang', rtpCapabilities: FAKE_CAPABILITIES });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(offered).toEqual([]);
    await desk.request('createWebRtcTransport', { producing: true, consuming: false });
    await desk.request('createWebRtcTransport', { producing: false, consuming: true });
    await waitFor('the consumer offered', () => offered.length === 1, 5000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(offered).toEqual([expect.objectContaining({ producerId })]);
  });

  it('answers bad requests with an error and keeps the peer', async () => {
    const { c } = await center();
    const vehicle = await connect(c, c.vehicleToken);
    await expect(vehicle.request('fly')).rejects.toThrow(/unknown method "fly"/);
    await expect(vehicle.request('createWebRtcTransport', { producing: 'yes' })).rejects.toThrow(/producing/);
    const send = (await vehicle.request('createWebRtcTransport', { producing: true, consuming: false })) as { id: string };
    await expect(vehicle.request('produce', { transportId: send.id, kind: 'video', rtpParameters: RTP })).rejects.toThrow(/join first/);
    await expect(
      vehicle.request('connectWebRtcTransport', {
        transportId: 'nope',
        dtlsParameters: { fingerprints: [{ algorithm: 'sha-256', value: 'x' }] },
      }),
    ).rejects.toThrow(/no transport nope/);
    await expect(vehicle.request('produce', { transportId: send.id, kind: 'smell', rtpParameters: RTP })).rejects.toThrow(/kind/);
    // Still answering.
    expect(await vehicle.request('getRouterRtpCapabilities')).toEqual(FAKE_CAPABILITIES);
  });

  it('takes only fresh single-use tickets, for the right room', async () => {
    const { c } = await center();
    const { socketUrl } = await c.ticket(c.vehicleToken);
    const statusOf = (url: string, protocol = 'protoo') =>
      new Promise<number | 'open'>((resolve) => {
        const ws = new WebSocket(url, protocol);
        ws.on('open', () => {
          ws.close();
          resolve('open');
        });
        ws.on('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.on('error', () => undefined);
      });
    expect(await statusOf(socketUrl, 'chat')).toBe(400);
    expect(await statusOf(socketUrl)).toBe('open');
    expect(await statusOf(socketUrl)).toBe(401);
    expect(await statusOf(socketUrl.replace(/ticket=.*/, 'ticket=forged'))).toBe(401);
    await expect(c.ticket(c.staffToken)).rejects.toThrow(/404.*no active vehicle/);
    await expect(c.ticket(c.vehicleToken, 'mcv-99')).rejects.toThrow(/403/);
    await expect(c.ticket('mcv-v.mcv-07.' + 'x'.repeat(43))).rejects.toThrow(/401/);
  });

  it('closes a peer whose media transport stays disconnected past the grace time', async () => {
    const { c, backend } = await center(300);
    const vehicle = await connect(c, c.vehicleToken);
    const send = (await vehicle.request('createWebRtcTransport', { producing: true, consuming: false })) as { id: string };
    const closed = new Promise<void>((resolve) => vehicle.on('close', resolve));
    const transport = backend.transports.find((t) => t.id === send.id)!;
    transport.emitState('disconnected');
    transport.emitState('connected');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(vehicle.closed).toBe(false);
    transport.emitState('disconnected');
    await closed;
    expect(transport.closed).toBe(true);
  });
});
