import { useCallback, useState } from 'react';
import type { Settings } from '../../protocol/config/consoleConfig';
import { useCore, useCoreEvent, useOnConnect } from '../api/coreContext';
import type { CoreClient } from '../api/CoreClient';

/** The operator's settings, shared with every other window through the core. */
export function useSettings(): [Settings | undefined, (patch: Partial<Settings>) => Promise<void>] {
  const client = useCore();
  const [settings, setSettings] = useState<Settings | undefined>(undefined);
  useOnConnect(
    useCallback((c: CoreClient) => {
      c.call('settings.get', {}).then(setSettings, (error: unknown) => console.error('settings.get failed', error));
    }, []),
  );
  useCoreEvent('settings.changed', setSettings);
  const update = useCallback(
    async (patch: Partial<Settings>) => {
      setSettings(await client.call('settings.update', patch));
    },
    [client],
  );
  return [settings, update];
}
