import type { ApiResult } from './errors';
import type { CoreEventMessage } from './coreApi';

/** Electron IPC channel names; the preload and the main-process bridge share them. */
export const IPC_CALL_CHANNEL = 'core:call';
export const IPC_EVENT_CHANNEL = 'core:event';

/** Name of the object the preload exposes on `window`. */
export const BRIDGE_GLOBAL = 'mcvBridge';

/**
 * The preload's whole surface: one call function and one event subscription.
 * Nothing of Electron or Node reaches the page.
 */
export interface McvBridge {
  call(method: string, params: unknown): Promise<ApiResult>;
  /** Returns a function that unsubscribes. */
  onEvent(listener: (message: CoreEventMessage) => void): () => void;
}
