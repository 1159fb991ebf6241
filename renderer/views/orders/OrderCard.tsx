import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItemView } from '../../../protocol/api/messaging';
import type { CrewOrderState } from '../../../protocol/sync/items';
import { crewSteps, isFinished } from '../../../protocol/sync/orderLifecycle';
import { useCore } from '../../api/coreContext';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { formatClock } from '../messages/format';
import { deadlineStatus } from './orderTime';

type Order = Extract<InboxItemView, { kind: 'order' }>;

/** Where the order stands at the crew, as the lifecycle rule reads it. */
function progressOf(order: Order) {
  return order.state ?? (order.ackedBy ? 'acknowledged' : 'delivered');
}

/** One order from the center: what, by when, where, and the crew's next steps (签收 → 落实中 → 已完成, or 无法执行 with why). */
export function OrderCard({ order, now }: { order: Order; now: number }) {
  const { t, i18n } = useTranslation();
  const client = useCore();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | undefined>(undefined);
  const [askingReason, setAskingReason] = useState(false);
  const progress = progressOf(order);
  const cancelled = order.cancelledAt !== null;
  const steps = crewSteps(progress, cancelled);
  const clock = (ms: number) => formatClock(ms, now, i18n.language);

  const take = (state: CrewOrderState, reason?: string) => {
    setBusy(true);
    client.call('inbox.step', { id: order.id, state, ...(reason ? { reason } : {}) }).then(
      () => {
        setBusy(false);
        setError(undefined);
        setAskingReason(false);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(shownError(failure));
      },
    );
  };
  const submitReason = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const reason = String(new FormData(event.currentTarget).get('reason') ?? '').trim();
    if (reason) take('cannot-do', reason);
  };

  const deadline = order.body.deadline === undefined ? undefined : deadlineStatus(order.body.deadline, now);
  const late = deadline?.overdue === true && !isFinished(progress) && !cancelled;
  return (
    <li
      className={`order-card priority-${order.priority}${order.readAt ? '' : ' unread'}${cancelled ? ' cancelled' : ''}${late ? ' overdue' : ''}`}
      data-testid="order-card"
      data-state={cancelled ? 'cancelled' : progress}
    >
      <div className="message-meta">
        <span className={`priority-tag priority-${order.priority}`}>{t(`priority.${order.priority}`)}</span>
        <span className="order-from">{order.body.from}</span>
        <time dateTime={new Date(order.createdAt).toISOString()}>{clock(order.createdAt)}</time>
        <span className={`order-state state-${cancelled ? 'cancelled' : progress}`} data-testid="order-state" data-state-word="">
          {cancelled ? t('orders.state.cancelled') : t(`orders.state.${progress}`)}
          {order.stateAt && !cancelled ? ` · ${clock(order.stateAt)}` : ''}
        </span>
      </div>
      <p className="message-text">{order.body.text}</p>
      {order.body.deadline !== undefined && deadline ? (
        <p className={`order-deadline${late ? ' late' : ''}`}>
          {t('orders.deadline', { time: clock(order.body.deadline) })}
          {isFinished(progress) || cancelled
            ? ''
            : ` · ${deadline.overdue ? t('orders.overdue', { count: deadline.minutes }) : t('orders.left', { count: deadline.minutes })}`}
        </p>
      ) : null}
      {order.body.target ? (
        <p className="order-target">
          {t('orders.target')}: {order.body.target.label ? `${order.body.target.label} · ` : ''}
          {order.body.target.latitude.toFixed(5)}, {order.body.target.longitude.toFixed(5)}
        </p>
      ) : null}
      {cancelled ? (
        <p className="order-cancelled">
          {t('orders.cancelledBy', { by: order.cancelledBy ?? '', time: clock(order.cancelledAt!) })}
          {order.cancelReason ? ` — ${order.cancelReason}` : ''}
        </p>
      ) : null}
      {order.state === 'cannot-do' && order.stateReason ? (
        <p className="order-reason">{t('orders.reason', { reason: order.stateReason })}</p>
      ) : null}
      {steps.length > 0 ? (
        <div className="order-actions">
          {steps
            .filter((s) => s !== 'cannot-do')
            .map((step) => (
              <button key={step} type="button" className={step === steps[0] ? 'primary' : ''} disabled={busy} onClick={() => take(step)}>
                {t(`orders.step.${step}`)}
              </button>
            ))}
          {steps.includes('cannot-do') && !askingReason ? (
            <button type="button" className="danger" disabled={busy} onClick={() => setAskingReason(true)}>
              {t('orders.step.cannot-do')}
            </button>
          ) : null}
        </div>
      ) : !order.body.requireAck && progress === 'delivered' ? (
        <span className="order-note">{t('orders.noAckNeeded')}</span>
      ) : null}
      {askingReason ? (
        <form className="order-reason-form" onSubmit={submitReason}>
          <label>
            {t('orders.reasonLabel')}
            <input name="reason" maxLength={500} required autoFocus placeholder={t('orders.reasonPlaceholder')} />
          </label>
          <button type="submit" className="danger" disabled={busy}>
            {t('orders.sendReason')}
          </button>
          <button type="button" onClick={() => setAskingReason(false)}>
            {t('orders.cancelReason')}
          </button>
        </form>
      ) : null}
      {error ? <ErrorText error={error} /> : null}
    </li>
  );
}
