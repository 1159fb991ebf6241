import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useMap } from 'react-leaflet';
import type { PositionReport } from '../../../protocol/links/gnss';
import { useCore, useCoreEvent } from '../../api/coreContext';
import { toDisplay, type TileCrs } from '../../map/geo';
import { TrackCanvas } from '../../map/TrackCanvas';

export type TrackRange = 'off' | '1h' | '6h' | '24h';
const RANGE_MS: Record<Exclude<TrackRange, 'off'>, number> = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000 };
const TRACK_STYLE = { colour: '#2563eb', weight: 3, opacity: 0.8 };

/**
 * The vehicle's track over the chosen range on a canvas of its own (`TrackCanvas`, class
 * `own-track`): loaded once, then each fix appended. Nothing here is React state, so neither a
 * fix each second nor a zoom re-renders anything; the layer redraws itself on move and zoom.
 */
export function TrackLayer({ range, crs }: { range: TrackRange; crs: TileCrs }) {
  const client = useCore();
  const map = useMap();
  const layer = useMemo(() => new TrackCanvas('own-track', TRACK_STYLE), []);
  // Fixes that arrive before the loaded track: those newer than its last are appended after it.
  const early = useRef<PositionReport[] | undefined>([]);
  useEffect(() => {
    if (range === 'off') return;
    map.addLayer(layer);
    let alive = true;
    early.current = [];
    client.call('position.track', { sinceMs: Math.max(0, client.coreNow() - RANGE_MS[range]), limit: 10_000 }).then(
      (history) => {
        if (!alive) return;
        layer.setLine(history.map((fix) => toDisplay([fix.latitude, fix.longitude], crs)));
        const lastAt = history.at(-1)?.at ?? -Infinity;
        for (const fix of early.current ?? []) if (fix.at > lastAt) layer.append(...toDisplay([fix.latitude, fix.longitude], crs));
        early.current = undefined;
      },
      (error: unknown) => console.error('position.track failed', error),
    );
    return () => {
      alive = false;
      map.removeLayer(layer);
    };
  }, [client, map, layer, range, crs]);
  useCoreEvent(
    'position',
    useCallback(
      (fix: PositionReport) => {
        if (fix.fixMode === 'none') return;
        if (early.current) early.current.push(fix);
        else layer.append(...toDisplay([fix.latitude, fix.longitude], crs));
      },
      [layer, crs],
    ),
  );
  return null;
}
