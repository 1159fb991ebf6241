import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from '../../../protocol/api/incidents';
import { ErrorText } from '../../frame/ErrorText';
import { useNow } from '../../hooks/useNow';
import { formatClock } from '../messages/format';
import { DeadlineBadge } from './DeadlineBadge';
import { LEVEL_NUMERAL } from './reportFormat';
import { useIncidentList } from './useIncidents';

/** The vehicle's incidents, open first: level, title, deadline of the first report, what the center has receipted. */
export function IncidentList(props: { onNew: () => void; onOpen: (id: string) => void }) {
  const { t, i18n } = useTranslation();
  const list = useIncidentList();
  const now = useNow(15_000);
  const open = list.items.filter((i) => i.status === 'open');
  const closed = list.items.filter((i) => i.status === 'closed');
  const late = open.filter((i) => i.deadline.state === 'late').length;

  const row = (incident: IncidentSummary) => (
    <li key={incident.id}>
      <button
        type="button"
        className={`incident-row status-${incident.status}`}
        data-testid="incident-row"
        data-level={incident.header.level}
        onClick={() => props.onOpen(incident.id)}
      >
        <span className={`level-chip level-${incident.header.level}`} title={t(`reports.level.${incident.header.level}`)}>
          {LEVEL_NUMERAL[incident.header.level]}
        </span>
        <span className="incident-row-main">
          <strong>{incident.header.title}</strong>
          <span className="incident-row-meta">
            {t(`reports.category.${incident.header.category}`)} ·{' '}
            {t(`reports.type.${incident.header.type}`, { defaultValue: incident.header.type })} ·{' '}
            {t('reports.list.occurred', { time: formatClock(incident.header.occurredAt, now, i18n.language) })}
            {incident.header.placeText ? ` · ${incident.header.placeText}` : ''}
          </span>
        </span>
        <span className="incident-row-state">
          {incident.status === 'closed' ? <span className="incident-status closed">{t('reports.status.closed')}</span> : null}
          {incident.status === 'open' || incident.deadline.state !== 'met' ? (
            <DeadlineBadge deadline={incident.deadline} now={now} />
          ) : null}
          <span className="incident-counts">
            {t('reports.list.reports', { count: incident.reports })}
            {incident.acked > 0 ? <span className="acked-badge">{t('reports.list.acked', { count: incident.acked })}</span> : null}
            {incident.waiting > 0 ? <span className="waiting-badge">{t('reports.list.waiting', { count: incident.waiting })}</span> : null}
            {incident.followupsAsked > 0 ? <span className="asked-badge">{t('reports.list.asked')}</span> : null}
          </span>
        </span>
      </button>
    </li>
  );

  return (
    <section className="reports-view" aria-labelledby="reports-title">
      <div className="view-head">
        <h1 id="reports-title">{t('reports.title')}</h1>
        <span className="view-summary">{t('reports.list.summary', { open: open.length, total: list.items.length })}</span>
        {late > 0 ? <span className="deadline-badge deadline-late">{t('reports.list.late', { count: late })}</span> : null}
        <button type="button" className="primary new-report" onClick={props.onNew} data-testid="reports-new">
          {t('reports.list.new')}
        </button>
      </div>
      {list.error ? <ErrorText error={list.error} /> : null}
      {list.loaded && list.items.length === 0 ? <p className="view-message">{t('reports.list.none')}</p> : null}
      {open.length > 0 ? <ol className="incident-list">{open.map(row)}</ol> : null}
      {closed.length > 0 ? (
        <>
          <h2 className="order-list-title">{t('reports.list.closed')}</h2>
          <ol className="incident-list closed">{closed.map(row)}</ol>
        </>
      ) : null}
    </section>
  );
}
