import { WsServerFrame, type WsClientFrame } from '../../protocol/api/wsFrames';
import type { CoreEventMessage } from '../../protocol/api/coreApi';
import type { ApiResult } from '../../protocol/api/errors';
import type { ConnectionState, Transport } from './transport';

interface Pending {
  resolve: (result: ApiResult) => void;
  timer: ReturnType<typeof setTimeout>;
}

export interface WsTransportOptions {
  url: string;
  /** Default 15 000 ms. */
  callTimeoutMs?: number;
  /** Reconnect backoff, doubling from the first to the last. Defaults 500 ms .. 5000 ms. */
  retryInitialMs?: number;
  retryMaxMs?: number;
}

/**
 * The headless host's API socket, reconnecting with backoff for as long as the page
 * lives. A call made while disconnected, or cut off by a disconnect, resolves with an
 * error envelope instead of hanging.
 */
export function createWsTransport(options: WsTransportOptions): Transport {
  const callTimeoutMs = options.callTimeoutMs ?? 15_000;
  const retryInitialMs = options.retryInitialMs ?? 500;
  const retryMaxMs = options.retryMaxMs ?? 5000;
  const eventListeners = new Set<(message: CoreEventMessage) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  const pending = new Map<number, Pending>();
  let socket: WebSocket | undefined;
  let state: ConnectionState = 'connecting';
  let nextId = 1;
  let retryMs = retryInitialMs;

  const setState = (next: ConnectionState) => {
    if (state === next) return;
    state = next;
    for (const listener of connectionListeners) listener(next);
  };

  const failAll = (message: string) => {
    for (const [id, call] of pending) {
      clearTimeout(call.timer);
      call.resolve({ ok: false, error: { code: 'INTERNAL', message } });
      pending.delete(id);
    }
  };

  const connect = () => {
    setState('connecting');
    const ws = new WebSocket(options.url);
    socket = ws;
    ws.onopen = () => {
      retryMs = retryInitialMs;
      setState('open');
    };
    ws.onmessage = (event) => {
      let frame;
      try {
        frame = WsServerFrame.safeParse(JSON.parse(String(event.data)));
      } catch {
        return;
      }
      if (!frame.success) {
        console.error('unexpected frame from the core', frame.error);
        return;
      }
      const data = frame.data;
      if (data.type === 'event') {
        for (const listener of eventListeners) listener(data);
        return;
      }
      if (data.id === null) {
        console.error('the core rejected a frame', data);
        return;
      }
      const call = pending.get(data.id);
      if (!call) return;
      pending.delete(data.id);
      clearTimeout(call.timer);
      call.resolve(data.ok ? { ok: true, value: data.value } : { ok: false, error: data.error });
    };
    ws.onclose = () => {
      if (socket !== ws) return;
      socket = undefined;
      failAll('the connection to the console core was lost');
      setState('closed');
      setTimeout(connect, retryMs);
      retryMs = Math.min(retryMs * 2, retryMaxMs);
    };
  };
  connect();

  return {
    get connection() {
      return state;
    },
    call(method, params) {
      const ws = socket;
      if (!ws || ws.readyState !== WebSocket.OPEN) {
        return Promise.resolve({ ok: false, error: { code: 'INTERNAL', message: 'not connected to the console core' } });
      }
      const id = nextId++;
      const frame: WsClientFrame = { type: 'call', id, method, params };
      return new Promise<ApiResult>((resolve) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          resolve({ ok: false, error: { code: 'INTERNAL', message: `${method}: no answer within ${callTimeoutMs} ms` } });
        }, callTimeoutMs);
        pending.set(id, { resolve, timer });
        ws.send(JSON.stringify(frame));
      });
    },
    onEvent(listener) {
      eventListeners.add(listener);
      return () => eventListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      return () => connectionListeners.delete(listener);
    },
  };
}
