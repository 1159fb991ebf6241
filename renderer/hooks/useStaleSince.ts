import { useEffect, useState } from 'react';
import { useCore } from '../api/coreContext';
import { nextStaleSince } from './staleSince';

/**
 * When the console core went out of reach (epoch ms), or `undefined` while it is reachable
 * — for views that must grey out and lock what depends on it, with a "stale since" mark.
 */
export function useStaleSince(): number | undefined {
  const client = useCore();
  const [since, setSince] = useState(() => nextStaleSince(undefined, client.connection, Date.now()));
  useEffect(() => client.onConnection((state) => setSince((previous) => nextStaleSince(previous, state, Date.now()))), [client]);
  return since;
}
