import { createServer, request, Agent, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The naive way to sync, as a baseline for bench:sync: every record is one JSON HTTP POST
 * (attachments base64-encoded in the body), sent one after another in the order they were
 * written, over a keep-alive connection. The receiving end parses each body and answers 200.
 */

export interface NaiveRecord {
  id: string;
  kind: 'attachment' | 'message';
  /** Bytes of payload this record carries (the file, or the message text in UTF-8). */
  payloadBytes: number;
  body: Record<string, unknown>;
}

export class NaiveReceiver {
  readonly received = new Map<string, number>();
  private constructor(readonly server: Server) {}

  static async start(): Promise<NaiveReceiver> {
    const server = createServer();
    const receiver = new NaiveReceiver(server);
    server.on('request', (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        try {
          const record = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { id: string };
          receiver.received.set(record.id, Date.now());
          res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
        } catch {
          res.writeHead(400).end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Sends queued records one POST at a time, first in first out; `push` adds to the tail. */
export class NaiveSender {
  readonly #queue: NaiveRecord[] = [];
  readonly #agent = new Agent({ keepAlive: true, maxSockets: 1 });
  readonly #port: number;
  #running: Promise<void> | undefined;
  /** When each record's POST was answered (ms since epoch). */
  readonly answered = new Map<string, number>();

  constructor(port: number) {
    this.#port = port;
  }

  push(record: NaiveRecord): void {
    this.#queue.push(record);
    this.#running ??= this.#drain().finally(() => (this.#running = undefined));
  }

  async idle(): Promise<void> {
    while (this.#running) await this.#running;
  }

  close(): void {
    this.#agent.destroy();
  }

  async #drain(): Promise<void> {
    for (let record = this.#queue.shift(); record; record = this.#queue.shift()) {
      // A dropped connection (a reset on a lossy link) is retried, as any client would.
      for (let attempt = 1; ; attempt++) {
        try {
          await this.#post(record);
          break;
        } catch (error) {
          if (attempt >= 20) throw error;
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
      }
      this.answered.set(record.id, Date.now());
    }
  }

  #post(record: NaiveRecord): Promise<void> {
    const body = Buffer.from(JSON.stringify({ id: record.id, kind: record.kind, ...record.body }));
    return new Promise((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: this.#port,
          method: 'POST',
          path: '/records',
          agent: this.#agent,
          headers: { 'content-type': 'application/json', 'content-length': body.length },
        },
        (res) => {
          res.resume();
          res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`baseline POST answered ${res.statusCode}`))));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }
}
