import { useCallback, useState } from 'react';
import type { LinkPolicy } from '../../protocol/links/policy';
import { useCoreEvent, useOnConnect } from '../api/coreContext';
import type { CoreClient } from '../api/CoreClient';

/** The link policy: fetched on (re)connect, then every `links.policy` event. */
export function usePolicy(): LinkPolicy | undefined {
  const [policy, setPolicy] = useState<LinkPolicy | undefined>(undefined);
  useOnConnect(
    useCallback((c: CoreClient) => {
      c.call('links.policy', {}).then(setPolicy, (error: unknown) => console.error('links.policy failed', error));
    }, []),
  );
  useCoreEvent('links.policy', setPolicy);
  return policy;
}
