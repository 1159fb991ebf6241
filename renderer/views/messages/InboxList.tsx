import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItemView } from '../../../protocol/api/messaging';
import { useCore } from '../../api/coreContext';
import { formatClock } from './format';

function OrderCard({ item, now }: { item: Extract<InboxItemView, { kind: 'order' }>; now: number }) {
  const { t, i18n } = useTranslation();
  const client = useCore();
  const [error, setError] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const acknowledge = () => {
    setBusy(true);
    client.call('inbox.step', { id: item.id, state: 'acknowledged' }).then(
      () => setBusy(false),
      (failure: unknown) => {
        setBusy(false);
        setError(failure instanceof Error ? failure.message : String(failure));
      },
    );
  };
  return (
    <li className={`order-item priority-${item.priority}${item.readAt ? '' : ' unread'}`} data-testid="order-item">
      <div className="message-meta">
        <span className={`priority-tag priority-${item.priority}`}>{t(`priority.${item.priority}`)}</span>
        <span className="order-from">{item.body.from}</span>
        <time dateTime={new Date(item.createdAt).toISOString()}>{formatClock(item.createdAt, now, i18n.language)}</time>
      </div>
      <p className="message-text">{item.body.text}</p>
      <div className="order-actions">
        {item.ackedBy || item.state ? (
          <span className="delivery delivered">{t('orders.acknowledged')}</span>
        ) : item.body.requireAck ? (
          <button type="button" className="primary" disabled={busy} onClick={acknowledge}>
            {t('orders.acknowledge')}
          </button>
        ) : (
          <span className="order-note">{t('orders.noAckNeeded')}</span>
        )}
      </div>
      {error ? <p className="view-message error">{error}</p> : null}
    </li>
  );
}

function DirectoryCard({ item, now }: { item: Extract<InboxItemView, { kind: 'directory' }>; now: number }) {
  const { t, i18n } = useTranslation();
  return (
    <li className="order-item directory-item">
      <div className="message-meta">
        <span className="priority-tag">{t('orders.directory')}</span>
        <time dateTime={new Date(item.createdAt).toISOString()}>{formatClock(item.createdAt, now, i18n.language)}</time>
      </div>
      <table className="directory-table">
        <tbody>
          {item.body.entries.map((entry, index) => (
            <tr key={`${entry.name}-${index}`}>
              <td>{entry.name}</td>
              <td>{entry.role}</td>
              <td>{entry.contact}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </li>
  );
}

/** What the center sent: orders (acknowledged from here) and directory updates. */
export function InboxList({ items, now }: { items: readonly InboxItemView[]; now: number }) {
  const { t } = useTranslation();
  if (items.length === 0) return <p className="view-message">{t('orders.none')}</p>;
  return (
    <ol className="message-list">
      {items.map((item) =>
        item.kind === 'order' ? (
          <OrderCard key={item.id} item={item} now={now} />
        ) : item.kind === 'directory' ? (
          <DirectoryCard key={item.id} item={item} now={now} />
        ) : null,
      )}
    </ol>
  );
}
