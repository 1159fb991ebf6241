import { useTranslation } from 'react-i18next';
import { CircleMarker, Popup } from 'react-leaflet';
import type { InboxItemView } from '../../../protocol/api/messaging';
import { isFinished } from '../../../protocol/sync/orderLifecycle';
import { toDisplay, type TileCrs } from '../../map/geo';

/** Where the center's open orders send the crew: a ringed purple point with the order's text. */
export function OrderTargets({ items, crs }: { items: InboxItemView[]; crs: TileCrs }) {
  const { t } = useTranslation();
  return (
    <>
      {items.map((item) => {
        if (item.kind !== 'order' || !item.body.target || item.cancelledAt !== null || isFinished(item.state ?? 'delivered')) return null;
        const { latitude, longitude, label } = item.body.target;
        return (
          <CircleMarker
            key={item.id}
            center={toDisplay([latitude, longitude], crs) as [number, number]}
            radius={9}
            pathOptions={{ color: '#7c3aed', weight: 3, fillColor: '#fff', fillOpacity: 0.9 }}
          >
            <Popup>
              <strong>{t('map.order.target')}</strong>
              {label ? <div>{label}</div> : null}
              <div>{item.body.text}</div>
              <div className="muted">{t('map.order.from', { from: item.body.from })}</div>
            </Popup>
          </CircleMarker>
        );
      })}
    </>
  );
}
