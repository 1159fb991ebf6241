import { useTranslation } from 'react-i18next';
import type { InboxItemView } from '../../../protocol/api/messaging';
import { formatClock } from './format';

function CenterMessageCard({ item, now }: { item: Extract<InboxItemView, { kind: 'center-message' }>; now: number }) {
  const { t, i18n } = useTranslation();
  return (
    <li className={`order-item center-message priority-${item.priority}${item.readAt ? '' : ' unread'}`} data-testid="center-message">
      <div className="message-meta">
        <span className={`priority-tag priority-${item.priority}`}>{t(`priority.${item.priority}`)}</span>
        <span className="order-from">{item.body.from}</span>
        <time dateTime={new Date(item.createdAt).toISOString()}>{formatClock(item.createdAt, now, i18n.language)}</time>
      </div>
      <p className="message-text">{item.body.text}</p>
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

/** What the center wrote (staff messages) and its directory updates; orders have their own view. */
export function InboxList({ items, now }: { items: readonly InboxItemView[]; now: number }) {
  const { t } = useTranslation();
  const shown = items.filter((item) => item.kind !== 'order');
  if (shown.length === 0) return <p className="view-message">{t('messages.noneFromCenter')}</p>;
  return (
    <ol className="message-list">
      {shown.map((item) =>
        item.kind === 'center-message' ? (
          <CenterMessageCard key={item.id} item={item} now={now} />
        ) : item.kind === 'directory' ? (
          <DirectoryCard key={item.id} item={item} now={now} />
        ) : null,
      )}
    </ol>
  );
}
