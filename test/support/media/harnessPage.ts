/**
 * Browser side of the media harness (bundled by esbuild at test time, see harnessServer.ts):
 * an unmodified mediasoup-client Device (Chrome111 handler) talking to the test through a
 * tiny JSON-over-WebSocket RPC whose methods map onto MediaBackend calls. Only a harness:
 * the real signaling (protoo) is center/media's. The test drives it through
 * `window.harness` with Playwright's `page.evaluate`.
 *
 * This file is type-checked with the Node configuration (no DOM library), so the few
 * browser APIs it touches are declared below.
 */
import { Device } from 'mediasoup-client';
import type { Consumer, Producer, RtpCapabilities, Transport, TransportOptions } from 'mediasoup-client/types';

interface PageSocket {
  send(data: string): void;
  onmessage: ((event: { data: unknown }) => void) | null;
  onopen: (() => void) | null;
  onerror: (() => void) | null;
}
interface PageMediaElement {
  srcObject: unknown;
  muted: boolean;
  autoplay: boolean;
  play(): Promise<void>;
}
interface PageTrack {
  kind: string;
}
interface PageStatsReport {
  forEach(callback: (stat: Record<string, unknown>) => void): void;
}
interface PageGlobals {
  WebSocket: new (url: string) => PageSocket;
  location: { host: string };
  navigator: { mediaDevices: { getUserMedia(constraints: unknown): Promise<{ getTracks(): PageTrack[] }> } };
  document: { body: { appendChild(element: unknown): void }; createElement(tag: 'audio' | 'video'): PageMediaElement };
  MediaStream: new (tracks: unknown[]) => unknown;
  harness?: unknown;
}

const page = globalThis as unknown as PageGlobals;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };
const pending = new Map<number, Pending>();
let nextId = 1;
const socket = new page.WebSocket(`ws://${page.location.host}/rpc`);
const opened = new Promise<void>((resolve, reject) => {
  socket.onopen = () => resolve();
  socket.onerror = () => reject(new Error('harness socket failed'));
});
socket.onmessage = (event) => {
  const message = JSON.parse(String(event.data)) as { id: number; ok: boolean; result?: unknown; error?: string };
  const waiter = pending.get(message.id);
  pending.delete(message.id);
  if (message.ok) waiter?.resolve(message.result);
  else waiter?.reject(new Error(message.error ?? 'rpc failed'));
};

async function rpc<T>(method: string, params: Record<string, unknown> = {}): Promise<T> {
  await opened;
  const id = nextId++;
  const result = new Promise<unknown>((resolve, reject) => pending.set(id, { resolve, reject }));
  socket.send(JSON.stringify({ id, method, params }));
  return (await result) as T;
}

let device: Device | undefined;
const transports: Transport[] = [];
const producers = new Map<string, Producer>();
const consumers = new Map<string, Consumer>();
const connectionStates: string[] = [];

async function loadDevice(): Promise<Device> {
  if (device) return device;
  const loaded = await Device.factory({ handlerName: 'Chrome111' });
  await loaded.load({ routerRtpCapabilities: await rpc<RtpCapabilities>('getRouterRtpCapabilities') });
  device = loaded;
  return loaded;
}

async function createTransport(direction: 'send' | 'recv'): Promise<Transport> {
  const loaded = await loadDevice();
  const options = await rpc<TransportOptions>('createWebRtcTransport', {
    producing: direction === 'send',
    consuming: direction === 'recv',
  });
  const transport = direction === 'send' ? loaded.createSendTransport(options) : loaded.createRecvTransport(options);
  transport.on('connect', ({ dtlsParameters }, callback, errback) => {
    rpc('connectWebRtcTransport', { transportId: transport.id, dtlsParameters }).then(() => callback(), errback);
  });
  transport.on('produce', ({ kind, rtpParameters }, callback, errback) => {
    rpc<{ id: string }>('produce', { transportId: transport.id, kind, rtpParameters }).then(callback, errback);
  });
  transport.on('connectionstatechange', (state) => connectionStates.push(`${direction}:${state}`));
  transports.push(transport);
  return transport;
}

function play(track: unknown, kind: string): void {
  const element = page.document.createElement(kind === 'audio' ? 'audio' : 'video');
  element.autoplay = true;
  element.muted = kind !== 'audio';
  element.srcObject = new page.MediaStream([track]);
  page.document.body.appendChild(element);
  // Chromium counts no received audio samples unless the track is played.
  element.play().catch(() => {});
}

/** The numeric fields of each `type` stat of the transport, by kind. */
async function rtpCounters(direction: 'send' | 'recv', type: string): Promise<Record<string, Record<string, number>>> {
  const transport = transports.find((t) => t.direction === direction);
  if (!transport) return {};
  const report = (await transport.getStats()) as unknown as PageStatsReport;
  const out: Record<string, Record<string, number>> = {};
  report.forEach((stat) => {
    if (stat.type !== type) return;
    const numbers: Record<string, number> = {};
    for (const [key, value] of Object.entries(stat)) if (typeof value === 'number') numbers[key] = value;
    if (typeof stat.qualityLimitationReason === 'string') numbers.qualityLimited = stat.qualityLimitationReason === 'none' ? 0 : 1;
    out[String(stat.kind)] = numbers;
  });
  return out;
}

const harness = {
  /** Mic and camera from Chromium's fake devices, produced on a new send transport; returns the producer ids by kind. */
  async produce(): Promise<Record<string, string>> {
    const transport = await createTransport('send');
    const stream = await page.navigator.mediaDevices.getUserMedia({ audio: true, video: { width: 320, height: 240, frameRate: 30 } });
    const ids: Record<string, string> = {};
    for (const track of stream.getTracks()) {
      const producer = await transport.produce({ track: track as never });
      producers.set(producer.id, producer);
      ids[track.kind] = producer.id;
    }
    return ids;
  },

  /** Consumes each producer on a new recv transport (created paused server-side, resumed once ready) and plays it. */
  async consume(producerIds: string[]): Promise<string[]> {
    const loaded = await loadDevice();
    const transport = await createTransport('recv');
    const ids: string[] = [];
    for (const producerId of producerIds) {
      const info = await rpc<{ id: string; producerId: string; kind: 'audio' | 'video'; rtpParameters: never }>('consume', {
        transportId: transport.id,
        producerId,
        rtpCapabilities: loaded.rtpCapabilities,
      });
      const consumer = await transport.consume(info);
      consumers.set(consumer.id, consumer);
      play(consumer.track, consumer.kind);
      await rpc('resumeConsumer', { consumerId: consumer.id });
      ids.push(consumer.id);
    }
    return ids;
  },

  /** Inbound RTP counters of the receiving transport, by kind. */
  inbound(): Promise<Record<string, Record<string, number>>> {
    return rtpCounters('recv', 'inbound-rtp');
  },

  /** Outbound RTP counters of the sending transport, by kind. */
  outbound(): Promise<Record<string, Record<string, number>>> {
    return rtpCounters('send', 'outbound-rtp');
  },

  /** ICE restart on every transport: new server credentials, then the browser's own restart. */
  async restartIce(): Promise<void> {
    for (const transport of transports) {
      const iceParameters = await rpc<never>('restartIce', { transportId: transport.id });
      await transport.restartIce({ iceParameters });
    }
  },

  connectionStates(): string[] {
    return [...connectionStates];
  },
};

page.harness = harness;
export type Harness = typeof harness;
