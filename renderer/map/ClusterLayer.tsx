import { useEffect, useMemo } from 'react';
import { useMap } from 'react-leaflet';
import { ClusterCanvas, type ClusterPoint } from './ClusterCanvas';

export type { ClusterPoint } from './ClusterCanvas';

/**
 * Thousands of points as clusters drawn on one canvas: a few dozen counted discs in view
 * instead of every marker, so panning and zooming stay smooth. A cluster takes the colour of
 * its most important point, so a level-I incident is not hidden in a grey crowd.
 */
export function ClusterLayer({ points, className }: { points: readonly ClusterPoint[]; className: string }) {
  const map = useMap();
  const layer = useMemo(() => new ClusterCanvas(className), [className]);
  useEffect(() => {
    map.addLayer(layer);
    return () => {
      map.removeLayer(layer);
    };
  }, [map, layer]);
  useEffect(() => {
    layer.setPoints(points);
  }, [layer, points]);
  return null;
}
