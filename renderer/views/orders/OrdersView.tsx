import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { isFinished } from '../../../protocol/sync/orderLifecycle';
import { useCore } from '../../api/coreContext';
import { ErrorText } from '../../frame/ErrorText';
import { useInbox } from '../../hooks/useMessages';
import { useNow } from '../../hooks/useNow';
import { OrderCard } from './OrderCard';

/** The center's orders and the crew's steps on them; open ones first, newest first. Opening the view marks them read (a receipt goes back). */
export function OrdersView() {
  const { t } = useTranslation();
  const client = useCore();
  const inbox = useInbox();
  const now = useNow(15_000);
  const orders = inbox.items.flatMap((i) => (i.kind === 'order' ? [i] : []));
  const open = orders.filter((o) => o.cancelledAt === null && !isFinished(o.state ?? 'delivered'));
  const closed = orders.filter((o) => !open.includes(o));
  const unread = orders.filter((o) => o.readAt === null).map((o) => o.id);

  useEffect(() => {
    for (const id of unread) client.call('inbox.markRead', { id }).catch(() => {});
    // Only newly listed unread orders need it; the ids say which.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, unread.join(',')]);

  return (
    <section className="orders-view" aria-labelledby="orders-title">
      <div className="view-head">
        <h1 id="orders-title">{t('orders.title')}</h1>
        <span className="view-summary">{t('orders.summary', { open: open.length, total: orders.length })}</span>
      </div>
      {inbox.error ? <ErrorText error={inbox.error} /> : null}
      {orders.length === 0 && inbox.loaded ? <p className="view-message">{t('orders.none')}</p> : null}
      {open.length > 0 ? (
        <ol className="message-list order-list" aria-label={t('orders.open')}>
          {open.map((order) => (
            <OrderCard key={order.id} order={order} now={now} />
          ))}
        </ol>
      ) : null}
      {closed.length > 0 ? (
        <>
          <h2 className="order-list-title">{t('orders.closed')}</h2>
          <ol className="message-list order-list closed" aria-label={t('orders.closed')}>
            {closed.map((order) => (
              <OrderCard key={order.id} order={order} now={now} />
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
