import { useCallback, useSyncExternalStore } from 'react';
import { parseRoute, routeHash, type DeskRoute } from './deskRoute';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('hashchange', onChange);
  return () => window.removeEventListener('hashchange', onChange);
}

/** The page the URL hash names, and a way to go to another. */
export function useHashRoute(): [DeskRoute, (route: DeskRoute) => void] {
  const hash = useSyncExternalStore(subscribe, () => location.hash);
  const go = useCallback((route: DeskRoute) => {
    location.hash = routeHash(route);
  }, []);
  return [parseRoute(hash), go];
}
