import { useEffect, useState } from 'react';
import { Polyline } from 'react-leaflet';
import type { PositionReport } from '../../../protocol/links/gnss';
import { useCore, useCoreEvent } from '../../api/coreContext';
import { toDisplay, type TileCrs } from '../../map/geo';

export type TrackRange = 'off' | '1h' | '6h' | '24h';
const RANGE_MS: Record<Exclude<TrackRange, 'off'>, number> = { '1h': 3_600_000, '6h': 21_600_000, '24h': 86_400_000 };

/** The vehicle's track over the chosen range as one polyline (one canvas path however many points). */
export function TrackLayer({ range, crs }: { range: TrackRange; crs: TileCrs }) {
  const client = useCore();
  const [points, setPoints] = useState<PositionReport[]>([]);
  useEffect(() => {
    if (range === 'off') return;
    let alive = true;
    client.call('position.track', { sinceMs: Math.max(0, client.coreNow() - RANGE_MS[range]), limit: 10_000 }).then(
      (track) => alive && setPoints(track),
      (error: unknown) => console.error('position.track failed', error),
    );
    return () => {
      alive = false;
    };
  }, [client, range]);
  useCoreEvent('position', (fix) => setPoints((old) => (fix.fixMode === 'none' ? old : [...old, fix])));
  if (range === 'off' || points.length < 2) return null;
  const line = points.map((p) => toDisplay([p.latitude, p.longitude], crs) as [number, number]);
  return <Polyline positions={line} pathOptions={{ color: '#2563eb', weight: 3, opacity: 0.8, className: 'own-track' }} />;
}
