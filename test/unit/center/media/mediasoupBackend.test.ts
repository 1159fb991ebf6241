import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MediaConfig } from '../../../../protocol/config/centerConfig';
import type { Logger } from '../../../../platform/log/logger';
import type { MediaBackend, MediaTransport } from '../../../../center/media/MediaBackend';
import { MediaBackendError, MediaUnavailableError } from '../../../../center/media/mediasoup/errors';
import { createMediasoupBackend } from '../../../../center/media/mediasoup/MediasoupBackend';
import { fake, type FakeConsumer, type FakeRouter, type FakeTransport, type FakeWorker } from './fakeMediasoup';

vi.mock('mediasoup', async () => (await import('./fakeMediasoup')).fakeMediasoupModule);

function testLog() {
  const lines: string[] = [];
  const log: Logger = {
    debug: () => {},
    info: (m) => lines.push(`info ${m}`),
    warn: (m) => lines.push(`warn ${m}`),
    error: (m) => lines.push(`error ${m}`),
  };
  return { log, lines };
}

const config = (input: Partial<MediaConfig> = {}): MediaConfig => MediaConfig.parse(input);
const routerOf = (worker: FakeWorker, index = 0): FakeRouter => worker.routers[index]!;
const lastTransport = (router: FakeRouter): FakeTransport => router.transports.at(-1)!;

let backend: MediaBackend | undefined;
let logged: ReturnType<typeof testLog>;

beforeEach(() => {
  fake.reset();
  logged = testLog();
});

afterEach(async () => {
  await backend?.close();
  backend = undefined;
  vi.useRealTimers();
});

async function start(input: Partial<MediaConfig> = {}): Promise<MediaBackend> {
  backend = await createMediasoupBackend(config(input), logged.log);
  return backend;
}

async function transportOn(input: Partial<MediaConfig> = {}, forceTcp = false): Promise<{ transport: MediaTransport; raw: FakeTransport }> {
  const media = await start(input);
  const router = await media.createRouter('room-1');
  const transport = await router.createWebRtcTransport({ producing: true, consuming: true, forceTcp });
  return { transport, raw: lastTransport(routerOf(fake.workers[0]!)) };
}

describe('createMediasoupBackend: workers and routers', () => {
  it('starts config.workers workers with the RTC port range and hands routers out round-robin', async () => {
    const media = await start({ workers: 3, rtcMinPort: 41000, rtcMaxPort: 41099 });
    expect(media.name).toBe('mediasoup');
    expect(fake.workers).toHaveLength(3);
    for (const worker of fake.workers) expect(worker.settings).toMatchObject({ rtcMinPort: 41000, rtcMaxPort: 41099, logLevel: 'warn' });
    const routers = [];
    for (const room of ['a', 'b', 'c', 'd', 'e']) routers.push(await media.createRouter(room));
    expect(fake.workers.map((w) => w.routers.map((r) => r.options.appData.roomId))).toEqual([['a', 'd'], ['b', 'e'], ['c']]);
    expect(routers[3]!.id).toBe(routerOf(fake.workers[0]!, 1).id);
    expect(logged.lines[0]).toMatch(/^info mediasoup 3\.32\.2: 3 worker\(s\).*0\.0\.0\.0:41000-41099 UDP\+TCP$/);
    // mediasoup's own warnings and errors reach the center's log.
    (fake.logListeners as { onwarn: (namespace: string, text: string) => void }).onwarn('mediasoup:WARN:Transport', 'something odd');
    expect(logged.lines.at(-1)).toBe('warn mediasoup:WARN:Transport something odd');
  });

  it('gives each router opus, VP8 and H264 42e01f/4d0032 with a low start bitrate from the config', async () => {
    const media = await start({ initialAvailableOutgoingBitrate: 250_000 });
    await media.createRouter('room-1');
    expect(routerOf(fake.workers[0]!).options.mediaCodecs).toEqual([
      { kind: 'audio', mimeType: 'audio/opus', clockRate: 48000, channels: 2 },
      { kind: 'video', mimeType: 'video/VP8', clockRate: 90000, parameters: { 'x-google-start-bitrate': 250 } },
      {
        kind: 'video',
        mimeType: 'video/H264',
        clockRate: 90000,
        parameters: { 'packetization-mode': 1, 'profile-level-id': '42e01f', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': 250 },
      },
      {
        kind: 'video',
        mimeType: 'video/H264',
        clockRate: 90000,
        parameters: { 'packetization-mode': 1, 'profile-level-id': '4d0032', 'level-asymmetry-allowed': 1, 'x-google-start-bitrate': 250 },
      },
    ]);
  });

  it('with the defaults the start bitrate is 300 kbit/s', async () => {
    const media = await start();
    await media.createRouter('room-1');
    expect(
      routerOf(fake.workers[0]!)
        .options.mediaCodecs.slice(1)
        .map((c) => (c.parameters as Record<string, unknown>)['x-google-start-bitrate']),
    ).toEqual([300, 300, 300]);
  });

  it('router.canConsume asks mediasoup and answers false when mediasoup throws', async () => {
    const media = await start();
    const router = await media.createRouter('room-1');
    routerOf(fake.workers[0]!).consumable.add('p-1');
    expect(router.canConsume('p-1', { codecs: [] })).toBe(true);
    expect(router.canConsume('p-2', { codecs: [] })).toBe(false);
    expect(router.canConsume('throws', { codecs: [] })).toBe(false);
    expect(router.rtpCapabilities.codecs?.[0]?.mimeType).toBe('audio/opus');
  });

  it('close() closes routers and workers; createRouter afterwards rejects', async () => {
    const media = await start({ workers: 2 });
    await media.createRouter('room-1');
    await media.close();
    expect(fake.workers.map((w) => w.closed)).toEqual([true, true]);
    expect(routerOf(fake.workers[0]!).closed).toBe(true);
    await expect(media.createRouter('room-2')).rejects.toThrow('the media backend is closed');
    backend = undefined;
  });
});

describe('WebRTC transports', () => {
  it('listen on UDP and TCP at listenIp, announce announcedAddress, take ports from the range and cap the bitrates', async () => {
    const { transport, raw } = await transportOn({
      listenIp: '10.1.2.3',
      announcedAddress: 'center.example.org',
      rtcMinPort: 42000,
      rtcMaxPort: 42010,
      initialAvailableOutgoingBitrate: 200_000,
      maxIncomingBitrate: 1_500_000,
    });
    expect(raw.options).toEqual({
      listenInfos: [
        { protocol: 'udp', ip: '10.1.2.3', announcedAddress: 'center.example.org', portRange: { min: 42000, max: 42010 } },
        { protocol: 'tcp', ip: '10.1.2.3', announcedAddress: 'center.example.org', portRange: { min: 42000, max: 42010 } },
      ],
      enableUdp: true,
      enableTcp: true,
      preferUdp: true,
      iceConsentTimeout: 20,
      initialAvailableOutgoingBitrate: 200_000,
      appData: { producing: true, consuming: true },
    });
    expect(raw.maxIncomingBitrate).toBe(1_500_000);
    expect(transport.id).toBe(raw.id);
    expect(transport.iceParameters).toEqual(raw.iceParameters);
    expect(transport.iceCandidates).toEqual(raw.iceCandidates);
    expect(transport.dtlsParameters).toEqual(raw.dtlsParameters);
  });

  it('without announcedAddress announces nothing; forceTcp listens on TCP only', async () => {
    const { raw } = await transportOn({}, true);
    expect(raw.options.listenInfos).toEqual([{ protocol: 'tcp', ip: '0.0.0.0', portRange: { min: 40000, max: 40999 } }]);
    expect(raw.options).toMatchObject({ enableUdp: false, enableTcp: true, preferUdp: false, initialAvailableOutgoingBitrate: 300_000 });
    expect(raw.maxIncomingBitrate).toBe(3_000_000);
  });

  it('reports one state per change of ICE and DTLS together, never twice in a row', async () => {
    const { transport, raw } = await transportOn();
    const states: string[] = [];
    transport.on('state', (s) => states.push(s));
    raw.setIce('connected');
    raw.setDtls('connecting');
    expect(states).toEqual([]); // ICE alone is not usable yet
    raw.setDtls('connected');
    raw.setIce('completed');
    raw.setIce('disconnected');
    raw.setIce('disconnected');
    raw.setIce('completed');
    raw.setIce('disconnected');
    raw.setDtls('failed');
    raw.setIce('connected');
    raw.emit('routerclose');
    raw.setIce('closed');
    expect(states).toEqual(['connected', 'disconnected', 'connected', 'disconnected', 'failed', 'closed']);
  });

  it('ICE or DTLS closed is closed; a throwing listener neither stops the others nor throws into mediasoup', async () => {
    const { transport, raw } = await transportOn();
    const states: string[] = [];
    transport.on('state', () => {
      throw new Error('listener bug');
    });
    transport.on('state', (s) => states.push(s));
    expect(() => raw.setDtls('closed')).not.toThrow();
    expect(states).toEqual(['closed']);
    expect(logged.lines.some((l) => l.startsWith('error transport') && l.includes("'state' listener threw"))).toBe(true);
  });

  it('connect, restartIce and getStats pass through; stats come back as plain objects', async () => {
    const { transport, raw } = await transportOn();
    const dtls = { role: 'client' as const, fingerprints: [{ algorithm: 'sha-256', value: '01:02' }] };
    await transport.connect(dtls);
    expect(raw.connectedWith).toEqual(dtls);
    expect(await transport.restartIce()).toEqual({ usernameFragment: 'ufrag2', password: 'pwd2', iceLite: true });
    const stats = await transport.getStats();
    expect(stats).toEqual([
      { type: 'webrtc-transport', bytesSent: 100, iceSelectedTuple: { localIp: '10.0.0.1', localPort: 40001, protocol: 'udp' } },
    ]);
    expect(Object.getPrototypeOf(stats[0])).toBe(Object.prototype);
  });

  it("turns mediasoup's rejections and synchronous throws into rejected promises that say what failed", async () => {
    const { transport, raw } = await transportOn();
    raw.failNext = { method: 'connect', error: new Error('invalid DTLS fingerprint') };
    const failure = transport.connect({ fingerprints: [{ algorithm: 'sha-256', value: 'x' }] });
    await expect(failure).rejects.toBeInstanceOf(MediaBackendError);
    await expect(failure).rejects.toThrow(`transport ${raw.id}: connect failed: invalid DTLS fingerprint`);
    raw.failNext = { method: 'produce', error: new TypeError('missing rtpParameters.codecs'), sync: true };
    await expect(transport.produce({ kind: 'audio', rtpParameters: { codecs: [] }, appData: {} })).rejects.toThrow(
      `transport ${raw.id}: produce audio failed: missing rtpParameters.codecs`,
    );
    raw.failNext = { method: 'consume', error: new Error('Producer not found') };
    await expect(transport.consume({ producerId: 'gone', rtpCapabilities: {}, appData: {} })).rejects.toThrow(
      `transport ${raw.id}: consume producer gone failed: Producer not found`,
    );
  });
});

describe('producers and consumers', () => {
  const rtpParameters = {
    mid: '0',
    codecs: [{ mimeType: 'audio/opus', payloadType: 100, clockRate: 48000, channels: 2 }],
    encodings: [{ ssrc: 11111111 }],
  };

  it('produce passes kind, rtpParameters and appData; pause and resume follow', async () => {
    const { transport, raw } = await transportOn();
    const producer = await transport.produce({ kind: 'audio', rtpParameters, appData: { source: 'mic' } });
    expect(raw.produced[0]!.options).toEqual({ kind: 'audio', rtpParameters, appData: { source: 'mic' } });
    expect([producer.id, producer.kind, producer.paused]).toEqual([raw.produced[0]!.id, 'audio', false]);
    await producer.pause();
    expect(producer.paused).toBe(true);
    await producer.resume();
    expect(producer.paused).toBe(false);
    producer.close();
    expect(raw.produced[0]!.closed).toBe(true);
  });

  it('consume creates the consumer paused and maps its events, layers and key frames', async () => {
    const { transport, raw } = await transportOn();
    const consumer = await transport.consume({ producerId: 'producer-x', rtpCapabilities: { codecs: [] }, appData: { peerId: 'desk-1' } });
    const fakeConsumer: FakeConsumer = raw.consumed[0]!;
    expect(fakeConsumer.options).toEqual({
      producerId: 'producer-x',
      rtpCapabilities: { codecs: [] },
      paused: true,
      appData: { peerId: 'desk-1' },
    });
    expect(fakeConsumer.paused).toBe(true);
    expect([consumer.id, consumer.producerId, consumer.kind, consumer.type, consumer.producerPaused]).toEqual([
      fakeConsumer.id,
      'producer-x',
      'video',
      'simple',
      false,
    ]);
    expect(consumer.rtpParameters).toEqual(fakeConsumer.rtpParameters);

    const events: unknown[] = [];
    consumer.on('producerpause', () => events.push('producerpause'));
    consumer.on('producerresume', () => events.push('producerresume'));
    consumer.on('producerclose', () => events.push('producerclose'));
    consumer.on('layerschange', (layers) => events.push(layers));
    fakeConsumer.emit('producerpause');
    fakeConsumer.emit('producerresume');
    fakeConsumer.emit('layerschange', { spatialLayer: 1, temporalLayer: 2 });
    fakeConsumer.emit('layerschange', { spatialLayer: 0 });
    fakeConsumer.emit('layerschange', undefined);
    fakeConsumer.emit('producerclose');
    expect(events).toEqual([
      'producerpause',
      'producerresume',
      { spatialLayer: 1, temporalLayer: 2 },
      { spatialLayer: 0, temporalLayer: 0 },
      null,
      'producerclose',
    ]);

    await consumer.resume();
    expect(fakeConsumer.paused).toBe(false);
    await consumer.setPreferredLayers({ spatialLayer: 0 });
    expect(fakeConsumer.preferredLayers).toEqual({ spatialLayer: 0 });
    await consumer.setPreferredLayers({ spatialLayer: 2, temporalLayer: 1 });
    expect(fakeConsumer.preferredLayers).toEqual({ spatialLayer: 2, temporalLayer: 1 });
    await consumer.requestKeyFrame();
    await consumer.requestKeyFrame();
    expect(fakeConsumer.keyFrames).toBe(2);
    await consumer.pause();
    expect(fakeConsumer.paused).toBe(true);
  });
});

describe('worker death', () => {
  it('logs it, closes the routers on it (their transports report closed) and starts a replacement in its place', async () => {
    const media = await start({ workers: 2 });
    const router = await media.createRouter('room-a'); // worker 0
    await media.createRouter('room-b'); // worker 1
    const transport = await router.createWebRtcTransport({ producing: true, consuming: false });
    const states: string[] = [];
    transport.on('state', (s) => states.push(s));
    lastTransport(routerOf(fake.workers[0]!)).setIce('connected');
    lastTransport(routerOf(fake.workers[0]!)).setDtls('connected');

    const dead = fake.workers[0]!;
    dead.die();
    expect(states).toEqual(['connected', 'closed']);
    expect(routerOf(dead).closed).toBe(true);
    expect(routerOf(fake.workers[1]!).closed).toBe(false);
    expect(logged.lines).toContainEqual(
      expect.stringMatching(
        new RegExp(`^error mediasoup worker ${dead.pid} died \\(\\[pid:1, code:null, signal:SIGKILL\\]\\).*starting a replacement$`),
      ),
    );
    expect(logged.lines).toContainEqual(expect.stringMatching(/^warn router .* \(room room-a\) closed: its mediasoup worker is gone$/));

    await vi.waitFor(() => expect(fake.workers).toHaveLength(3));
    const replacement = fake.workers[2]!;
    expect(replacement.settings).toEqual(dead.settings);
    await vi.waitFor(() => expect(logged.lines).toContain(`info mediasoup worker ${replacement.pid} started in place of the dead one`));
    // Round-robin goes on over the live workers; the dead one gets nothing.
    for (const room of ['c', 'd', 'e', 'f']) await media.createRouter(room);
    expect(dead.routers).toHaveLength(1);
    expect(replacement.routers.map((r) => r.options.appData.roomId)).toEqual(['c', 'e']);
    expect(fake.workers[1]!.routers.map((r) => r.options.appData.roomId)).toEqual(['room-b', 'd', 'f']);
  });

  it('while no worker runs createRouter rejects; a failed replacement is tried again later', async () => {
    vi.useFakeTimers();
    const media = await start({ workers: 1 });
    fake.failWorkers = 1;
    fake.workers[0]!.die();
    await vi.advanceTimersByTimeAsync(0);
    await expect(media.createRouter('room-a')).rejects.toThrow(/no mediasoup worker is running/);
    expect(logged.lines).toContainEqual(
      expect.stringMatching(/^error a replacement mediasoup worker did not start \(spawn .* ENOENT\); trying again in 1 s$/),
    );
    expect(fake.workers).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(fake.workers).toHaveLength(2);
    await media.createRouter('room-a');
    expect(fake.workers[1]!.routers).toHaveLength(1);
  });
});

describe('when mediasoup cannot run', () => {
  it('a missing worker binary rejects with MediaUnavailableError naming the path, and closes the workers that did start', async () => {
    fake.failCalls.add(2);
    const failure = createMediasoupBackend(config({ workers: 3 }), logged.log);
    await expect(failure).rejects.toBeInstanceOf(MediaUnavailableError);
    await expect(failure).rejects.toThrow(
      /^mediasoup 3\.32\.2 is installed without its worker binary \(\/nonexistent-mediasoup-worker does not exist\)\. Install mediasoup with its worker: `npm install` fetches or builds the worker.*set MEDIASOUP_WORKER_BIN.*docs\/media\.md/,
    );
    expect(fake.calls).toBe(3);
    expect(fake.workers).toHaveLength(2);
    expect(fake.workers.map((w) => w.closed)).toEqual([true, true]);
    expect(fake.logListeners).toBeUndefined(); // the one message above says it all
  });

  // Last in the file: it swaps the module registry (vi.resetModules) for a fresh one.
  it('a missing package rejects with MediaUnavailableError that says what to do', async () => {
    vi.resetModules();
    vi.doMock('mediasoup', () => {
      throw new Error("Cannot find package 'mediasoup' imported from center/media/mediasoup/MediasoupBackend.ts");
    });
    try {
      const fresh = await import('../../../../center/media/mediasoup/MediasoupBackend');
      const errors = await import('../../../../center/media/mediasoup/errors');
      const failure = fresh.createMediasoupBackend(config(), logged.log);
      await expect(failure).rejects.toBeInstanceOf(errors.MediaUnavailableError);
      await expect(failure).rejects.toThrow(
        /^the mediasoup package cannot be loaded \(.+\)\. Install mediasoup with its worker: `npm install` fetches or builds the worker.*set MEDIASOUP_WORKER_BIN.*docs\/media\.md/,
      );
    } finally {
      vi.doUnmock('mediasoup');
      vi.resetModules();
    }
  });
});
