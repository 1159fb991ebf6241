import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReportFileView, ReportView } from '../../../protocol/api/incidents';
import type { Delivery } from '../../../protocol/api/messaging';
import { useCore } from '../../api/coreContext';
import { formatBytes, formatClock } from '../messages/format';
import { lastTryText } from '../../i18n/lastTryText';
import { parkedReason } from '../sync/parkedReason';

/** Where an item stands on its way to the center, in words (queued, tries failed, delivered at, refused and why). */
function DeliveryText({ delivery, now }: { delivery: Delivery | null; now: number }) {
  const { t, i18n } = useTranslation();
  if (!delivery) return <span className="delivery-state queued">{t('reports.delivery.staged')}</span>;
  if (delivery.state === 'delivered')
    return (
      <span className="delivery-state delivered" data-testid="report-delivered">
        {t('reports.delivery.delivered', { time: formatClock(delivery.deliveredAt ?? now, now, i18n.language) })}
      </span>
    );
  if (delivery.state === 'parked')
    return (
      <span className="delivery-state parked" title={delivery.parkReason ?? ''}>
        {t('reports.delivery.parked', { reason: parkedReason(t, delivery.parkCode, delivery.parkReason) })}
      </span>
    );
  return (
    <span className="delivery-state queued" title={lastTryText(t, delivery)}>
      {delivery.attempts > 0 ? t('reports.delivery.retrying', { count: delivery.attempts }) : t('reports.delivery.queued')}
    </span>
  );
}

/** A photo of a report: its thumbnail as soon as the core has it, and how far each copy got to the center. */
function FileTile({ file, now }: { file: ReportFileView; now: number }) {
  const { t } = useTranslation();
  const client = useCore();
  const [src, setSrc] = useState<string | undefined>(undefined);
  useEffect(() => {
    client.call('files.preview', { id: file.id }).then(
      (preview) => setSrc(preview ? `data:${preview.mime};base64,${preview.data}` : undefined),
      () => setSrc(undefined),
    );
  }, [client, file.id]);
  const part = (label: string, state: ReportFileView['original']) => (
    <span className={`file-part${state.complete ? ' complete' : ''}`}>
      {label}:{' '}
      {state.complete || state.confirmed === 0 ? (
        <DeliveryText delivery={state.delivery} now={now} />
      ) : (
        t('reports.photos.uploaded', { percent: Math.round((state.confirmed / Math.max(1, state.size)) * 100) })
      )}
    </span>
  );
  return (
    <figure className="file-tile" data-testid="report-file">
      {src ? <img src={src} alt={file.name} /> : <span className="file-tile-icon">📄</span>}
      <figcaption>
        <span className="file-name" title={file.name}>
          {file.name} · {formatBytes(file.original.size)}
        </span>
        {file.thumbnail ? part(t('reports.photos.thumbnailShort'), file.thumbnail) : null}
        {part(t('reports.photos.full'), file.original)}
      </figcaption>
    </figure>
  );
}

/** One report of the chain: stage, time, delivery, 已签收, what it says, its photos. */
export function ReportCard({ report, now }: { report: ReportView; now: number }) {
  const { t, i18n } = useTranslation();
  const b = report.body;
  const fields = (['cause', 'impact', 'measures', 'help', 'nextSteps'] as const).filter((k) => b[k]);
  return (
    <li className={`report-card stage-${report.stage}`} data-testid="report-card" data-stage={report.stage}>
      <div className="report-card-head">
        <strong className="report-stage">
          {report.stage === 'followup' ? t('reports.stage.followup', { number: report.number }) : t(`reports.stage.${report.stage}`)}
        </strong>
        <time dateTime={new Date(report.createdAt).toISOString()}>{formatClock(report.createdAt, now, i18n.language)}</time>
        <span className={`priority-tag priority-${report.priority}`}>{t(`priority.${report.priority}`)}</span>
        <DeliveryText delivery={report.delivery} now={now} />
        {report.ackedAt !== null ? (
          <span className="acked-badge" data-testid="report-acked" title={t('reports.acked.why')}>
            {t('reports.acked.badge', { by: report.ackedBy ?? '', time: formatClock(report.ackedAt, now, i18n.language) })}
          </span>
        ) : report.delivery.state === 'delivered' ? (
          <span className="not-acked">{t('reports.acked.notYet')}</span>
        ) : null}
      </div>
      <p className="report-text">{b.text}</p>
      {b.casualties ? (
        <p className="report-casualties">
          {(['dead', 'injured', 'missing', 'trapped'] as const).map((k) => `${t(`reports.casualty.${k}`)} ${b.casualties![k]}`).join(' · ')}
        </p>
      ) : null}
      {fields.length > 0 ? (
        <dl className="report-fields">
          {fields.map((k) => (
            <div key={k}>
              <dt>{t(`reports.field.${k}`)}</dt>
              <dd>{b[k]}</dd>
            </div>
          ))}
        </dl>
      ) : null}
      {b.reporterName || b.reporterPhone ? (
        <p className="report-reporter">
          {t('reports.field.reporterName')}: {[b.reporterName, b.reporterPhone].filter(Boolean).join(' · ')}
        </p>
      ) : null}
      {report.files.length > 0 ? (
        <div className="report-files">
          {report.files.map((file) => (
            <FileTile key={file.id} file={file} now={now} />
          ))}
        </div>
      ) : null}
    </li>
  );
}
