import { useMemo, useState } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import { keepAbove, lineSignificance, metresPerPixel, toPlane } from './simplifyLine';

/** Thinning stops distinguishing below half a pixel at this zoom (a third of a metre): deeper zooms draw that line. */
const FINEST_ZOOM = 18;

/**
 * `line` ([lat, lon] in display coordinates) thinned for the map's current zoom: points that
 * would fall within half a pixel of the drawn line are dropped, once per zoom level (cached),
 * so pans redraw a few thousand points instead of projecting and clipping every fix.
 */
export function useZoomSimplifiedLine(line: ReadonlyArray<[number, number]>): Array<[number, number]> {
  const map = useMap();
  const [zoom, setZoom] = useState(() => map.getZoom());
  useMapEvents({ zoomend: () => setZoom(map.getZoom()) });
  // Projected once per line (a new fix makes a new line, and a fresh cache).
  const thinFor = useMemo(() => lineThinner(line), [line]);
  const level = Math.round(zoom);
  return useMemo(() => thinFor(level), [thinFor, level]);
}

/** A function giving `line` thinned for a zoom level, each level computed once. */
function lineThinner(line: ReadonlyArray<[number, number]>): (level: number) => Array<[number, number]> {
  // Douglas–Peucker runs once per line; each zoom level is then one pass over its result.
  const significance = lineSignificance(
    line.map(([lat, lon]) => toPlane(lat, lon)),
    metresPerPixel(FINEST_ZOOM) / 2,
  );
  const cache = new Map<number, Array<[number, number]>>();
  return (level) => {
    let thinned = cache.get(level);
    if (!thinned) {
      // One screen pixel is the same number of plane (Web Mercator) metres at every latitude.
      thinned = keepAbove(significance, metresPerPixel(Math.min(level, FINEST_ZOOM)) / 2).map((i) => line[i]!);
      cache.set(level, thinned);
    }
    return thinned;
  };
}
