import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../frame/ErrorText';
import { useNow } from '../../hooks/useNow';
import { useSpan } from '../common/useSpan';
import { When } from '../common/When';
import { formatLatLon } from '../fleet/PositionCell';
import { useDesk } from '../live/deskContext';
import { useDeskQuery } from '../live/useDeskQuery';
import type { Go } from '../shell/deskRoute';
import { FollowupRequest } from './FollowupRequest';
import { chainText, deadlineText, levelText, typeText } from './incidentText';
import { ReportCard } from './ReportCard';

/** One incident: what, where, when, its deadline and what its chain lacks; the reports as a timeline; 签收, follow-up, an order about it. */
export function IncidentPage({ incidentId, go }: { incidentId: string; go: Go }) {
  const { t } = useTranslation();
  const { api } = useDesk();
  const { length } = useSpan();
  const now = useNow(15_000);
  const { data, problem, loading } = useDeskQuery(`incident:${incidentId}`, () => api.incident(incidentId));
  const incident = data?.incident;
  const header = incident?.header ?? null;
  const missing = incident ? chainText(t, incident) : null;
  return (
    <section className="desk-page incident-page" data-testid="incident-page">
      <div className="view-head">
        <button type="button" className="link-button" onClick={() => go({ page: 'incidents' })}>
          ← {t('desk.incidents.back')}
        </button>
      </div>
      {problem ? <ErrorText error={problem} /> : null}
      {loading && !data ? <p className="view-message">{t('desk.loading')}</p> : null}
      {incident ? (
        <>
          <header className={`incident-header${incident.deadline.state === 'late' ? ' late' : ''}`}>
            <h1>
              {header ? <span className={`level-badge level-${header.level}`}>{levelText(t, header.level)}</span> : null}
              {header?.title ?? t('desk.incidents.noHeader')}
              <span className={`status-word ${incident.status}`}>{t(`desk.incidents.status.${incident.status}`)}</span>
            </h1>
            <dl className="incident-facts">
              {header ? (
                <div>
                  <dt>{t('desk.incidents.form.category')}</dt>
                  <dd>{`${t(`desk.incidents.category.${header.category}`)} · ${typeText(t, header.type)}`}</dd>
                </div>
              ) : null}
              {header ? (
                <div>
                  <dt>{t('desk.incidents.form.occurredAt')}</dt>
                  <dd>
                    <When at={header.occurredAt} now={now} />
                  </dd>
                </div>
              ) : null}
              {header?.placeText || header?.latitude !== undefined ? (
                <div>
                  <dt>{t('desk.incidents.form.place')}</dt>
                  <dd>
                    {[header.placeText, header.latitude !== undefined ? formatLatLon(header.latitude, header.longitude!) : undefined]
                      .filter(Boolean)
                      .join(' · ')}
                  </dd>
                </div>
              ) : null}
              <div>
                <dt>{t('desk.incidents.source')}</dt>
                <dd>{incident.vehicleName ?? t('desk.incidents.openedBy', { name: incident.openedBy ?? '' })}</dd>
              </div>
              <div>
                <dt>{t('desk.incidents.firstReport')}</dt>
                <dd className={`deadline-${incident.deadline.state}`} data-testid="desk-incident-deadline">
                  {deadlineText(t, length, incident.deadline, incident.firstReportAt, now)}
                </dd>
              </div>
              {incident.orderCount > 0 ? (
                <div>
                  <dt>{t('desk.incidents.orders')}</dt>
                  <dd>{t('desk.incidents.orderCount', { count: incident.orderCount })}</dd>
                </div>
              ) : null}
            </dl>
            {data.note ? <p className="incident-note">{t('desk.incidents.note', { note: data.note })}</p> : null}
            {missing ? <p className="incident-warn">{missing}</p> : null}
            <div className="incident-actions">
              {incident.status === 'open' ? <FollowupRequest incidentId={incident.id} /> : null}
              <button
                type="button"
                onClick={() =>
                  go({
                    page: 'orders',
                    ...(incident.vehicleId ? { composeTo: incident.vehicleId } : {}),
                    incident: { id: incident.id, title: header?.title ?? incident.id.slice(0, 8) },
                  })
                }
                data-testid="desk-incident-order"
              >
                {t('desk.incidents.sendOrder')}
              </button>
            </div>
          </header>
          {data.reports.length === 0 ? <p className="view-message">{t('desk.incidents.noReports')}</p> : null}
          <ol className="report-timeline">
            {data.reports.map((report) => (
              <ReportCard key={report.id} report={report} now={now} />
            ))}
          </ol>
        </>
      ) : null}
    </section>
  );
}
