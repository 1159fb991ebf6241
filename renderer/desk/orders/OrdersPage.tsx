import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDesk } from '../live/deskContext';
import { OrderComposer } from './OrderComposer';
import { OrderList } from './OrderList';
import type { OrderPlace } from '../shell/deskRoute';

/** Orders: compose (下达) on the left, every order with each recipient's state on the right. */
export function OrdersPage({
  composeTo,
  incident,
  place,
}: {
  composeTo: string | undefined;
  incident?: { id: string; title: string } | undefined;
  place?: OrderPlace | undefined;
}) {
  const { t } = useTranslation();
  const { vehicles } = useDesk();
  const [state, setState] = useState<'open' | 'all'>('open');
  const [vehicleId, setVehicleId] = useState('');
  const overdue = vehicles.reduce((n, v) => n + v.overdueOrders, 0);
  const open = vehicles.reduce((n, v) => n + v.openOrders, 0);
  return (
    <section className="desk-page orders-page" data-testid="orders-page">
      <div className="view-head">
        <h1>{t('desk.orders.title')}</h1>
        <span className="view-summary">
          <span>{t('desk.orders.openTotal', { count: open })}</span>
          <span className={overdue > 0 ? 'summary-bad' : ''}>{t('desk.orders.overdueTotal', { count: overdue })}</span>
        </span>
      </div>
      <div className="orders-layout">
        <OrderComposer
          key={`${composeTo ?? ''}:${incident?.id ?? ''}:${place ? `${place.latitude},${place.longitude}` : ''}`}
          initialTo={composeTo}
          incident={incident}
          place={place}
        />
        <div className="orders-column">
          <div className="desk-toolbar">
            <div className="segmented" role="group" aria-label={t('desk.orders.filter')}>
              {(['open', 'all'] as const).map((s) => (
                <button
                  key={s}
                  type="button"
                  aria-pressed={state === s}
                  className={state === s ? 'selected' : ''}
                  onClick={() => setState(s)}
                  data-testid={`orders-${s}`}
                >
                  {t(`desk.orders.filterState.${s}`)}
                </button>
              ))}
            </div>
            <select
              className="desk-input"
              value={vehicleId}
              onChange={(e) => setVehicleId(e.target.value)}
              aria-label={t('desk.orders.filterVehicle')}
            >
              <option value="">{t('desk.orders.allVehicles')}</option>
              {vehicles.map((v) => (
                <option key={v.id} value={v.id}>
                  {v.name}
                </option>
              ))}
            </select>
          </div>
          <OrderList state={state} vehicleId={vehicleId || undefined} />
        </div>
      </div>
    </section>
  );
}
