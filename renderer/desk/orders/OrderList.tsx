import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../frame/ErrorText';
import { useNow } from '../../hooks/useNow';
import { useDesk } from '../live/deskContext';
import { useDeskQuery } from '../live/useDeskQuery';
import { OrderCard } from './OrderCard';
import { sortOrders } from './orderModel';

/** The orders the filter names, overdue first, then open, newest first. */
export function OrderList({ state, vehicleId }: { state: 'open' | 'all'; vehicleId?: string }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const now = useNow(15_000);
  const { data, problem, loading } = useDeskQuery(`orders:${state}:${vehicleId ?? ''}`, () => api.orders({ state, vehicleId }));
  return (
    <div className="order-list" data-testid="order-list" data-loading={loading && !data}>
      {problem ? <ErrorText error={problem} /> : null}
      {loading && !data ? <p className="view-message">{t('desk.loading')}</p> : null}
      {data && data.length === 0 ? (
        <p className="view-message">{state === 'open' ? t('desk.orders.noneOpen') : t('desk.orders.none')}</p>
      ) : null}
      {data ? sortOrders(data, now).map((order) => <OrderCard key={order.id} order={order} now={now} />) : null}
    </div>
  );
}
