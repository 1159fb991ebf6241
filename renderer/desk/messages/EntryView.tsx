import { useTranslation } from 'react-i18next';
import type { ConversationEntry } from '../../../protocol/sync/desk';
import { PriorityTag } from '../common/PriorityTag';
import { Tone } from '../common/Tone';
import { ViaBadge } from '../common/ViaBadge';
import { clockText } from '../deskTime';
import { receiptState } from './receipts';

/** One message of the conversation, with each receipt step and its time. */
export function EntryView({ entry, now }: { entry: ConversationEntry; now: number }) {
  const { t } = useTranslation();
  const state = receiptState(entry);
  const quiet = entry.priority === 'routine' || entry.priority === 'priority';
  return (
    <li className={`entry entry-${entry.direction}`} data-testid="conversation-entry" data-direction={entry.direction} data-receipt={state}>
      <div className="entry-head">
        <span className="entry-from">{entry.from}</span>
        {entry.kind === 'order' ? <span className="entry-kind">{t('desk.messages.kindOrder')}</span> : null}
        {quiet ? null : <PriorityTag priority={entry.priority} />}
        <ViaBadge via={entry.via} now={now} />
        <time className="num entry-time" dateTime={new Date(entry.createdAt).toISOString()}>
          {clockText(entry.createdAt, now)}
        </time>
      </div>
      <p className="entry-text">{entry.text}</p>
      <div className="entry-receipts" data-testid="entry-receipt">
        {entry.direction === 'out' ? (
          <>
            <Tone tone={state === 'read' ? 'up' : state === 'delivered' ? 'info' : 'unknown'}>{t(`desk.receipt.${state}`)}</Tone>
            <span className="receipt-steps">
              {t('desk.receipt.sentAt', { time: clockText(entry.createdAt, now) })}
              {entry.deliveredAt !== null
                ? ` · ${t('desk.receipt.deliveredAt', { time: clockText(entry.deliveredAt, now) })}`
                : ` · ${t('desk.receipt.notDelivered')}`}
              {entry.readAt !== null
                ? ` · ${t('desk.receipt.readAt', { time: clockText(entry.readAt, now), who: entry.readBy ?? t('desk.receipt.crew') })}`
                : ''}
            </span>
          </>
        ) : (
          <>
            <Tone tone={state === 'read' ? 'up' : 'degraded'}>{t(`desk.receipt.${state === 'read' ? 'readByStaff' : 'unread'}`)}</Tone>
            <span className="receipt-steps">
              {t('desk.receipt.receivedAt', { time: clockText(entry.deliveredAt ?? entry.createdAt, now) })}
              {entry.readAt !== null
                ? ` · ${t('desk.receipt.readAt', { time: clockText(entry.readAt, now), who: entry.readBy ?? '' })}`
                : ''}
            </span>
          </>
        )}
      </div>
    </li>
  );
}
