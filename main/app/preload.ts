import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { BRIDGE_GLOBAL, IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type McvBridge } from '../../protocol/api/ipc';
import type { ApiResult } from '../../protocol/api/errors';
import type { CoreEventMessage } from '../../protocol/api/coreApi';

/**
 * The page's only door to the core: one call function and one event subscription
 * (Electron security checklist #20). Nothing else of Electron or Node is exposed.
 */
const bridge: McvBridge = {
  call(method: string, params: unknown): Promise<ApiResult> {
    if (typeof method !== 'string') return Promise.reject(new TypeError('method must be a string'));
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, { method, params }) as Promise<ApiResult>;
  },
  onEvent(listener: (message: CoreEventMessage) => void): () => void {
    const handler = (_event: IpcRendererEvent, message: CoreEventMessage) => listener(message);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
  },
};

contextBridge.exposeInMainWorld(BRIDGE_GLOBAL, bridge);
