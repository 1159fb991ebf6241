import { Device, FakeHandler, testFakeParameters } from 'mediasoup-client';
import { FakeMediaStreamTrack } from 'fake-mediastreamtrack';
import { afterEach, describe, expect, it } from 'vitest';
import { MediaSession, type MediaSessionState, type RemoteTrack } from '../../../renderer/media/MediaSession';
import type { RtpCapabilities, RtpParameters } from '../../../protocol/media/rtp';
import { FakeMediaBackend } from '../../support/fakeMediaBackend';
import { startMediaCenter, type MediaCenter } from '../../support/mediaCenter';
import { waitFor } from '../../support/waitFor';

/**
 * The console's media session against the real center signaling (in-memory media
 * backend) with mediasoup-client's FakeHandler: join, publish, receive, ICE restart on a
 * disconnected transport, and a full rejoin — republishing — after the center drops it.
 */

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(disconnectGraceMs = 30_000): Promise<{ c: MediaCenter; backend: FakeMediaBackend }> {
  const backend = new FakeMediaBackend(
    testFakeParameters.generateRouterRtpCapabilities() as RtpCapabilities,
    (kind) =>
      testFakeParameters.generateConsumerRemoteParameters({ codecMimeType: kind === 'audio' ? 'audio/opus' : 'video/VP8' })
        .rtpParameters as RtpParameters,
  );
  const c = await startMediaCenter(backend, { disconnectGraceMs });
  cleanups.push(() => c.close());
  return { c, backend };
}

function session(c: MediaCenter, token: string, roomId?: string): { s: MediaSession; states: MediaSessionState[]; tracks: RemoteTrack[] } {
  const states: MediaSessionState[] = [];
  const tracks: RemoteTrack[] = [];
  const s = new MediaSession({
    displayName: token === c.staffToken ? 'Desk Wang' : 'MCV-07',
    socketUrl: async () => (await c.ticket(token, roomId)).socketUrl,
    createDevice: async () => new Device({ handlerFactory: FakeHandler.createFactory(testFakeParameters) }),
    backoffMs: () => 100,
    iceRestartAfterMs: 100,
    iceRestartTimeoutMs: 500,
  });
  s.onState((state) => states.push(state));
  s.onTrack((track) => tracks.push(track));
  cleanups.push(() => s.close());
  return { s, states, tracks };
}

const producers = (backend: FakeMediaBackend) => backend.routers.flatMap((r) => [...r.producers.values()]);

describe('MediaSession', () => {
  it("joins, publishes, and the desk receives the vehicle's tracks", async () => {
    const { c, backend } = await setUp();
    const vehicle = session(c, c.vehicleToken);
    await vehicle.s.publish('camera', new FakeMediaStreamTrack({ kind: 'video' }));
    await vehicle.s.publish('mic', new FakeMediaStreamTrack({ kind: 'audio' }));
    vehicle.s.start();
    await waitFor('vehicle live', () => vehicle.s.state === 'live');
    await waitFor('two producers at the center', () => producers(backend).length === 2);
    expect(
      producers(backend)
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['audio', 'video']);

    const desk = session(c, c.staffToken, c.vehicleId);
    desk.s.start();
    await waitFor('desk receives both', () => desk.tracks.length === 2);
    expect(desk.tracks.map((t) => [t.peerId, t.kind]).sort()).toEqual([
      ['vehicle:mcv-07', 'audio'],
      ['vehicle:mcv-07', 'video'],
    ]);
    expect(vehicle.states).toEqual(['connecting', 'live']);
  });

  it('produces each track once when it is published while the join runs (the camera starts as signaling does)', async () => {
    const { c, backend } = await setUp();
    const vehicle = session(c, c.vehicleToken);
    vehicle.s.start();
    // One track during the join, one the moment the session is live (a listener publishing at once), one twice.
    await vehicle.s.publish('camera', new FakeMediaStreamTrack({ kind: 'video' }));
    vehicle.s.onState((state) => {
      if (state === 'live') void vehicle.s.publish('mic', new FakeMediaStreamTrack({ kind: 'audio' }));
    });
    await waitFor('vehicle live', () => vehicle.s.state === 'live');
    await vehicle.s.publish('screen', new FakeMediaStreamTrack({ kind: 'video' }));
    await waitFor('three producers at the center', () => producers(backend).length === 3);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      producers(backend)
        .map((p) => p.kind)
        .sort(),
    ).toEqual(['audio', 'video', 'video']);
    expect(['camera', 'mic', 'screen'].map((source) => vehicle.s.producer(source)?.closed)).toEqual([false, false, false]);
  });

  it('produces a track published while ICE is recovering (joined on the same transports), not only after a rejoin', async () => {
    const { c, backend } = await setUp();
    const vehicle = session(c, c.vehicleToken);
    vehicle.s.start();
    await waitFor('vehicle live', () => vehicle.s.state === 'live' && vehicle.s.recvTransport !== undefined);
    const handler = vehicle.s.recvTransport!.handler as unknown as { setConnectionState(state: string): void };
    handler.setConnectionState('disconnected');
    expect(vehicle.s.state).toBe('recovering');
    await vehicle.s.publish('camera', new FakeMediaStreamTrack({ kind: 'video' }));
    expect(producers(backend).map((p) => p.kind)).toEqual(['video']);
    handler.setConnectionState('connected');
    expect(vehicle.s.state).toBe('live');
    expect(vehicle.s.producer('camera')?.closed).toBe(false);
  });

  it('does not join when closed while its ticket is on the way (a failed camera stops it)', async () => {
    const { c, backend } = await setUp();
    let release = () => {};
    let asked = false;
    const s = new MediaSession({
      displayName: 'MCV-07',
      socketUrl: async () => {
        asked = true;
        await new Promise<void>((resolve) => (release = resolve));
        return (await c.ticket(c.vehicleToken)).socketUrl;
      },
      createDevice: async () => new Device({ handlerFactory: FakeHandler.createFactory(testFakeParameters) }),
    });
    cleanups.push(() => s.close());
    s.start();
    await waitFor('the ticket asked for', () => asked);
    s.close();
    release();
    await new Promise((resolve) => setTimeout(resolve, 500));
    // No socket opened: no room (made on a first socket), no transports.
    expect(backend.routers).toEqual([]);
    expect(s.state).toBe('closed');
  });

  it('restarts ICE on a transport that stays disconnected, and says it is recovering meanwhile', async () => {
    const { c, backend } = await setUp();
    const vehicle = session(c, c.vehicleToken);
    await vehicle.s.publish('camera', new FakeMediaStreamTrack({ kind: 'video' }));
    vehicle.s.start();
    await waitFor('vehicle live', () => vehicle.s.state === 'live' && vehicle.s.sendTransport !== undefined);
    const send = vehicle.s.sendTransport!;
    const handler = send.handler as unknown as { setConnectionState(state: string): void };
    handler.setConnectionState('disconnected');
    expect(vehicle.s.state).toBe('recovering');
    const atCenter = backend.transports.find((t) => t.id === send.id)!;
    await waitFor('ICE restart at the center', () => atCenter.restarts === 1, 3000);
    handler.setConnectionState('connected');
    expect(vehicle.s.state).toBe('live');
    expect(producers(backend)).toHaveLength(1);
  });

  it('rejoins with new transports when a failed transport does not reconnect after its ICE restart (a failed DTLS handshake)', async () => {
    const { c, backend } = await setUp();
    const vehicle = session(c, c.vehicleToken);
    await vehicle.s.publish('camera', new FakeMediaStreamTrack({ kind: 'video' }));
    vehicle.s.start();
    await waitFor('vehicle live', () => vehicle.s.state === 'live' && vehicle.s.sendTransport !== undefined);
    const send = vehicle.s.sendTransport!;
    const firstProducer = producers(backend)[0]!.id;
    (send.handler as unknown as { setConnectionState(state: string): void }).setConnectionState('failed');
    const atCenter = backend.transports.find((t) => t.id === send.id)!;
    await waitFor('ICE restart at the center', () => atCenter.restarts === 1, 3000);
    // It stays failed: within the restart timeout (500 ms here) the session rejoins and republishes, well before the center's 30 s grace.
    await waitFor('vehicle live on new transports', () => vehicle.s.state === 'live' && vehicle.s.sendTransport?.id !== send.id, 5000);
    await waitFor('camera published again', () => producers(backend).some((p) => p.id !== firstProducer), 3000);
    expect(vehicle.states).toEqual(['connecting', 'live', 'recovering', 'live']);
  });

  it('rejoins by itself after the center drops it, republishing, and the desk gets the new tracks', async () => {
    const { c, backend } = await setUp(200);
    const vehicle = session(c, c.vehicleToken);
    await vehicle.s.publish('camera', new FakeMediaStreamTrack({ kind: 'video' }));
    vehicle.s.start();
    await waitFor('vehicle live', () => vehicle.s.state === 'live' && vehicle.s.sendTransport !== undefined);
    const desk = session(c, c.staffToken, c.vehicleId);
    desk.s.start();
    await waitFor('desk receives the camera', () => desk.tracks.length === 1);
    const ended: string[] = [];
    desk.s.onTrackEnded((id) => ended.push(id));

    // The vehicle's media transport is lost at the center for longer than its grace: the center closes the peer.
    const firstProducer = producers(backend)[0]!.id;
    backend.transports.find((t) => t.id === vehicle.s.sendTransport!.id)!.emitState('failed');
    await waitFor('vehicle recovering', () => vehicle.states.includes('recovering'), 3000);
    await waitFor('vehicle live again', () => vehicle.s.state === 'live' && producers(backend).some((p) => p.id !== firstProducer), 5000);
    await waitFor('desk gets the new camera track', () => desk.tracks.length === 2, 5000);
    expect(ended).toEqual([desk.tracks[0]!.consumerId]);
    expect(producers(backend).map((p) => p.kind)).toEqual(['video']);
  });
});
