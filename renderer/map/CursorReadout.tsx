import type L from 'leaflet';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMapEvents } from 'react-leaflet';
import { formatDecimal, formatDms, fromDisplay, type LatLon, type TileCrs } from './geo';

/**
 * The cursor's WGS-84 position in decimal degrees and DMS; a click on either copies it. Not
 * re-rendered for each mouse move of a drag (a React render per move in every frame of it):
 * the place under the cursor is read again when the map stops moving, also after a zoom.
 */
export function CursorReadout({ crs }: { crs: TileCrs }) {
  const { t } = useTranslation();
  const [at, setAt] = useState<LatLon | undefined>(undefined);
  const [copied, setCopied] = useState<string | undefined>(undefined);
  const pointer = useRef<L.Point | undefined>(undefined);
  const dragging = useRef(false);
  const map = useMapEvents({
    mousemove: (e) => {
      pointer.current = e.containerPoint;
      if (!dragging.current) setAt(fromDisplay([e.latlng.lat, e.latlng.lng], crs));
    },
    dragstart: () => (dragging.current = true),
    dragend: () => (dragging.current = false),
    mouseout: () => (pointer.current = undefined),
    moveend: () => {
      if (!pointer.current) return;
      const place = map.containerPointToLatLng(pointer.current);
      setAt(fromDisplay([place.lat, place.lng], crs));
    },
  });
  if (!at) return null;
  const copy = (text: string) => {
    void navigator.clipboard?.writeText(text).catch(() => {});
    setCopied(text);
  };
  const decimal = formatDecimal(at);
  const dms = formatDms(at);
  return (
    <div className="map-readout leaflet-control" data-testid="map-readout">
      <span className="muted">{t('map.cursor')}</span>
      <button type="button" title={t('map.copyTitle')} onClick={() => copy(decimal)} data-testid="readout-decimal">
        {decimal}
      </button>
      <button type="button" title={t('map.copyTitle')} onClick={() => copy(dms)}>
        {dms}
      </button>
      {copied ? <span className="muted">{t('map.copied', { text: copied })}</span> : null}
    </div>
  );
}
