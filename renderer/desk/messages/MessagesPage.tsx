import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { Tone } from '../common/Tone';
import { contactOf } from '../fleet/vehicleHealth';
import { useDesk } from '../live/deskContext';
import type { Go } from '../shell/deskRoute';
import { Conversation } from './Conversation';

/** A conversation per vehicle: the vehicles on the left (unread first), the chosen conversation on the right. */
export function MessagesPage({ vehicleId, go }: { vehicleId: string | undefined; go: Go }) {
  const { t } = useTranslation();
  const { vehicles, me } = useDesk();
  const now = useNow(15_000);
  const sorted = [...vehicles].sort((a, b) => b.unread - a.unread || a.name.localeCompare(b.name, undefined, { numeric: true }));
  const chosen = vehicles.find((v) => v.id === vehicleId);
  return (
    <section className="desk-page messages-page" data-testid="messages-page">
      <div className="view-head">
        <h1>{t('desk.messages.title')}</h1>
        <span className="view-summary">{t('desk.messages.unreadTotal', { count: vehicles.reduce((n, v) => n + v.unread, 0) })}</span>
      </div>
      <div className="desk-split">
        <ul className="desk-picker" aria-label={t('desk.messages.vehicles')}>
          {sorted.map((v) => {
            const contact = contactOf(v, now, me.center.staleAfterMs).state;
            return (
              <li key={v.id}>
                <button
                  type="button"
                  className={`picker-item${v.id === vehicleId ? ' selected' : ''}`}
                  aria-current={v.id === vehicleId ? 'true' : undefined}
                  onClick={() => go({ page: 'messages', vehicleId: v.id })}
                  data-testid="messages-vehicle"
                  data-vehicle-id={v.id}
                >
                  <span className="picker-name">{v.name}</span>
                  {v.unread > 0 ? <span className="nav-badge urgent">{t('desk.messages.unreadShort', { count: v.unread })}</span> : null}
                  {contact === 'stale' ? <Tone tone="down">{t('desk.contact.stale')}</Tone> : null}
                  {contact === 'never' ? <Tone tone="unknown">{t('desk.contact.never')}</Tone> : null}
                </button>
              </li>
            );
          })}
        </ul>
        {chosen ? (
          <div className="desk-panel">
            <div className="panel-head">
              <h2>{chosen.name}</h2>
              <button type="button" className="link-button" onClick={() => go({ page: 'vehicle', vehicleId: chosen.id })}>
                {t('desk.openVehicle')}
              </button>
            </div>
            <Conversation key={chosen.id} vehicleId={chosen.id} vehicleName={chosen.name} />
          </div>
        ) : (
          <p className="view-message desk-panel-empty">{vehicles.length === 0 ? t('desk.fleet.noVehicles') : t('desk.messages.pick')}</p>
        )}
      </div>
    </section>
  );
}
