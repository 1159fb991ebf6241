import { useTranslation } from 'react-i18next';
import type { DeskIncident } from '../../../protocol/sync/deskIncidents';
import { useSpan } from '../common/useSpan';
import { When } from '../common/When';
import { chainText, deadlineText, levelText, typeText } from './incidentText';
import { ReportPhoto } from './ReportPhoto';

/** One incident in the list: photo, level, title, where and whose, its deadline (red when late, with how late) and its reports. */
export function IncidentRow({ incident, now, onOpen }: { incident: DeskIncident; now: number; onOpen: () => void }) {
  const { t } = useTranslation();
  const { length } = useSpan();
  const { header } = incident;
  const late = incident.deadline.state === 'late';
  const missing = chainText(t, incident);
  return (
    <li>
      <button
        type="button"
        className={`incident-row${late ? ' late' : ''}${incident.status === 'closed' ? ' closed' : ''}`}
        onClick={onOpen}
        data-testid="desk-incident-row"
        data-incident-id={incident.id}
        data-late={late}
      >
        {incident.photo ? <ReportPhoto file={incident.photo} compact /> : <span className="incident-thumb empty" aria-hidden="true" />}
        <span className="incident-main">
          <span className="incident-title-line">
            {header ? <span className={`level-badge level-${header.level}`}>{levelText(t, header.level)}</span> : null}
            <strong className="incident-title">{header?.title ?? t('desk.incidents.noHeader')}</strong>
            <span className={`status-word ${incident.status}`}>{t(`desk.incidents.status.${incident.status}`)}</span>
          </span>
          <span className="incident-sub">
            {header ? `${t(`desk.incidents.category.${header.category}`)} · ${typeText(t, header.type)}` : null}
            {header?.placeText ? ` · ${header.placeText}` : null}
          </span>
          <span className="incident-sub">
            {incident.vehicleName ?? t('desk.incidents.openedBy', { name: incident.openedBy ?? '' })}
            {' · '}
            {t('desk.incidents.reports', { count: incident.reportCount })}
            {incident.lastReportAt !== null ? (
              <>
                {' · '}
                {t('desk.incidents.lastReport')} <When at={incident.lastReportAt} now={now} />
              </>
            ) : null}
          </span>
          {missing ? <span className="incident-warn">{missing}</span> : null}
        </span>
        <span className="incident-side">
          <span className={`incident-deadline deadline-${incident.deadline.state}`} data-testid="desk-incident-deadline">
            {deadlineText(t, length, incident.deadline, incident.firstReportAt, now)}
          </span>
          {incident.unacked > 0 ? (
            <span className="nav-badge urgent">{t('desk.incidents.unacked', { count: incident.unacked })}</span>
          ) : null}
        </span>
      </button>
    </li>
  );
}
