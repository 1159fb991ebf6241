// Types for protoo-client 4 (it ships none): the parts the console uses.
declare module 'protoo-client' {
  export class WebSocketTransport {
    constructor(url: string, options?: { retry?: { retries?: number; factor?: number; minTimeout?: number; maxTimeout?: number } });
    readonly closed: boolean;
    close(): void;
  }

  export interface ProtooRequest {
    id: number;
    method: string;
    data: unknown;
  }

  export class Peer {
    constructor(transport: WebSocketTransport);
    readonly closed: boolean;
    readonly connected: boolean;
    request(method: string, data?: unknown): Promise<unknown>;
    notify(method: string, data?: unknown): Promise<void>;
    close(): void;
    on(event: 'open' | 'disconnected' | 'close', listener: () => void): this;
    on(event: 'failed', listener: (currentAttempt: number) => void): this;
    on(
      event: 'request',
      listener: (request: ProtooRequest, accept: (data?: unknown) => void, reject: (code: number | Error, reason?: string) => void) => void,
    ): this;
    on(event: 'notification', listener: (notification: { method: string; data: unknown }) => void): this;
    once(event: 'open' | 'close' | 'failed', listener: () => void): this;
    off(event: string, listener: (...args: never[]) => void): this;
  }
}
