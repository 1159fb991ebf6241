// A lean HTTP/1.1 load client for the tile bench: `connections` keep-alive sockets, one request
// outstanding on each (what a browser does with its six connections per host, no pipelining),
// answers framed by Content-Length only. Node's http client costs more CPU per request than the
// server under test; on a 2-core machine it would measure itself.
import { connect, type Socket } from 'node:net';

const HEADER_END = Buffer.from('\r\n\r\n');

/** One connection that sends a request and resolves with the answer's status and body size when it has all of it. */
class Connection {
  #socket: Socket;
  #buffer: Buffer = Buffer.alloc(0);
  #waiting: ((answer: { status: number; bytes: number }) => void) | undefined;
  #failed: ((error: Error) => void) | undefined;

  constructor(port: number) {
    this.#socket = connect({ host: '127.0.0.1', port, noDelay: true });
    this.#socket.on('data', (chunk: Buffer) => this.#take(chunk));
    this.#socket.on('error', (error) => this.#failed?.(error));
  }

  get(path: string, host: string): Promise<{ status: number; bytes: number }> {
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#failed = reject;
      this.#socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\nConnection: keep-alive\r\n\r\n`);
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #take(chunk: Buffer): void {
    this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
    const end = this.#buffer.indexOf(HEADER_END);
    if (end < 0) return;
    const head = this.#buffer.subarray(0, end).toString('latin1');
    const declared = /\r\ncontent-length:\s*(\d+)/i.exec(head)?.[1];
    if (declared === undefined) {
      this.#failed?.(new Error(`an answer without Content-Length (this client frames by it): ${head.split('\r\n')[0]}`));
      return;
    }
    const length = Number(declared);
    const total = end + HEADER_END.length + length;
    if (this.#buffer.length < total) return;
    const status = Number(head.slice(9, 12));
    this.#buffer = this.#buffer.subarray(total);
    const done = this.#waiting;
    this.#waiting = undefined;
    done?.({ status, bytes: length });
  }
}

/** Requests every path over `connections` sockets; answers requests/s and each request's latency (ms). Any answer but 200 fails the run. */
export async function driveRaw(
  port: number,
  paths: readonly string[],
  connections: number,
): Promise<{ perSecond: number; latencies: number[] }> {
  const host = `127.0.0.1:${port}`;
  const sockets = Array.from({ length: connections }, () => new Connection(port));
  const latencies: number[] = [];
  let next = 0;
  const worker = async (connection: Connection) => {
    while (next < paths.length) {
      const path = paths[next++]!;
      const started = performance.now();
      const answer = await connection.get(path, host);
      if (answer.status !== 200) throw new Error(`${path}: HTTP ${answer.status}`);
      latencies.push(performance.now() - started);
    }
  };
  const started = performance.now();
  try {
    await Promise.all(sockets.map(worker));
  } finally {
    for (const socket of sockets) socket.close();
  }
  return { perSecond: paths.length / ((performance.now() - started) / 1000), latencies };
}
