import L from 'leaflet';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Marker, Tooltip } from 'react-leaflet';
import { toDisplay, type TileCrs } from '../../map/geo';
import { formatDuration } from '../../views/links/format';
import type { VehicleMarker } from './fleetMapModel';

/**
 * Every vehicle at its last position: a dot in the colour of its worst link (grey when silent),
 * its name, a LIVE badge while it streams; the tooltip says how old the position is and why
 * the colour. A click opens the vehicle's page.
 */
export function VehicleMarkers({
  markers,
  crs,
  onOpen,
}: {
  markers: readonly VehicleMarker[];
  crs: TileCrs;
  onOpen: (id: string) => void;
}) {
  return (
    <>
      {markers.map((marker) => (
        <VehiclePin key={marker.id} marker={marker} crs={crs} onOpen={onOpen} />
      ))}
    </>
  );
}

function VehiclePin({ marker, crs, onOpen }: { marker: VehicleMarker; crs: TileCrs; onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const liveWord = t('map.vehicle.live');
  const icon = useMemo(() => pinIcon(marker, liveWord), [marker.name, marker.tone, marker.live, liveWord]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <Marker
      position={toDisplay(marker.at, crs) as [number, number]}
      icon={icon}
      title={marker.name}
      eventHandlers={{ click: () => onOpen(marker.id) }}
    >
      <Tooltip direction="top" offset={[0, -10]}>
        <strong>{marker.name}</strong>
        <div>{t('map.vehicle.age', { age: formatDuration(t, marker.positionAgeMs) })}</div>
        <div data-testid="fleet-marker-why">{toneReason(t, marker)}</div>
        <div className="muted">{t('map.vehicle.open')}</div>
      </Tooltip>
    </Marker>
  );
}

/** Why the marker has its colour, in words. */
function toneReason(t: ReturnType<typeof useTranslation>['t'], marker: VehicleMarker): string {
  if (marker.tone === 'silent') {
    return marker.contactAgeMs === null ? t('map.vehicle.never') : t('map.vehicle.silent', { age: formatDuration(t, marker.contactAgeMs) });
  }
  if (marker.links.length === 0) return t('map.vehicle.noLinks');
  return t('map.vehicle.links', { list: marker.links.map((l) => `${l.name} ${t(`state.${l.state}`)}`).join(', ') });
}

/** The marker as HTML (a dot, the name, the live badge), built from text nodes so a vehicle's name is never read as markup. */
function pinIcon(marker: VehicleMarker, liveWord: string): L.DivIcon {
  const box = document.createElement('div');
  const dot = document.createElement('span');
  dot.className = 'dot';
  const label = document.createElement('span');
  label.className = 'label';
  label.textContent = marker.name;
  box.append(dot, label);
  if (marker.live) {
    const live = document.createElement('span');
    live.className = 'live';
    live.textContent = liveWord;
    box.append(live);
  }
  return L.divIcon({ html: box, className: `fleet-marker ${marker.tone}`, iconSize: undefined, iconAnchor: [9, 9] });
}
