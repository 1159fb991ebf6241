import { useCallback, useEffect, useRef, useState } from 'react';
import { shownError, type ShownError } from '../../i18n/errorText';
import { useDesk } from './deskContext';

export interface DeskQuery<T> {
  data: T | undefined;
  problem: ShownError | null;
  loading: boolean;
}

/**
 * Fetches with `load` now, whenever `key` changes and on every beat of the desk's pulse;
 * the last answer stays on screen while a newer one is fetched, and a failure keeps it too.
 */
export function useDeskQuery<T>(key: string, load: () => Promise<T>): DeskQuery<T> {
  const { pulse } = useDesk();
  const [state, setState] = useState<DeskQuery<T> & { key: string }>({ data: undefined, problem: null, loading: true, key });
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  const run = useCallback(
    (stopped: () => boolean) =>
      loadRef.current().then(
        (data) => !stopped() && setState({ data, problem: null, loading: false, key }),
        (error: unknown) =>
          !stopped() && setState((s) => ({ data: s.key === key ? s.data : undefined, problem: shownError(error), loading: false, key })),
      ),
    [key],
  );

  useEffect(() => {
    let stopped = false;
    void run(() => stopped);
    const unsubscribe = pulse.subscribe(() => void run(() => stopped));
    return () => {
      stopped = true;
      unsubscribe();
    };
  }, [key, pulse, run]);

  return state.key === key ? state : { data: undefined, problem: null, loading: true };
}
