import { useCallback, useRef, useState } from 'react';
import type { LinkStatus } from '../../protocol/links/linkStatus';
import { useCoreEvent, useOnConnect } from '../api/coreContext';
import type { CoreClient } from '../api/CoreClient';
import { shownError, type ShownError } from '../i18n/errorText';

export interface LinksState {
  links: LinkStatus[];
  loaded: boolean;
  error: ShownError | undefined;
}

/** Every link's status: the list on (re)connect, then each `links.status` event in place. */
export function useLinks(): LinksState {
  const [state, setState] = useState<LinksState>({ links: [], loaded: false, error: undefined });
  // Links updated by events while a list request was on its way: their event is newer than the list.
  const updatedSinceLoad = useRef(new Set<string>());
  const load = useCallback((client: CoreClient) => {
    updatedSinceLoad.current.clear();
    client.call('links.list', {}).then(
      (listed) =>
        setState((s) => ({
          links: listed.map((link) => (updatedSinceLoad.current.has(link.id) ? (s.links.find((l) => l.id === link.id) ?? link) : link)),
          loaded: true,
          error: undefined,
        })),
      (error: unknown) => setState((s) => ({ ...s, error: shownError(error) })),
    );
  }, []);
  useOnConnect(load);
  useCoreEvent(
    'links.status',
    useCallback((status: LinkStatus) => {
      updatedSinceLoad.current.add(status.id);
      setState((s) => {
        const index = s.links.findIndex((l) => l.id === status.id);
        const links = index < 0 ? [...s.links, status] : s.links.map((l, i) => (i === index ? status : l));
        return { ...s, links };
      });
    }, []),
  );
  return state;
}
