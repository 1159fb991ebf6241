import { useCallback, useEffect, useState } from 'react';
import type { HistoryMetric, HistoryRange, HistorySeries } from '../../protocol/api/history';
import type { LinkStateChange } from '../../protocol/links/linkStatus';
import { useConnection, useCore, useCoreEvent } from '../api/coreContext';
import { shownError, type ShownError } from '../i18n/errorText';

/** A link's history for charts, refreshed every `refreshMs` while shown. */
export function useHistory(
  linkId: string,
  metrics: readonly HistoryMetric[],
  range: HistoryRange,
  refreshMs = 15_000,
): { series: HistorySeries | undefined; error: ShownError | undefined } {
  const client = useCore();
  const key = `${linkId}|${range}|${metrics.join(',')}`;
  // Tagged with the query it answers: another link or range never shows the previous one's data.
  const [state, setState] = useState<{ key: string; series: HistorySeries | undefined; error: ShownError | undefined }>({
    key: '',
    series: undefined,
    error: undefined,
  });
  useEffect(() => {
    let live = true;
    const [id = '', r, names = ''] = key.split('|');
    const load = () => {
      client.call('links.history', { linkId: id, metrics: names.split(',') as HistoryMetric[], range: r as HistoryRange }).then(
        (series) => live && setState({ key, series, error: undefined }),
        (error: unknown) => live && setState((s) => ({ key, series: s.key === key ? s.series : undefined, error: shownError(error) })),
      );
    };
    load();
    const timer = setInterval(load, refreshMs);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [client, key, refreshMs]);
  return state.key === key ? { series: state.series, error: state.error } : { series: undefined, error: undefined };
}

const eventKey = (e: LinkStateChange) => `${e.at}|${e.from}|${e.to}`;

/** Stored and live events together, newest first, each once. */
function mergeEvents(a: readonly LinkStateChange[], b: readonly LinkStateChange[], limit: number): LinkStateChange[] {
  const byKey = new Map([...a, ...b].map((e) => [eventKey(e), e]));
  return [...byKey.values()].sort((x, y) => y.at - x.at).slice(0, limit);
}

/**
 * A link's state changes, newest first: fetched on (re)connect and merged with the live
 * ones (the store writes once a second, so a change just before the fetch may only come live).
 */
export function useLinkEvents(linkId: string, limit = 20): LinkStateChange[] {
  const client = useCore();
  const connection = useConnection();
  // Per link, so switching tiles never mixes or crowds out another link's events.
  const [events, setEvents] = useState<Record<string, LinkStateChange[]>>({});
  const add = useCallback(
    (id: string, more: readonly LinkStateChange[]) => setEvents((all) => ({ ...all, [id]: mergeEvents(all[id] ?? [], more, limit) })),
    [limit],
  );
  useEffect(() => {
    if (connection !== 'open') return;
    let live = true;
    client.call('links.events', { linkId, limit }).then(
      (list) => live && add(linkId, list),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [client, connection, linkId, limit, add]);
  useCoreEvent(
    'links.stateChanged',
    useCallback((change: LinkStateChange) => add(change.linkId, [change]), [add]),
  );
  return events[linkId] ?? EMPTY;
}

const EMPTY: LinkStateChange[] = [];
