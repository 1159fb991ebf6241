import { useCallback, useRef, useState } from 'react';
import type { FollowupRequestView, IncidentDetail, IncidentSummary } from '../../../protocol/api/incidents';
import { useCore, useCoreEvent, useOnConnect } from '../../api/coreContext';
import type { CoreClient } from '../../api/CoreClient';
import { shownError, type ShownError } from '../../i18n/errorText';

/** The vehicle's incidents, newest first: fetched on (re)connect and whenever one changes. */
export function useIncidentList(): { items: IncidentSummary[]; loaded: boolean; error: ShownError | undefined } {
  const client = useCore();
  const [state, setState] = useState<{ items: IncidentSummary[]; loaded: boolean; error: ShownError | undefined }>({
    items: [],
    loaded: false,
    error: undefined,
  });
  const load = useCallback((c: CoreClient) => {
    c.call('incidents.list', {}).then(
      (items) => setState({ items, loaded: true, error: undefined }),
      (error: unknown) => setState((s) => ({ ...s, loaded: true, error: shownError(error) })),
    );
  }, []);
  useOnConnect(load);
  useCoreEvent(
    'incidents.changed',
    useCallback(() => load(client), [client, load]),
  );
  return state;
}

/** One incident with its chain; fetched again when it changes or while a file of it is uploading (sync status). */
export function useIncident(id: string): { detail: IncidentDetail | undefined; error: ShownError | undefined } {
  const client = useCore();
  const [detail, setDetail] = useState<IncidentDetail | undefined>(undefined);
  const [error, setError] = useState<ShownError | undefined>(undefined);
  const lastProgressLoad = useRef(0);
  const load = useCallback(
    (c: CoreClient) => {
      c.call('incidents.get', { id }).then(
        (d) => {
          setDetail(d);
          setError(undefined);
        },
        (failure: unknown) => setError(shownError(failure)),
      );
    },
    [id],
  );
  useOnConnect(load);
  useCoreEvent(
    'incidents.changed',
    useCallback((ids: string[]) => (ids.includes(id) ? load(client) : undefined), [client, id, load]),
  );
  // An upload's progress is in the sync status; a file of this incident is sending: read its progress again.
  useCoreEvent(
    'sync.status',
    useCallback(
      (status) => {
        const uploading = status.sending.some((s) => s.kind === 'attachment');
        const unfinished = detail?.chain.some((r) => r.files.some((f) => !f.original.complete || (f.thumbnail && !f.thumbnail.complete)));
        // The status comes a few times a second while it changes: the progress is read again at most once a second.
        if (!uploading || !unfinished || Date.now() - lastProgressLoad.current < 1000) return;
        lastProgressLoad.current = Date.now();
        load(client);
      },
      [client, detail, load],
    ),
  );
  return { detail, error };
}

/** Follow-up requests from the center not yet answered nor dismissed: the alert above every view. */
export function useFollowupRequests(): FollowupRequestView[] {
  const client = useCore();
  const [requests, setRequests] = useState<FollowupRequestView[]>([]);
  const load = useCallback((c: CoreClient) => {
    c.call('incidents.followups', {}).then(setRequests, () => {});
  }, []);
  useOnConnect(load);
  useCoreEvent(
    'incidents.changed',
    useCallback(() => load(client), [client, load]),
  );
  return requests;
}
