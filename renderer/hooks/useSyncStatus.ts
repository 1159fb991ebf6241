import { useCallback, useState } from 'react';
import type { SyncStatus } from '../../protocol/api/syncStatus';
import { useCoreEvent, useOnConnect } from '../api/coreContext';
import type { CoreClient } from '../api/CoreClient';

/** The outbox and the sync engine's state: fetched on (re)connect, then every `sync.status` event. */
export function useSyncStatus(): SyncStatus | undefined {
  const [status, setStatus] = useState<SyncStatus | undefined>(undefined);
  useOnConnect(
    useCallback((client: CoreClient) => {
      client.call('sync.status', {}).then(setStatus, (error: unknown) => console.error('sync.status failed', error));
    }, []),
  );
  useCoreEvent('sync.status', setStatus);
  return status;
}
