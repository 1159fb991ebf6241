import { useCallback, useState } from 'react';
import type { LinkStatus } from '../../protocol/links/linkStatus';
import { useCoreEvent, useOnConnect } from '../api/coreContext';
import type { CoreClient } from '../api/CoreClient';

export interface LinksState {
  links: LinkStatus[];
  loaded: boolean;
  error: string | undefined;
}

/** Every link's status: the list on (re)connect, then each `links.status` event in place. */
export function useLinks(): LinksState {
  const [state, setState] = useState<LinksState>({ links: [], loaded: false, error: undefined });
  const load = useCallback((client: CoreClient) => {
    client.call('links.list', {}).then(
      (links) => setState({ links, loaded: true, error: undefined }),
      (error: unknown) => setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) })),
    );
  }, []);
  useOnConnect(load);
  useCoreEvent(
    'links.status',
    useCallback((status: LinkStatus) => {
      setState((s) => {
        const index = s.links.findIndex((l) => l.id === status.id);
        const links = index < 0 ? [...s.links, status] : s.links.map((l, i) => (i === index ? status : l));
        return { ...s, links };
      });
    }, []),
  );
  return state;
}
