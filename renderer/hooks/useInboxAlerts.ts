import { useCallback, useState } from 'react';
import type { InboxItemView } from '../../protocol/api/messaging';
import { useCore, useCoreEvent, useOnConnect } from '../api/coreContext';
import type { CoreClient } from '../api/CoreClient';

/**
 * Orders not acknowledged and center messages not read, newest first: what the alert in
 * every view shows. The core keeps them (they survive a restart); fetched on (re)connect
 * and again whenever the inbox changes.
 */
export function useInboxAlerts(): InboxItemView[] {
  const client = useCore();
  const [alerts, setAlerts] = useState<InboxItemView[]>([]);
  const refresh = useCallback((c: CoreClient) => {
    c.call('inbox.alerts', {}).then(setAlerts, () => {});
  }, []);
  useOnConnect(refresh);
  useCoreEvent(
    'inbox.changed',
    useCallback(() => refresh(client), [client, refresh]),
  );
  return alerts;
}
