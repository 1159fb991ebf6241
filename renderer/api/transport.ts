import type { CoreEventMessage } from '../../protocol/api/coreApi';
import type { ApiResult } from '../../protocol/api/errors';

export type ConnectionState = 'connecting' | 'open' | 'closed';

/** How the renderer reaches the core: Electron IPC or the headless host's WebSocket. */
export interface Transport {
  readonly connection: ConnectionState;
  call(method: string, params: unknown): Promise<ApiResult>;
  onEvent(listener: (message: CoreEventMessage) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}
