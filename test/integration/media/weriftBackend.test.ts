import { randomBytes } from 'node:crypto';
import { createSocket } from 'node:dgram';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaRouter, MediaTransport } from '../../../center/media/MediaBackend';
import { launchChromium } from '../../support/chromium';
import type { Harness } from '../../support/media/harnessPage';
import { type MediaHarness, startMediaHarness } from '../../support/media/harnessServer';
import { UdpPathRelay } from '../../support/media/UdpPathRelay';
import { WeriftBackend } from '../../support/media/WeriftBackend';
import type { WeriftConsumer } from '../../support/media/WeriftConsumer';
import type { WeriftProducer } from '../../support/media/WeriftProducer';
import { waitFor } from '../../support/waitFor';

/**
 * The werift stand-in media backend against an unmodified mediasoup-client (Chrome111
 * handler) in headless Chromium: page A produces the fake mic and camera (20 fps), page B
 * consumes both back through the backend. Every transport's candidate is a UdpPathRelay
 * in front of it (announced through the backend's `announce` hook), so the restart test
 * can move both browsers to new source ports. Thresholds are loose on purpose: a 2-core
 * VM runs two Chromium pages and SRTP in JavaScript.
 */

type Counters = Record<string, Record<string, number>>;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Calls `window.harness[method](...args)` in the page (harnessPage.ts). */
function call<K extends keyof Harness>(page: Page, method: K, ...args: Parameters<Harness[K]>): Promise<Awaited<ReturnType<Harness[K]>>> {
  return page.evaluate(
    ([name, list]) => (globalThis as unknown as { harness: Record<string, (...a: unknown[]) => unknown> }).harness[name]?.(...list),
    [method, args] as const,
  ) as Promise<Awaited<ReturnType<Harness[K]>>>;
}

const inbound = (page: Page): Promise<Counters> => call(page, 'inbound');
const outbound = (page: Page): Promise<Counters> => call(page, 'outbound');

/** Over `ms`: frames A encoded, frames B decoded and audio samples B received, per second (getStats deltas). */
async function rates(a: Page, b: Page, ms: number): Promise<{ sentFps: number; fps: number; samplesPerSecond: number }> {
  const [sent0, got0] = [await outbound(a), await inbound(b)];
  const started = Date.now();
  await sleep(ms);
  const [sent1, got1] = [await outbound(a), await inbound(b)];
  const seconds = (Date.now() - started) / 1000;
  const rate = (before: Counters, after: Counters, kind: string, key: string) =>
    ((after[kind]?.[key] ?? 0) - (before[kind]?.[key] ?? 0)) / seconds;
  return {
    sentFps: rate(sent0, sent1, 'video', 'framesEncoded'),
    fps: rate(got0, got1, 'video', 'framesDecoded'),
    samplesPerSecond: rate(got0, got1, 'audio', 'totalSamplesReceived'),
  };
}

function report(label: string, r: { sentFps: number; fps: number; samplesPerSecond: number }): void {
  console.log(
    `[werift stand-in] ${label}: A encoded ${r.sentFps.toFixed(1)} fps, B decoded ${r.fps.toFixed(1)} fps, ${Math.round(r.samplesPerSecond)} audio samples/s`,
  );
}

/** Resolves once B's decoded-frame count has risen between two polls. */
async function videoRising(page: Page, what: string, timeoutMs = 15_000): Promise<void> {
  let last = -1;
  let frames = 0;
  const rising = async () => {
    frames = (await inbound(page)).video?.framesDecoded ?? 0;
    const risen = last >= 0 && frames > last;
    last = frames;
    return risen;
  };
  await waitFor(() => `${what} (framesDecoded ${frames})`, rising, timeoutMs, 500);
}

async function selectedRemotePort(transport: MediaTransport): Promise<number | undefined> {
  const [stats] = await transport.getStats();
  return (stats?.iceSelectedTuple as { remotePort?: number } | undefined)?.remotePort;
}

describe('werift stand-in media backend with mediasoup-client in Chromium', () => {
  const relays = new Map<string, UdpPathRelay>();
  const problems: string[] = [];
  let backend: WeriftBackend;
  let router: MediaRouter;
  let harness: MediaHarness;
  let browser: Browser;
  let pageA: Page;
  let pageB: Page;
  let producerIds: Record<string, string>;

  const transportOf = (role: 'send' | 'recv'): MediaTransport => {
    const id = [...harness.roles].find(([, r]) => r === role)?.[0];
    const transport = id ? harness.transports.get(id) : undefined;
    if (!transport) throw new Error(`no ${role} transport`);
    return transport;
  };
  const producer = (kind: string) => harness.producers.get(producerIds[kind] ?? '') as WeriftProducer;

  beforeAll(async () => {
    backend = new WeriftBackend({
      consentTimeoutMs: 2500,
      announce: async ({ transportId, ip, port }) => {
        const relay = await UdpPathRelay.start({ host: ip, port });
        relays.set(transportId, relay);
        return { ip: '127.0.0.1', port: relay.port };
      },
    });
    router = await backend.createRouter('room-1');
    harness = await startMediaHarness(router);
    browser = await launchChromium([
      '--use-fake-device-for-media-stream',
      '--use-fake-ui-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
    ]);
    const open = async () => {
      const page = await (await browser.newContext()).newPage();
      page.on('pageerror', (error) => problems.push(String(error)));
      await page.goto(harness.url);
      await page.waitForFunction(() => 'harness' in globalThis);
      return page;
    };
    pageA = await open();
    pageB = await open();
  });

  afterAll(async () => {
    await browser?.close();
    await harness?.close();
    await backend?.close();
    for (const relay of relays.values()) await relay.close();
  });

  it('carries Opus and VP8 from a producing page to a consuming page', async () => {
    producerIds = await call(pageA, 'produce');
    expect(Object.keys(producerIds).sort()).toEqual(['audio', 'video']);
    await call(pageB, 'consume', [producerIds.audio ?? '', producerIds.video ?? '']);
    const consumers = [...harness.consumers.values()];
    expect(consumers.map((c) => c.kind).sort()).toEqual(['audio', 'video']);
    expect(consumers.every((c) => c.type === 'simple' && !c.producerPaused && !(c as WeriftConsumer).paused)).toBe(true);

    await videoRising(pageB, 'the first decoded frames');
    const measured = await rates(pageA, pageB, 3000);
    report('forwarding', measured);
    expect(measured.fps).toBeGreaterThan(10);
    expect(measured.fps).toBeGreaterThan(measured.sentFps * 0.7);
    // Opus decodes to 48 kHz: more than half of that unless audio is missing.
    expect(measured.samplesPerSecond).toBeGreaterThan(24_000);
    const audio = (await inbound(pageB)).audio ?? {};
    expect(audio.concealedSamples ?? 0).toBeLessThan((audio.totalSamplesReceived ?? 1) * 0.2);

    await waitFor('both transports connected', () =>
      [...harness.transports.keys()].every((id) => harness.states.get(id)?.at(-1) === 'connected'),
    );
    const [sendStats] = await transportOf('send').getStats();
    expect(sendStats).toMatchObject({ type: 'webrtc-transport', dtlsState: 'connected', producerCount: 2 });
    expect(sendStats?.rtpPacketsReceived).toBeGreaterThan(100);
    expect(harness.errors).toEqual([]);
  });

  it('stops forwarding a paused producer and forwards again after resume', async () => {
    const video = producer('video');
    const consumer = [...harness.consumers.values()].find((c) => c.kind === 'video');
    if (!consumer) throw new Error('no video consumer');
    const seen: string[] = [];
    consumer.on('producerpause', () => seen.push('pause'));
    consumer.on('producerresume', () => seen.push('resume'));

    await video.pause();
    expect(video.paused).toBe(true);
    await sleep(1000); // frames already in B's jitter buffer
    const paused = await rates(pageA, pageB, 2000);
    report('producer paused', paused);
    expect(paused.sentFps).toBeGreaterThan(10); // A keeps sending: the backend holds it back
    expect(paused.fps).toBeLessThan(0.5);
    expect(paused.samplesPerSecond).toBeGreaterThan(24_000);

    await video.resume();
    await videoRising(pageB, 'frames after resume', 10_000);
    const resumed = await rates(pageA, pageB, 2500);
    report('producer resumed', resumed);
    expect(resumed.fps).toBeGreaterThan(10);
    expect(seen).toEqual(['pause', 'resume']);
  });

  it('creates consumers paused and forwards only while a consumer is resumed', async () => {
    const spare = await router.createWebRtcTransport({ producing: false, consuming: true });
    const consumer = (await spare.consume({
      producerId: producerIds.video ?? '',
      rtpCapabilities: router.rtpCapabilities,
      appData: {},
    })) as WeriftConsumer;
    expect(consumer.paused).toBe(true);
    expect(consumer.rtpParameters.codecs.map((c) => [c.mimeType, c.payloadType])).toEqual([
      ['video/VP8', 101],
      ['video/rtx', 102],
    ]);
    await sleep(500);
    expect(consumer.packetsSent).toBe(0);

    await consumer.resume();
    await sleep(800);
    const whileResumed = consumer.packetsSent;
    expect(whileResumed).toBeGreaterThan(5);
    await consumer.pause();
    await sleep(100);
    const atPause = consumer.packetsSent;
    await sleep(600);
    expect(consumer.packetsSent).toBe(atPause);

    await expect(spare.consume({ producerId: 'no-such-producer', rtpCapabilities: router.rtpCapabilities, appData: {} })).rejects.toThrow(
      /no producer/,
    );
    await expect(spare.produce({ kind: 'audio', rtpParameters: producer('audio').rtpParameters, appData: {} })).rejects.toThrow(
      /does not mix/,
    );
    await expect(router.createWebRtcTransport({ producing: true, consuming: false, forceTcp: true })).rejects.toThrow(/ICE-TCP/);
    expect(router.canConsume('no-such-producer', router.rtpCapabilities)).toBe(false);
    expect(router.canConsume(producerIds.audio ?? '', { codecs: [] })).toBe(false);
    spare.close();
    expect(consumer.closed).toBe(true);
  });

  it('survives garbage datagrams from a stranger while media flows', async () => {
    const stranger = createSocket('udp4');
    await new Promise<void>((resolve) => stranger.bind(0, '127.0.0.1', resolve));
    const kinds = [
      () => randomBytes(120),
      () => Buffer.concat([Buffer.from([0x80, 0x65]), randomBytes(200)]), // RTP-shaped, not SRTP
      () => Buffer.concat([Buffer.from([0x80, 0xc9]), randomBytes(60)]), // RTCP-shaped
      () => Buffer.concat([Buffer.from([22, 0xfe, 0xfd]), randomBytes(90)]), // a DTLS record header
      () => Buffer.concat([Buffer.from([0x00, 0x01, 0x00, 0x0c, 0x21, 0x12, 0xa4, 0x42]), randomBytes(24)]), // a STUN binding request
      () => Buffer.from([0x80]),
    ];
    const targets = [...relays.values()].map((r) => r.target);
    for (let i = 0; i < 600; i++) {
      const target = targets[i % targets.length];
      if (target) stranger.send(kinds[i % kinds.length]?.() ?? Buffer.alloc(1), target.port, target.host);
      if (i % 50 === 0) await sleep(20);
    }
    stranger.close();
    const after = await rates(pageA, pageB, 2500);
    report('after 600 garbage datagrams', after);
    expect(after.fps).toBeGreaterThan(10);
    expect(after.samplesPerSecond).toBeGreaterThan(24_000);
  });

  it('follows both browsers to new source ports after restartIce', async () => {
    const send = transportOf('send');
    const recv = transportOf('recv');
    const before = { send: send.iceParameters.usernameFragment, recv: recv.iceParameters.usernameFragment };

    // The carrying link changes under both browsers: the backend's replies to the old source are lost.
    for (const relay of relays.values()) await relay.switchPath();
    const packetsAtSwitch = producer('video').stats.packets;
    await sleep(1000);
    const cut = await rates(pageA, pageB, 2000);
    report('path switched, before restartIce', cut);
    expect(cut.fps).toBeLessThan(2);
    // werift takes media from any source; only its replies stick to the nominated pair.
    expect(producer('video').stats.packets).toBeGreaterThan(packetsAtSwitch + 20);

    await call(pageB, 'restartIce');
    await call(pageA, 'restartIce');
    expect(send.iceParameters.usernameFragment).not.toBe(before.send);
    expect(recv.iceParameters.usernameFragment).not.toBe(before.recv);

    await videoRising(pageB, 'frames after the ICE restart');
    await sleep(1000); // both browsers restart in turn: let B's jitter buffer settle
    const restarted = await rates(pageA, pageB, 3000);
    report('after restartIce', restarted);
    expect(restarted.fps).toBeGreaterThan(10);
    expect(restarted.samplesPerSecond).toBeGreaterThan(24_000);
    for (const transport of [send, recv]) expect(await selectedRemotePort(transport)).toBe(relays.get(transport.id)?.upstreamPort);
    expect(harness.errors).toEqual([]);
  });

  it('reports disconnected after a silent consent timeout and connected when packets return', async () => {
    const recv = transportOf('recv');
    const relay = relays.get(recv.id);
    if (!relay) throw new Error('no relay for the recv transport');
    relay.blocked = true;
    const startedAt = Date.now();
    await waitFor('disconnected', () => harness.states.get(recv.id)?.at(-1) === 'disconnected', 8000, 100);
    // Not before the 2.5 s timeout, and not long after.
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(2400);
    expect(Date.now() - startedAt).toBeLessThan(5000);
    relay.blocked = false;
    await waitFor('connected again', () => harness.states.get(recv.id)?.at(-1) === 'connected', 8000, 100);
    await videoRising(pageB, 'frames after the outage');
  });

  it('closes consumers with producerclose and reports closed transports', async () => {
    const events: string[] = [];
    for (const consumer of harness.consumers.values()) consumer.on('producerclose', () => events.push(consumer.kind));
    producer('audio').close();
    expect(events).toEqual(['audio']);
    expect(router.canConsume(producerIds.audio ?? '', router.rtpCapabilities)).toBe(false);

    const send = transportOf('send');
    const recv = transportOf('recv');
    send.close();
    expect(events).toEqual(['audio', 'video']);
    recv.close();
    // Only the outage shows: no `failed`, and nothing from pauses, garbage or the ICE restart.
    expect(harness.states.get(send.id)).toEqual(['connected', 'closed']);
    expect(harness.states.get(recv.id)).toEqual(['connected', 'disconnected', 'connected', 'closed']);
    await expect(recv.restartIce()).rejects.toThrow(/closed/);
    expect(problems).toEqual([]);
  });
});
