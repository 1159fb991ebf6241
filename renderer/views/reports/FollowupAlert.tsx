import { useTranslation } from 'react-i18next';
import { useCore } from '../../api/coreContext';
import { Icon } from '../../frame/icons';
import { useNow } from '../../hooks/useNow';
import { formatClock } from '../messages/format';
import { useFollowupRequests } from './useIncidents';

/**
 * The center asks for a 续报: above every view until a follow-up for that incident is sent
 * or the crew dismisses it (the core keeps the list, so it survives a restart).
 */
export function FollowupAlert({ onOpen }: { onOpen: (incidentId: string) => void }) {
  const { t, i18n } = useTranslation();
  const client = useCore();
  const requests = useFollowupRequests();
  const now = useNow(30_000);
  const newest = requests[0];
  if (!newest) return null;
  return (
    <div className="command-alert priority-immediate followup-alert" role="alert" data-testid="followup-alert">
      <Icon name="alert" size={22} />
      <div className="command-alert-text">
        <div className="command-alert-head">
          <strong>
            {t('reports.followup.alert', { from: newest.from, title: newest.incidentTitle ?? t('reports.followup.unknownIncident') })}
          </strong>
          <time dateTime={new Date(newest.receivedAt).toISOString()}>{formatClock(newest.receivedAt, now, i18n.language)}</time>
          {requests.length > 1 ? <span className="command-alert-more">{t('alerts.more', { count: requests.length - 1 })}</span> : null}
        </div>
        <p className="command-alert-line">{newest.text}</p>
      </div>
      <div className="command-alert-actions">
        <button type="button" className="primary" onClick={() => onOpen(newest.incidentId)} data-testid="followup-alert-open">
          {t('reports.followup.write')}
        </button>
        <button type="button" onClick={() => void client.call('incidents.dismissFollowup', { id: newest.id }).catch(() => {})}>
          {t('reports.followup.dismiss')}
        </button>
      </div>
    </div>
  );
}
