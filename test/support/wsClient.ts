import WebSocket from 'ws';
import type { WsServerFrame } from '../../protocol/api/wsFrames';
import { waitFor } from './waitFor';

type ResultFrame = Extract<WsServerFrame, { type: 'result' }>;

/** A WebSocket client of the headless host's API, as a browser page would be (same Origin). */
export class ApiSocket {
  readonly frames: WsServerFrame[] = [];
  #nextId = 1;

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => this.frames.push(JSON.parse(data.toString()) as WsServerFrame));
  }

  static open(baseUrl: string, origin = new URL(baseUrl).origin): Promise<ApiSocket> {
    const url = new URL('/api', baseUrl);
    url.protocol = 'ws:';
    const socket = new WebSocket(url, { origin });
    return new Promise((resolve, reject) => {
      socket.once('open', () => resolve(new ApiSocket(socket)));
      socket.once('unexpected-response', (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
      socket.once('error', reject);
    });
  }

  /** Sends raw text and resolves with the next result frame. */
  async sendRaw(text: string): Promise<ResultFrame> {
    const before = this.frames.length;
    this.socket.send(text);
    return waitFor(
      `a result frame for ${text.slice(0, 80)}`,
      () => this.frames.slice(before).find((f): f is ResultFrame => f.type === 'result'),
      5000,
      10,
    );
  }

  async call(method: string, params: unknown = {}): Promise<ResultFrame> {
    const id = this.#nextId++;
    const before = this.frames.length;
    this.socket.send(JSON.stringify({ type: 'call', id, method, params }));
    return waitFor(
      `an answer to ${method}`,
      () => this.frames.slice(before).find((f): f is ResultFrame => f.type === 'result' && f.id === id),
      5000,
      10,
    );
  }

  close(): void {
    this.socket.close();
  }
}
