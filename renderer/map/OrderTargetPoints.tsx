import { useTranslation } from 'react-i18next';
import { CircleMarker, Popup } from 'react-leaflet';
import type { Place } from '../../protocol/sync/items';
import { toDisplay, type TileCrs } from './geo';

/** An open order's target as the map draws it (the console's inbox and the desk's orders both give these). */
export type OrderTarget = { id: string; place: Place; text: string; from: string };

/** Where open orders send crews: a ringed purple point; the popup has the place's label, the order's text and who sent it. */
export function OrderTargetPoints({ targets, crs }: { targets: readonly OrderTarget[]; crs: TileCrs }) {
  const { t } = useTranslation();
  return (
    <>
      {targets.map((target) => (
        <CircleMarker
          key={target.id}
          center={toDisplay([target.place.latitude, target.place.longitude], crs) as [number, number]}
          radius={9}
          pathOptions={{ color: '#7c3aed', weight: 3, fillColor: '#fff', fillOpacity: 0.9, className: 'order-target' }}
        >
          <Popup>
            <strong>{t('map.order.target')}</strong>
            {target.place.label ? <div>{target.place.label}</div> : null}
            <div>{target.text}</div>
            <div className="muted">{t('map.order.from', { from: target.from })}</div>
          </Popup>
        </CircleMarker>
      ))}
    </>
  );
}
