import { useCallback, useEffect, useState } from 'react';
import type { HistoryMetric, HistoryRange, HistorySeries } from '../../protocol/api/history';
import type { LinkStateChange } from '../../protocol/links/linkStatus';
import { useCore, useCoreEvent } from '../api/coreContext';

/** A link's history for charts, refreshed every `refreshMs` while shown. */
export function useHistory(linkId: string, metrics: readonly HistoryMetric[], range: HistoryRange, refreshMs = 15_000): { series: HistorySeries | undefined; error: string | undefined } {
  const client = useCore();
  const [state, setState] = useState<{ series: HistorySeries | undefined; error: string | undefined }>({ series: undefined, error: undefined });
  const key = metrics.join(',');
  useEffect(() => {
    let live = true;
    const load = () => {
      client.call('links.history', { linkId, metrics: key.split(',') as HistoryMetric[], range }).then(
        (series) => live && setState({ series, error: undefined }),
        (error: unknown) => live && setState((s) => ({ ...s, error: error instanceof Error ? error.message : String(error) })),
      );
    };
    load();
    const timer = setInterval(load, refreshMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, linkId, key, range, refreshMs]);
  return state;
}

/** A link's state changes, newest first, updated as they happen. */
export function useLinkEvents(linkId: string, limit = 20): LinkStateChange[] {
  const client = useCore();
  const [events, setEvents] = useState<LinkStateChange[]>([]);
  useEffect(() => {
    let live = true;
    client.call('links.events', { linkId, limit }).then(
      (list) => live && setEvents(list),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, linkId, limit]);
  useCoreEvent(
    'links.stateChanged',
    useCallback((change: LinkStateChange) => {
      if (change.linkId === linkId) setEvents((list) => [change, ...list].slice(0, limit));
    }, [linkId, limit]),
  );
  return events;
}
