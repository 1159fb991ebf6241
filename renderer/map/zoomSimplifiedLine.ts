import { useEffect, useMemo, useState } from 'react';
import { useMap, useMapEvents } from 'react-leaflet';
import { metresPerPixel, simplifyLine, toPlane } from './simplifyLine';

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
  // The levels one step in and out are thinned while the page is idle, so the next zoom finds them ready.
  useEffect(() => {
    const ids = [level + 1, level - 1].map((next) => requestIdleCallback(() => thinFor(next)));
    return () => ids.forEach((id) => cancelIdleCallback(id));
  }, [thinFor, level]);
  return useMemo(() => thinFor(level), [thinFor, level]);
}

/** A function giving `line` thinned for a zoom level, each level computed once. */
function lineThinner(line: ReadonlyArray<[number, number]>): (level: number) => Array<[number, number]> {
  const plane = line.map(([lat, lon]) => toPlane(lat, lon));
  const cache = new Map<number, Array<[number, number]>>();
  return (level) => {
    let thinned = cache.get(level);
    if (!thinned) {
      // One screen pixel is the same number of plane (Web Mercator) metres at every latitude.
      thinned = simplifyLine(plane, metresPerPixel(level) / 2).map((i) => line[i]!);
      cache.set(level, thinned);
    }
    return thinned;
  };
}
