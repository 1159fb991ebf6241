import { useTranslation } from 'react-i18next';
import { CircleMarker, Polygon, Polyline, useMapEvents } from 'react-leaflet';
import { toDisplay, type LatLon, type TileCrs } from './geo';
import { formatArea, formatLength, pathLengthM, polygonAreaM2 } from './measure';

/** Points clicked while measuring (WGS-84), drawn as a path and, from three points, the area they enclose. */
export function MeasureLayer({ points, crs, onAdd }: { points: LatLon[]; crs: TileCrs; onAdd: (p: LatLon) => void }) {
  useMapEvents({ click: (e) => onAdd([e.latlng.lat, e.latlng.lng]) });
  const shown = points.map((p) => toDisplay(p, crs) as [number, number]);
  return (
    <>
      {shown.length >= 3 ? <Polygon positions={shown} pathOptions={{ color: '#f59e0b', weight: 1, fillOpacity: 0.15 }} /> : null}
      <Polyline positions={shown} pathOptions={{ color: '#f59e0b', weight: 3, dashArray: '6 4' }} />
      {shown.map((p, i) => (
        <CircleMarker key={i} center={p} radius={4} pathOptions={{ color: '#f59e0b', fillOpacity: 1 }} />
      ))}
    </>
  );
}

/** The figures of a measurement, in the unit people read. */
export function MeasureResult({ points, onClear }: { points: LatLon[]; onClear: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="map-note" data-testid="measure-result">
      {points.length < 2
        ? t('map.measureHint')
        : t('map.measureResult', { length: formatLength(pathLengthM(points)), area: formatArea(polygonAreaM2(points)) })}
      <button type="button" className="link-button" onClick={onClear}>
        {t('map.measureClear')}
      </button>
    </div>
  );
}
