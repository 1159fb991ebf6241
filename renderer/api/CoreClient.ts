import {
  coreEvents,
  coreMethods,
  type CoreEventData,
  type CoreEventName,
  type CoreMethodName,
  type CoreParams,
  type CoreResult,
} from '../../protocol/api/coreApi';
import { CoreApiError } from '../../protocol/api/errors';
import { createIpcTransport, findIpcBridge } from './ipcTransport';
import type { ConnectionState, Transport } from './transport';
import { createWsTransport } from './wsTransport';

const OFFSET_WINDOW = 50;

/**
 * The renderer's one client of the console API, over whichever transport the page has.
 * Results and events are checked against the contract before views see them.
 */
export class CoreClient {
  readonly #transport: Transport;
  /** Recent (local clock − core clock) samples from event timestamps, ms. */
  readonly #offsets: number[] = [];

  constructor(transport: Transport) {
    this.#transport = transport;
    transport.onEvent((message) => {
      this.#offsets.push(Date.now() - message.sentAt);
      if (this.#offsets.length > OFFSET_WINDOW) this.#offsets.shift();
    });
    // After a reconnect the core may be another process, or its clock may have stepped.
    transport.onConnection((state) => {
      if (state !== 'open') this.#offsets.length = 0;
    });
  }

  get connection(): ConnectionState {
    return this.#transport.connection;
  }

  /** The core's clock now, for ages of values the core timestamped. */
  coreNow(): number {
    // Delivery only ever adds delay, so the smallest recent offset is the best estimate;
    // a window (not all time) lets the estimate follow a clock that stepped.
    return Date.now() - (this.#offsets.length > 0 ? Math.min(...this.#offsets) : 0);
  }

  async call<M extends CoreMethodName>(method: M, params: CoreParams<M>): Promise<CoreResult<M>> {
    const result = await this.#transport.call(method, params);
    if (!result.ok) throw new CoreApiError(result.error);
    const parsed = coreMethods[method].result.safeParse(result.value);
    if (!parsed.success) throw new CoreApiError({ code: 'INTERNAL', message: `${method}: the core's answer does not match the contract` });
    return parsed.data as CoreResult<M>;
  }

  on<E extends CoreEventName>(event: E, handler: (data: CoreEventData<E>) => void): () => void {
    return this.#transport.onEvent((message) => {
      if (message.name !== event) return;
      const parsed = coreEvents[event].safeParse(message.data);
      if (parsed.success) handler(parsed.data as CoreEventData<E>);
      else console.error(`event ${event} does not match the contract`, parsed.error);
    });
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.#transport.onConnection(listener);
  }
}

/** IPC inside Electron; otherwise the WebSocket of the host that served this page. */
export function connectToCore(): CoreClient {
  const bridge = findIpcBridge();
  if (bridge) return new CoreClient(createIpcTransport(bridge));
  const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
  return new CoreClient(createWsTransport({ url: `${scheme}://${location.host}/api` }));
}
