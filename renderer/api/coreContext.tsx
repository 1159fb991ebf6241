import { createContext, useCallback, useContext, useEffect, useSyncExternalStore, type ReactNode } from 'react';
import type { CoreEventData, CoreEventName } from '../../protocol/api/coreApi';
import type { CoreClient } from './CoreClient';
import type { ConnectionState } from './transport';

const CoreContext = createContext<CoreClient | undefined>(undefined);

export function CoreProvider({ client, children }: { client: CoreClient; children: ReactNode }) {
  return <CoreContext.Provider value={client}>{children}</CoreContext.Provider>;
}

export function useCore(): CoreClient {
  const client = useContext(CoreContext);
  if (!client) throw new Error('useCore() outside <CoreProvider>');
  return client;
}

export function useConnection(): ConnectionState {
  const client = useCore();
  const subscribe = useCallback((onChange: () => void) => client.onConnection(onChange), [client]);
  return useSyncExternalStore(subscribe, () => client.connection);
}

/** Calls `handler` for every event of one name while the component is mounted. */
export function useCoreEvent<E extends CoreEventName>(event: E, handler: (data: CoreEventData<E>) => void): void {
  const client = useCore();
  useEffect(() => client.on(event, handler), [client, event, handler]);
}

/**
 * Runs `load` now and again each time the connection to the core (re)opens, so a view
 * never shows what it had before a disconnect as if it were current.
 */
export function useOnConnect(load: (client: CoreClient) => void): void {
  const client = useCore();
  const connection = useConnection();
  useEffect(() => {
    if (connection === 'open') load(client);
  }, [client, connection, load]);
}
