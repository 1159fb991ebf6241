import { useTranslation } from 'react-i18next';
import type { SendingNow, SyncStatus } from '../../../protocol/api/syncStatus';
import { useCore } from '../../api/coreContext';
import { useNow } from '../../hooks/useNow';
import { useSyncStatus } from '../../hooks/useSyncStatus';
import { formatAge, formatDuration, formatKbps } from '../links/format';
import { formatBytes, formatClock } from '../messages/format';
import { parkedReason } from './parkedReason';
import { SbdCard } from './SbdCard';
import { HeldWhy } from './HeldWhy';
import { WaitingFiles } from './WaitingFiles';
import { heldClasses } from './heldClasses';
import { usePolicy } from '../../hooks/usePolicy';

const STATE_TONE: Record<SyncStatus['state'], 'up' | 'degraded' | 'down' | 'unknown'> = {
  'not-configured': 'unknown',
  idle: 'up',
  sending: 'up',
  'waiting-link': 'degraded',
  backoff: 'degraded',
  unauthorized: 'down',
  'center-full': 'down',
  'store-full': 'down',
};

function Sending({ item }: { item: SendingNow }) {
  const { t } = useTranslation();
  const fraction = item.kind === 'attachment' && item.bytes > 0 ? item.sent / item.bytes : undefined;
  return (
    <li className="sending-item" data-testid="sending-item">
      <div className="sending-line">
        <span className={`priority-tag priority-${item.priority}`}>{t(`priority.${item.priority}`)}</span>
        <span className="sending-what">
          {item.kind === 'attachment' ? item.name : t('sync.items', { count: item.count, size: formatBytes(item.bytes) })}
        </span>
        <span className="sending-link">{t('sync.via', { link: item.linkName })}</span>
      </div>
      {fraction !== undefined ? (
        <div
          className="progress"
          role="progressbar"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.round(fraction * 100)}
          aria-label={item.name}
        >
          <div className="progress-fill" style={{ width: `${Math.min(100, fraction * 100).toFixed(1)}%` }} />
          <span className="progress-text">
            {formatBytes(item.sent)} / {formatBytes(item.bytes)} · {Math.floor(fraction * 100)}%
          </span>
        </div>
      ) : null}
    </li>
  );
}

/** The outbox as the operator needs it: what waits, what is on its way, how long it takes, what was refused and why. */
export function SyncView() {
  const { t, i18n } = useTranslation();
  const client = useCore();
  const status = useSyncStatus();
  const policy = usePolicy();
  const now = useNow(1000);
  if (!status) return <p className="view-message">{t('sync.loading')}</p>;
  const coreNow = client.coreNow();
  const total = status.queue.reduce((sum, l) => sum + l.count, 0);
  const totalBytes = status.queue.reduce((sum, l) => sum + l.bytes, 0);
  const held = heldClasses(status, policy);
  return (
    <section className="sync-view" aria-labelledby="sync-title">
      <div className="view-head">
        <h1 id="sync-title">{t('sync.title')}</h1>
        <span className="view-summary">
          {status.centerUrl ? t('sync.center', { url: status.centerUrl, vehicle: status.vehicleId ?? '' }) : null}
        </span>
      </div>
      <div className={`sync-state tone-${STATE_TONE[status.state]}`} data-testid="sync-state" data-state={status.state}>
        <span className="dot" />
        <strong data-state-word="">{t(`sync.state.${status.state}`)}</strong>
        {/* The core's detail is English; other languages read the translated state word and error line. */}
        {status.detail && status.state !== 'not-configured' && i18n.language === 'en' ? (
          <span className="sync-detail">{status.detail}</span>
        ) : null}
        <span className="sync-contact">
          {status.lastContactAt ? t('sync.lastContact', { age: formatAge(t, coreNow - status.lastContactAt) }) : t('sync.neverContacted')}
        </span>
      </div>
      <div className="sync-grid">
        <section className="sync-card" aria-labelledby="queue-title">
          <h2 id="queue-title">{t('sync.queue')}</h2>
          <table className="queue-table" data-testid="queue-table">
            <thead>
              <tr>
                <th>{t('sync.priority')}</th>
                <th className="num">{t('sync.count')}</th>
                <th className="num">{t('sync.bytes')}</th>
              </tr>
            </thead>
            <tbody>
              {status.queue.map((line) => (
                <tr
                  key={line.priority}
                  className={line.count === 0 ? 'empty' : ''}
                  data-testid={`queue-${line.priority}`}
                  data-count={line.count}
                >
                  <td>
                    <span className={`priority-tag priority-${line.priority}`}>{t(`priority.${line.priority}`)}</span>
                  </td>
                  <td className="num">{line.count}</td>
                  <td className="num">{formatBytes(line.bytes)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <td>{t('sync.total')}</td>
                <td className="num" data-testid="queue-total">
                  {total}
                </td>
                <td className="num">{formatBytes(totalBytes)}</td>
              </tr>
            </tfoot>
          </table>
          <p className="sync-eta">
            {total === 0
              ? status.state === 'not-configured'
                ? t('sync.emptyNoCenter')
                : status.delivered === 0
                  ? t('sync.nothingYet')
                  : t('sync.empty', { count: status.delivered })
              : status.state === 'not-configured'
                ? t('sync.keptNoCenter')
                : status.state === 'waiting-link' && status.sbd && status.sbd.awaitingConfirmation >= total
                  ? t('sbd.allSent')
                  : status.state === 'backoff'
                    ? t('sync.noEtaUnreachable')
                    : status.link && status.etaSeconds !== null
                      ? t('sync.eta', {
                          duration: formatDuration(t, status.etaSeconds * 1000),
                          link: status.link.name,
                          rate: formatKbps(status.link.budgetKbps),
                        })
                      : t('sync.noLink')}
          </p>
          {status.state === 'waiting-link' && held.length > 0 ? <HeldWhy held={held} /> : null}
          <WaitingFiles files={status.files.first} total={status.files.total} now={coreNow} />
        </section>
        <section className="sync-card" aria-labelledby="sending-title">
          <h2 id="sending-title">{t('sync.sendingNow')}</h2>
          {status.sending.length === 0 ? <p className="view-message">{t('sync.nothingSending')}</p> : null}
          <ol className="sending-list">
            {status.sending.map((item) => (
              <Sending key={`${item.kind}-${item.name ?? item.count}`} item={item} />
            ))}
          </ol>
          {status.lastError ? (
            <p className="sync-error" title={status.lastError.message}>
              {t('sync.lastError', {
                time: formatClock(status.lastError.at, now, i18n.language),
                message: t(`errors.center.${status.lastError.code}`),
              })}
            </p>
          ) : null}
          {status.nextAttemptAt && status.nextAttemptAt > coreNow ? (
            <p className="view-message">
              {/* Rounded up: "in 0 s" would say it is happening now. */}
              {t('sync.nextAttempt', { duration: formatDuration(t, Math.max(1000, status.nextAttemptAt - coreNow + 999)) })}
            </p>
          ) : null}
        </section>
        {status.sbd ? <SbdCard sbd={status.sbd} now={now} /> : null}
      </div>
      {status.parked.length > 0 ? (
        <section className="sync-card parked-card" aria-labelledby="parked-title">
          <div className="parked-head">
            <h2 id="parked-title">{t('sync.parked', { count: status.parked.length })}</h2>
            <button type="button" onClick={() => void client.call('sync.retryParked', {})}>
              {t('sync.retryAll')}
            </button>
          </div>
          <p className="view-message">{t('sync.parkedHint')}</p>
          <ol className="parked-list">
            {status.parked.map((item) => (
              <li key={item.seq} data-testid="parked-item">
                <span className={`priority-tag priority-${item.priority}`}>{t(`priority.${item.priority}`)}</span>
                <span className="parked-summary">{item.summary}</span>
                <span className="parked-reason" title={item.reason}>
                  {parkedReason(t, item.code, item.reason)}
                </span>
                <button type="button" onClick={() => void client.call('sync.retryParked', { seq: item.seq })}>
                  {t('sync.retry')}
                </button>
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </section>
  );
}
