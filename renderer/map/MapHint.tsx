import type { ReactNode } from 'react';

/**
 * What a tool waits for ("Click the map where…"), laid over the top of the map: a note above
 * it would push the map down just as the user aims a click at it.
 */
export function MapHint({ children }: { children: ReactNode }) {
  return (
    <div className="map-hint" role="status">
      {children}
    </div>
  );
}
