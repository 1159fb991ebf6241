import { createContext, useContext, useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { useCore } from '../api/coreContext';
import { usePolicy } from '../hooks/usePolicy';
import { MediaController, type MediaSnapshot } from './MediaController';

const MediaContext = createContext<MediaController | undefined>(undefined);

/** One MediaController for the app, fed with the link policy's `live` decision. */
export function MediaProvider({ displayName, children }: { displayName: string; children: ReactNode }) {
  const client = useCore();
  const [controller] = useState(() => new MediaController(client));
  // The name arrives with app.info, after the first render.
  useEffect(() => controller.setDisplayName(displayName), [controller, displayName]);
  const policy = usePolicy();
  useEffect(() => controller.setLiveDecision(policy?.decisions.find((d) => d.trafficClass === 'live')), [controller, policy]);
  useEffect(() => () => controller.stop(), [controller]);
  return <MediaContext.Provider value={controller}>{children}</MediaContext.Provider>;
}

export function useMedia(): [MediaSnapshot, MediaController] {
  const controller = useContext(MediaContext);
  if (!controller) throw new Error('useMedia() outside <MediaProvider>');
  const snapshot = useSyncExternalStore(
    (onChange) => controller.subscribe(onChange),
    () => controller.snapshot,
  );
  return [snapshot, controller];
}
