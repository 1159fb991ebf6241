import { useTranslation } from 'react-i18next';
import type { MessageView } from '../../../protocol/api/messaging';
import { formatClock } from './format';
import { parkedReason } from '../sync/parkedReason';
import { lastTryText } from '../../i18n/lastTryText';

function DeliveryChip({ message, now }: { message: MessageView; now: number }) {
  const { t, i18n } = useTranslation();
  const d = message.delivery;
  if (message.centerReadAt !== null) {
    return (
      <span className="delivery read" data-testid="read-at-center">
        {t('delivery.readAtCenter', { time: formatClock(message.centerReadAt, now, i18n.language), by: message.centerReadBy ?? '' })}
      </span>
    );
  }
  if (d.state === 'delivered') {
    return (
      <span className="delivery delivered">
        {t('delivery.delivered', { time: formatClock(d.deliveredAt ?? message.createdAt, now, i18n.language) })}
      </span>
    );
  }
  if (d.state === 'parked') {
    return (
      <span className="delivery parked" title={d.parkReason ?? ''}>
        {t('delivery.parked', { reason: parkedReason(t, d.parkCode, d.parkReason) })}
      </span>
    );
  }
  if (d.sbd) {
    return (
      <span className="delivery sbd" data-testid="sent-by-iridium" title={t('sbd.deliveryTitle', { momsn: d.sbd.momsn })}>
        {t('sbd.delivery', { time: formatClock(d.sbd.sentAt, now, i18n.language) })}
      </span>
    );
  }
  return (
    <span className="delivery queued" title={lastTryText(t, d)}>
      {d.attempts > 0 ? t('delivery.retrying', { count: d.attempts }) : t('delivery.queued')}
    </span>
  );
}

/** The crew's messages, newest first, each with where it stands. */
export function MessageList({
  messages,
  replyTexts,
  now,
}: {
  messages: readonly MessageView[];
  replyTexts: ReadonlyMap<string, string>;
  now: number;
}) {
  const { t, i18n } = useTranslation();
  if (messages.length === 0) return <p className="view-message">{t('messages.none')}</p>;
  return (
    <ol className="message-list">
      {messages.map((m) => (
        <li
          key={m.id}
          className={`message-item priority-${m.priority} state-${m.delivery.state}`}
          data-testid="message-item"
          data-delivery={m.delivery.state}
        >
          <div className="message-meta">
            <span className={`priority-tag priority-${m.priority}`}>{t(`priority.${m.priority}`)}</span>
            <time dateTime={new Date(m.createdAt).toISOString()}>{formatClock(m.createdAt, now, i18n.language)}</time>
            <DeliveryChip message={m} now={now} />
          </div>
          {m.replyTo ? <div className="message-reply">{t('messages.replyTo', { text: replyTexts.get(m.replyTo) ?? '…' })}</div> : null}
          <p className="message-text">{m.text}</p>
        </li>
      ))}
    </ol>
  );
}
