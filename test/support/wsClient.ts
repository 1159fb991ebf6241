import WebSocket from 'ws';
import type { WsServerFrame } from '../../protocol/api/wsFrames';

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
  async sendRaw(text: string): Promise<Extract<WsServerFrame, { type: 'result' }>> {
    const before = this.frames.length;
    this.socket.send(text);
    for (let i = 0; i < 500; i++) {
      const frame = this.frames.slice(before).find((f) => f.type === 'result');
      if (frame && frame.type === 'result') return frame;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no result frame for ${text.slice(0, 80)}`);
  }

  async call(method: string, params: unknown = {}): Promise<Extract<WsServerFrame, { type: 'result' }>> {
    const id = this.#nextId++;
    const before = this.frames.length;
    this.socket.send(JSON.stringify({ type: 'call', id, method, params }));
    for (let i = 0; i < 500; i++) {
      const frame = this.frames.slice(before).find((f) => f.type === 'result' && f.id === id);
      if (frame && frame.type === 'result') return frame;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    throw new Error(`no answer to ${method}`);
  }

  close(): void {
    this.socket.close();
  }
}
