import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { nextFollowupNumber } from '../../../protocol/sync/incidents';
import { useCore } from '../../api/coreContext';
import { ErrorText } from '../../frame/ErrorText';
import { useNow } from '../../hooks/useNow';
import { formatClock } from '../messages/format';
import { DeadlineBadge } from './DeadlineBadge';
import { LaterReportForm } from './LaterReportForm';
import { ReportCard } from './ReportCard';
import { LEVEL_NUMERAL } from './reportFormat';
import { useIncident } from './useIncidents';

/** One incident: its header, the first report's deadline, the chain as a timeline, the center's requests, 续报 and 终报. */
export function IncidentPage(props: { id: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const client = useCore();
  const { detail, error } = useIncident(props.id);
  const now = useNow(10_000);
  const [writing, setWriting] = useState<'followup' | 'final' | undefined>(undefined);
  if (!detail) return error ? <ErrorText error={error} /> : <p className="view-message">{t('reports.loading')}</p>;

  const h = detail.header;
  const open = detail.status === 'open';
  const asked = detail.followups.filter((f) => f.answeredAt === null && f.dismissedAt === null);
  return (
    <section className="incident-page" aria-labelledby="incident-title" data-testid="incident-page" data-status={detail.status}>
      <div className="view-head">
        <button type="button" className="back" onClick={props.onBack}>
          ← {t('reports.title')}
        </button>
        <span className={`level-chip level-${h.level}`}>{LEVEL_NUMERAL[h.level]}</span>
        <h1 id="incident-title">{h.title}</h1>
        <span className={`incident-status ${detail.status}`} data-testid="incident-status">
          {t(`reports.status.${detail.status}`)}
        </span>
        <DeadlineBadge deadline={detail.deadline} now={now} />
      </div>
      <p className="incident-facts">
        {t(`reports.category.${h.category}`)} · {t(`reports.type.${h.type}`, { defaultValue: h.type })} · {t(`reports.level.${h.level}`)} ·{' '}
        {t('reports.list.occurred', { time: formatClock(h.occurredAt, now, i18n.language) })}
        {h.placeText ? ` · ${h.placeText}` : ''}
        {h.latitude !== undefined && h.longitude !== undefined ? ` · ${h.latitude.toFixed(5)}, ${h.longitude.toFixed(5)}` : ''}
      </p>
      {error ? <ErrorText error={error} /> : null}
      {asked.map((request) => (
        <div key={request.id} className="followup-request" data-testid="incident-followup-request">
          <strong>{t('reports.followup.asked', { from: request.from })}</strong>
          <span>{request.text}</span>
          <button type="button" onClick={() => void client.call('incidents.dismissFollowup', { id: request.id }).catch(() => {})}>
            {t('reports.followup.dismiss')}
          </button>
        </div>
      ))}
      <ol className="report-timeline" aria-label={t('reports.chain')}>
        {detail.chain.map((report) => (
          <ReportCard key={report.id} report={report} now={now} />
        ))}
      </ol>
      {open && !writing ? (
        <div className="report-form-actions">
          <button type="button" className="primary" onClick={() => setWriting('followup')} data-testid="report-followup">
            {t('reports.later.followupButton', { number: nextFollowupNumber({ stages: detail.chain }) })}
          </button>
          <button type="button" onClick={() => setWriting('final')} data-testid="report-final">
            {t('reports.later.finalButton')}
          </button>
        </div>
      ) : null}
      {!open ? (
        <p className="view-message">{t('reports.closedNote', { time: formatClock(detail.closedAt ?? now, now, i18n.language) })}</p>
      ) : null}
      {writing ? (
        <LaterReportForm
          incidentId={detail.id}
          stage={writing}
          number={nextFollowupNumber({ stages: detail.chain })}
          onDone={() => setWriting(undefined)}
        />
      ) : null}
    </section>
  );
}
