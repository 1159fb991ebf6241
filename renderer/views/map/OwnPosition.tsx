import L from 'leaflet';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Circle, Marker, Tooltip, useMap } from 'react-leaflet';
import type { PositionReport } from '../../../protocol/links/gnss';
import { toDisplay, type TileCrs } from '../../map/geo';
import { formatDuration } from '../links/format';

/** A fix older than this is drawn grey and dashed and says how old it is. */
export const STALE_FIX_MS = 30_000;
/** Horizontal accuracy from HDOP with a typical 5 m user range error (GNSS receivers report HDOP, not metres). */
const UERE_M = 5;

/** The vehicle: an arrow along its heading, the accuracy circle, and the fix's age (stale visibly so). */
export function OwnPosition({ fix, crs, now, follow }: { fix: PositionReport; crs: TileCrs; now: number; follow: boolean }) {
  const { t } = useTranslation();
  const map = useMap();
  const at = toDisplay([fix.latitude, fix.longitude], crs) as [number, number];
  const age = Math.max(0, now - fix.at);
  const stale = age > STALE_FIX_MS;
  const marker = useRef<L.Marker>(null);
  const icon = useMemo(
    () =>
      L.divIcon({
        className: `own-vehicle${stale ? ' stale' : ''}`,
        html: '<div class="own-arrow"></div>',
        iconSize: [28, 28],
        iconAnchor: [14, 14],
      }),
    [stale],
  );
  // The rotation goes through the CSSOM (the CSP forbids inline style attributes in the icon's HTML).
  useEffect(() => {
    marker.current?.getElement()?.style.setProperty('--heading', `${fix.headingDeg ?? 0}deg`);
  });
  useEffect(() => {
    if (follow) map.panTo(at, { animate: false });
    // Follow the fix, not every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [follow, at[0], at[1], map]);
  const accuracyM = fix.hdop !== undefined ? fix.hdop * UERE_M : undefined;
  const ageText = formatDuration(t, age);
  return (
    <>
      {accuracyM !== undefined ? (
        <Circle center={at} radius={accuracyM} pathOptions={{ color: stale ? '#888' : '#2563eb', weight: 1, fillOpacity: 0.12 }} />
      ) : null}
      <Marker ref={marker} position={at} icon={icon} keyboard={false}>
        <Tooltip permanent direction="right" offset={[14, 0]} className={`own-label${stale ? ' stale' : ''}`}>
          <span data-testid="own-age">{stale ? t('map.own.stale', { age: ageText }) : t('map.own.fix', { age: ageText })}</span>
          {fix.headingDeg !== undefined ? <span> · {t('map.own.heading', { deg: Math.round(fix.headingDeg) })}</span> : null}
          {accuracyM !== undefined ? <span> · {t('map.own.accuracy', { m: Math.round(accuracyM) })}</span> : null}
        </Tooltip>
      </Marker>
    </>
  );
}
