import { useCallback, useState } from 'react';
import type { Alert } from '../../protocol/api/coreApi';
import { useCoreEvent, useOnConnect } from '../api/coreContext';
import type { CoreClient } from '../api/CoreClient';

export function useAlerts(): Alert[] {
  const [alerts, setAlerts] = useState<Alert[]>([]);
  useOnConnect(
    useCallback((c: CoreClient) => {
      c.call('system.alerts', {}).then(setAlerts, () => {});
    }, []),
  );
  useCoreEvent('system.alerts', setAlerts);
  return alerts;
}
