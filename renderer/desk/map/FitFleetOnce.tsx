import L from 'leaflet';
import { useEffect, useRef } from 'react';
import { useMap } from 'react-leaflet';

/** Shows every vehicle the first time there are any (a desk opened before the fleet list arrived); later moves are the user's. */
export function FitFleetOnce({ points }: { points: readonly (readonly [number, number])[] }) {
  const map = useMap();
  const done = useRef(false);
  useEffect(() => {
    if (done.current || points.length === 0) return;
    done.current = true;
    if (points.length === 1) map.setView(points[0] as [number, number], Math.max(map.getZoom(), 12), { animate: false });
    else
      map.fitBounds(L.latLngBounds(points.map((p) => [p[0], p[1]] as [number, number])), {
        padding: [40, 40],
        maxZoom: 14,
        animate: false,
      });
  }, [map, points]);
  return null;
}
