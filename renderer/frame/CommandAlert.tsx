import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxItemView } from '../../protocol/api/messaging';
import { useCore } from '../api/coreContext';
import { shownError, type ShownError } from '../i18n/errorText';
import { formatClock } from '../views/messages/format';
import { ErrorText } from './ErrorText';
import { Icon } from './icons';
import { useAlertSound } from './useAlertSound';

const MUTE_MS = 15 * 60_000;

function firstLine(text: string): string {
  const line = text.split('\n')[0] ?? '';
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}

/**
 * The center's newest order or message waiting for the crew, above every view: who sent it,
 * its first line, and the one action it needs (acknowledge, or mark read). It stays until
 * that is done — across restarts, since the core keeps the list — and sounds unless muted.
 */
export function CommandAlert(props: {
  alerts: readonly InboxItemView[];
  mutedUntil: number | null;
  now: number;
  onMute: (until: number | null) => void;
  onOpen: (view: 'orders' | 'messages') => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useCore();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ShownError | undefined>(undefined);
  useAlertSound(props.alerts, props.mutedUntil, props.now);
  const newest = props.alerts[0];
  if (!newest || newest.kind === 'directory') return null;

  const isOrder = newest.kind === 'order';
  const needsAck = isOrder && newest.body.requireAck && newest.state === null && newest.ackedBy === null;
  const act = () => {
    setBusy(true);
    const done = needsAck
      ? client.call('inbox.step', { id: newest.id, state: 'acknowledged' })
      : client.call('inbox.markRead', { id: newest.id });
    done.then(
      () => {
        setBusy(false);
        setError(undefined);
      },
      (failure: unknown) => {
        setBusy(false);
        setError(shownError(failure));
      },
    );
  };
  const muted = props.mutedUntil !== null && props.mutedUntil > props.now;
  const more = props.alerts.length - 1;
  return (
    <div className={`command-alert priority-${newest.priority}`} role="alert" data-testid="command-alert">
      <Icon name="alert" size={22} />
      <div className="command-alert-text">
        <div className="command-alert-head">
          <span className={`priority-tag priority-${newest.priority}`}>{t(`priority.${newest.priority}`)}</span>
          <strong>{t(isOrder ? 'alerts.orderFrom' : 'alerts.messageFrom', { from: newest.body.from })}</strong>
          <time dateTime={new Date(newest.createdAt).toISOString()}>{formatClock(newest.createdAt, props.now, i18n.language)}</time>
          {more > 0 ? <span className="command-alert-more">{t('alerts.more', { count: more })}</span> : null}
        </div>
        <p className="command-alert-line">{firstLine(newest.body.text)}</p>
        {error ? <ErrorText error={error} /> : null}
      </div>
      <div className="command-alert-actions">
        <button type="button" className="primary" disabled={busy} onClick={act} data-testid="command-alert-act">
          {needsAck ? t('orders.step.acknowledged') : t('alerts.markRead')}
        </button>
        <button type="button" onClick={() => props.onOpen(isOrder ? 'orders' : 'messages')}>
          {t('alerts.open')}
        </button>
        {muted ? (
          <button
            type="button"
            onClick={() => props.onMute(null)}
            title={t('alerts.mutedUntil', { time: formatClock(props.mutedUntil!, props.now, i18n.language) })}
          >
            {t('alerts.unmute', { time: formatClock(props.mutedUntil!, props.now, i18n.language) })}
          </button>
        ) : (
          <button type="button" onClick={() => props.onMute(props.now + MUTE_MS)}>
            {t('alerts.mute')}
          </button>
        )}
      </div>
    </div>
  );
}
