import { BRIDGE_GLOBAL, type McvBridge } from '../../protocol/api/ipc';
import type { Transport } from './transport';

/** The preload's bridge, when the renderer runs inside Electron. */
export function findIpcBridge(): McvBridge | undefined {
  return (window as unknown as Record<string, McvBridge | undefined>)[BRIDGE_GLOBAL];
}

/** IPC never disconnects while the window lives. */
export function createIpcTransport(bridge: McvBridge): Transport {
  return {
    connection: 'open',
    call: (method, params) => bridge.call(method, params),
    onEvent: (listener) => bridge.onEvent(listener),
    onConnection: () => () => {},
  };
}
