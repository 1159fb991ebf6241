import L from 'leaflet';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Marker, Tooltip } from 'react-leaflet';
import type { FleetPositionView } from '../../../protocol/api/fleet';
import { useCoreEvent, useOnConnect } from '../../api/coreContext';
import type { CoreClient } from '../../api/CoreClient';
import { toDisplay, type TileCrs } from '../../map/geo';
import '../../styles/otherVehicles.css';
import { formatDuration } from '../links/format';

/** Another vehicle's position older than this is drawn grey and dashed, and says why. */
export const STALE_FLEET_MS = 30 * 60_000;

/** The other vehicles of the center this console holds (`fleet.positions`), kept current by `fleet.changed`. */
export function useOtherVehicles(): FleetPositionView[] {
  const [positions, setPositions] = useState<FleetPositionView[]>([]);
  useOnConnect(
    useCallback((c: CoreClient) => {
      c.call('fleet.positions', {}).then(setPositions, () => {});
    }, []),
  );
  useCoreEvent('fleet.changed', setPositions);
  return positions;
}

/**
 * Other vehicles of the same center, as the center last sent them down: a square badge in
 * their own colour (not the own vehicle's arrow) with the name and the fix's age; a
 * position older than 30 minutes is grey and dashed, and its tooltip says why.
 */
export function OtherVehicles({ positions, crs, now }: { positions: FleetPositionView[]; crs: TileCrs; now: number }) {
  return (
    <>
      {positions.map((p) => (
        <OtherVehicle key={p.vehicleId} position={p} crs={crs} now={now} />
      ))}
    </>
  );
}

function OtherVehicle({ position, crs, now }: { position: FleetPositionView; crs: TileCrs; now: number }) {
  const { t } = useTranslation();
  const age = formatDuration(t, Math.max(0, now - position.fixAt));
  const stale = now - position.fixAt > STALE_FLEET_MS;
  const icon = useMemo(
    () =>
      L.divIcon({
        className: `other-vehicle${stale ? ' stale' : ''}`,
        html: '<div class="other-vehicle-badge"></div>',
        iconSize: [18, 18],
        iconAnchor: [9, 9],
      }),
    [stale],
  );
  // The hover text: the name, the age, and for a stale one the reason (a native tooltip, read by screen readers too).
  const title = [position.name, t('map.other.age', { age }), ...(stale ? [t('map.other.staleWhy')] : [])].join(' — ');
  return (
    <Marker
      position={toDisplay([position.latitude, position.longitude], crs) as [number, number]}
      icon={icon}
      title={title}
      keyboard={false}
    >
      <Tooltip permanent direction="right" offset={[10, 0]} className={`other-vehicle-label${stale ? ' stale' : ''}`}>
        <span data-testid="other-vehicle-label" data-vehicle={position.vehicleId} data-stale={stale}>
          {position.name} · {stale ? t('map.other.staleAge', { age }) : t('map.other.age', { age })}
        </span>
      </Tooltip>
    </Marker>
  );
}

/** The map note: how many other vehicles are shown (and how many are stale), with a switch to hide them. */
export function OtherVehiclesNote(props: {
  positions: FleetPositionView[];
  now: number;
  shown: boolean;
  onToggle: (shown: boolean) => void;
}) {
  const { t } = useTranslation();
  if (props.positions.length === 0) return null;
  const stale = props.positions.filter((p) => props.now - p.fixAt > STALE_FLEET_MS).length;
  return (
    <label className="map-note" data-testid="other-vehicles-note" title={t('map.other.noteTitle')}>
      <input type="checkbox" checked={props.shown} onChange={(e) => props.onToggle(e.target.checked)} data-testid="other-vehicles-toggle" />
      {t('map.other.count', { count: props.positions.length })}
      {stale > 0 ? <span className="muted">{t('map.other.staleCount', { count: stale })}</span> : null}
    </label>
  );
}
