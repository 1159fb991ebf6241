import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { type WebSocket, WebSocketServer } from 'ws';
import { z } from 'zod';
import type { MediaConsumer, MediaProducer, MediaRouter, MediaTransport } from '../../../center/media/MediaBackend';
import { RtpCapabilities } from '../../../protocol/media/rtp';
import { mediaRequests } from '../../../protocol/media/signaling';

/**
 * The test side of the media harness: an HTTP server for the page (harnessPage.ts,
 * bundled with esbuild into memory) and a JSON-over-WebSocket RPC at `/rpc` whose methods
 * map onto one MediaRouter. Request data is checked with the signaling contract's schemas
 * (`mediaRequests`); `consume` is the harness's stand-in for the server's `newConsumer`.
 * The maps expose what the pages created, so a test can act on the backend directly.
 */
export interface MediaHarness {
  url: string;
  transports: Map<string, MediaTransport>;
  producers: Map<string, MediaProducer>;
  consumers: Map<string, MediaConsumer>;
  /** Which way each transport was created for. */
  roles: Map<string, 'send' | 'recv'>;
  /** Each transport's `state` events, in order. */
  states: Map<string, string[]>;
  /** Every RPC that failed, as `method: message` (a test asserts it stays empty). */
  errors: string[];
  close(): Promise<void>;
}

const ConsumeData = z.object({ transportId: z.string(), producerId: z.string(), rtpCapabilities: RtpCapabilities }).strict();
const RpcRequest = z.object({ id: z.number().int(), method: z.string(), params: z.unknown() });

export async function bundleHarnessPage(): Promise<string> {
  const entry = fileURLToPath(new URL('./harnessPage.ts', import.meta.url));
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error('esbuild produced no output for the harness page');
  return output.text;
}

export async function startMediaHarness(router: MediaRouter): Promise<MediaHarness> {
  const script = await bundleHarnessPage();
  const transports = new Map<string, MediaTransport>();
  const producers = new Map<string, MediaProducer>();
  const consumers = new Map<string, MediaConsumer>();
  const states = new Map<string, string[]>();
  const roles = new Map<string, 'send' | 'recv'>();
  const errors: string[] = [];

  const transport = (id: string) => {
    const found = transports.get(id);
    if (!found) throw new Error(`no transport ${id}`);
    return found;
  };

  const methods: Record<string, (params: unknown) => Promise<unknown>> = {
    getRouterRtpCapabilities: async () => router.rtpCapabilities,
    createWebRtcTransport: async (params) => {
      const data = mediaRequests.createWebRtcTransport.data.parse(params);
      const created = await router.createWebRtcTransport(data);
      transports.set(created.id, created);
      states.set(created.id, []);
      roles.set(created.id, data.producing ? 'send' : 'recv');
      created.on('state', (state) => states.get(created.id)?.push(state));
      return {
        id: created.id,
        iceParameters: created.iceParameters,
        iceCandidates: created.iceCandidates,
        dtlsParameters: created.dtlsParameters,
      };
    },
    connectWebRtcTransport: async (params) => {
      const data = mediaRequests.connectWebRtcTransport.data.parse(params);
      await transport(data.transportId).connect(data.dtlsParameters);
    },
    restartIce: async (params) => transport(mediaRequests.restartIce.data.parse(params).transportId).restartIce(),
    produce: async (params) => {
      const data = mediaRequests.produce.data.parse(params);
      const producer = await transport(data.transportId).produce({
        kind: data.kind,
        rtpParameters: data.rtpParameters,
        appData: data.appData ?? {},
      });
      producers.set(producer.id, producer);
      return { id: producer.id };
    },
    consume: async (params) => {
      const data = ConsumeData.parse(params);
      if (!router.canConsume(data.producerId, data.rtpCapabilities)) throw new Error(`cannot consume ${data.producerId}`);
      const consumer = await transport(data.transportId).consume({
        producerId: data.producerId,
        rtpCapabilities: data.rtpCapabilities,
        appData: {},
      });
      consumers.set(consumer.id, consumer);
      return {
        id: consumer.id,
        producerId: consumer.producerId,
        kind: consumer.kind,
        rtpParameters: consumer.rtpParameters,
        type: consumer.type,
        producerPaused: consumer.producerPaused,
      };
    },
    resumeConsumer: async (params) => {
      const { consumerId } = mediaRequests.resumeConsumer.data.parse(params);
      const consumer = consumers.get(consumerId);
      if (!consumer) throw new Error(`no consumer ${consumerId}`);
      await consumer.resume();
    },
  };

  const server: Server = createServer((request, response) => {
    if (request.url === '/page.js') {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
    } else if (request.url === '/') {
      response
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><body><script type="module" src="/page.js"></script></body></html>');
    } else {
      response.writeHead(404).end();
    }
  });
  const wss = new WebSocketServer({ server, path: '/rpc' });
  wss.on('connection', (socket: WebSocket) => {
    socket.on('message', (raw) => {
      void answer(socket, String(raw));
    });
  });

  async function answer(socket: WebSocket, raw: string): Promise<void> {
    let id = -1;
    try {
      const request = RpcRequest.parse(JSON.parse(raw));
      id = request.id;
      const method = methods[request.method];
      if (!method) throw new Error(`unknown method ${request.method}`);
      const result = await method(request.params);
      socket.send(JSON.stringify({ id, ok: true, result }));
    } catch (error) {
      const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      errors.push(message);
      socket.send(JSON.stringify({ id, ok: false, error: message }));
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    transports,
    producers,
    consumers,
    roles,
    states,
    errors,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
