import { useTranslation } from 'react-i18next';
import type { DeskOrder } from '../../../protocol/sync/desk';
import { PriorityTag } from '../common/PriorityTag';
import { useSpan } from '../common/useSpan';
import { When } from '../common/When';
import { clockText } from '../deskTime';
import { formatLatLon } from '../fleet/PositionCell';
import { CancelOrder } from './CancelOrder';
import { deadlineStatus, isOpen, overdueCount, stateCounts } from './orderModel';
import { RecipientRow } from './RecipientRow';

/** One order: what, from whom, when, its 执行时限 and target, each recipient's state; cancel while open. */
export function OrderCard({ order, now }: { order: DeskOrder; now: number }) {
  const { t } = useTranslation();
  const { length } = useSpan();
  const overdue = overdueCount(order, now);
  const open = isOpen(order);
  const cancelled = order.cancelledAt !== null;
  const due = deadlineStatus(order.deadline, now);
  const [first, ...rest] = order.text.split('\n');
  return (
    <article
      className={`order-card${overdue > 0 ? ' overdue' : ''}${cancelled ? ' cancelled' : ''}${open ? ' open' : ' closed'}`}
      data-testid="order-card"
      data-order-id={order.id}
      data-overdue={overdue > 0}
    >
      <header className="order-head">
        <PriorityTag priority={order.priority} />
        <h3 className="order-title">{first}</h3>
        <span className="order-status">
          {cancelled ? (
            <span className="status-word cancelled">{t('desk.orders.cancelled')}</span>
          ) : open ? (
            <span className="status-word open">{t('desk.orders.open')}</span>
          ) : (
            <span className="status-word closed">{t('desk.orders.finished')}</span>
          )}
        </span>
      </header>
      {rest.length > 0 ? <p className="order-more">{rest.join('\n')}</p> : null}
      <dl className="order-facts">
        <div>
          <dt>{t('desk.orders.issuedBy')}</dt>
          <dd>
            {order.from} · <When at={order.createdAt} now={now} />
          </dd>
        </div>
        <div>
          <dt>{t('desk.orders.deadline')}</dt>
          <dd data-testid="order-deadline-text">
            {due.kind === 'none' ? (
              <span className="cell-muted">{t('desk.orders.noDeadlineSet')}</span>
            ) : due.kind === 'ahead' ? (
              t('desk.orders.dueIn', { time: clockText(order.deadline!, now), span: length(due.leftMs) })
            ) : (
              <span className={overdue > 0 ? 'overdue-text' : ''}>
                {t('desk.orders.duePassed', { time: clockText(order.deadline!, now), span: length(due.overMs) })}
              </span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('desk.orders.target')}</dt>
          <dd>
            {order.target ? (
              <span>
                {order.target.label ? `${order.target.label} · ` : ''}
                <span className="num">{formatLatLon(order.target.latitude, order.target.longitude)}</span>
              </span>
            ) : (
              <span className="cell-muted">{t('desk.orders.noTarget')}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>{t('desk.orders.progressSummary')}</dt>
          <dd>
            {stateCounts(order)
              .map((c) => t('desk.orders.stateCount', { state: t(`desk.progress.${c.state}`), count: c.count }))
              .join(' · ')}
            {overdue > 0 ? <span className="overdue-tag">{t('desk.orders.overdueCount', { count: overdue })}</span> : null}
          </dd>
        </div>
      </dl>
      {cancelled ? (
        <p className="order-cancelled" data-testid="order-cancelled">
          {t('desk.orders.cancelledBy', { time: clockText(order.cancelledAt!, now), who: order.cancelledBy ?? '' })}
          {order.cancelReason ? ` — ${t('desk.orders.reason', { reason: order.cancelReason })}` : ''}
        </p>
      ) : null}
      <table className="desk-table order-recipients">
        <thead>
          <tr>
            <th scope="col">{t('desk.orders.recipient')}</th>
            <th scope="col">{t('desk.orders.state')}</th>
            <th scope="col">{t('desk.orders.steps')}</th>
          </tr>
        </thead>
        <tbody>
          {order.recipients.map((r) => (
            <RecipientRow key={r.vehicleId} order={order} recipient={r} now={now} />
          ))}
        </tbody>
      </table>
      {open ? (
        <footer className="order-foot">
          <CancelOrder orderId={order.id} />
        </footer>
      ) : null}
    </article>
  );
}
