import { useCallback, useState } from 'react';
import type { AppInfo } from '../../protocol/api/coreApi';
import { useOnConnect } from '../api/coreContext';
import type { CoreClient } from '../api/CoreClient';

export function useAppInfo(): AppInfo | undefined {
  const [info, setInfo] = useState<AppInfo | undefined>(undefined);
  useOnConnect(
    useCallback((c: CoreClient) => {
      c.call('app.info', {}).then(setInfo, () => {});
    }, []),
  );
  return info;
}
