import L from 'leaflet';
import { useEffect, useMemo, useState } from 'react';
import { Polyline } from 'react-leaflet';
import type { PositionReport } from '../../../protocol/links/gnss';
import { useCore, useCoreEvent } from '../../api/coreContext';
import { toDisplay, type TileCrs } from '../../map/geo';
import { useZoomSimplifiedLine } from '../../map/zoomSimplifiedLine';

export type TrackRange = 'off' | '1h' | '6h' | '24h';
const TAIL_LIMIT = 600;
const RANGE_MS: Record<Exclude<TrackRange, 'off'>, number> = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000 };

/**
 * The vehicle's track over the chosen range as one polyline (one canvas path), thinned per
 * zoom level so a day of fixes pans without long frames.
 */
export function TrackLayer({ range, crs }: { range: TrackRange; crs: TileCrs }) {
  const client = useCore();
  // The track as loaded (large, thinned per zoom once) and the fixes since (a short tail drawn
  // as they are), so a new fix each second does not re-thin the whole day.
  const [track, setTrack] = useState<{ history: PositionReport[]; recent: PositionReport[] }>({ history: [], recent: [] });
  useEffect(() => {
    if (range === 'off') return;
    let alive = true;
    client.call('position.track', { sinceMs: Math.max(0, client.coreNow() - RANGE_MS[range]), limit: 10_000 }).then(
      (history) => alive && setTrack({ history, recent: [] }),
      (error: unknown) => console.error('position.track failed', error),
    );
    return () => {
      alive = false;
    };
  }, [client, range]);
  useCoreEvent('position', (fix) =>
    setTrack((old) => {
      if (fix.fixMode === 'none') return old;
      const recent = [...old.recent, fix];
      // Every ten minutes or so the tail joins the history (one re-thinning).
      return recent.length > TAIL_LIMIT ? { history: [...old.history, ...recent], recent: [] } : { history: old.history, recent };
    }),
  );
  const history = useMemo(() => displayLine(track.history, crs), [track.history, crs]);
  const thinned = useZoomSimplifiedLine(history);
  // The tail is its own line on its own canvas, joined to the history's last point: a new fix
  // redraws a few hundred points, and the long line keeps its projection and its pixels.
  const tail = useMemo(() => [...thinned.slice(-1), ...displayLine(track.recent, crs)], [thinned, track.recent, crs]);
  const tailCanvas = useMemo(() => L.canvas({ padding: 0.25 }), []);
  if (range === 'off') return null;
  // Not interactive: the canvas renderer would otherwise hit-test every point on each mouse move.
  return (
    <>
      {thinned.length >= 2 ? <Polyline positions={thinned} interactive={false} pathOptions={TRACK_STYLE} /> : null}
      {tail.length >= 2 ? <Polyline positions={tail} interactive={false} pathOptions={{ ...TRACK_STYLE, renderer: tailCanvas }} /> : null}
    </>
  );
}

const TRACK_STYLE = { color: '#2563eb', weight: 3, opacity: 0.8, className: 'own-track' };

function displayLine(points: readonly PositionReport[], crs: TileCrs): Array<[number, number]> {
  return points.map((p) => toDisplay([p.latitude, p.longitude], crs) as [number, number]);
}
