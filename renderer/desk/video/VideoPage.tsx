import { useTranslation } from 'react-i18next';
import { Tone } from '../common/Tone';
import { DeskWatch } from '../DeskWatch';
import { liveVehicles, useDesk } from '../live/deskContext';
import { mediaStateText } from '../../i18n/mediaStateText';
import type { Go } from '../shell/deskRoute';

/** Live video: which vehicles send, and the chosen one to watch and talk to. */
export function VideoPage({ vehicleId, go }: { vehicleId: string | undefined; go: Go }) {
  const { t } = useTranslation();
  const { vehicles, rooms, me, api } = useDesk();
  const live = liveVehicles(rooms);
  const sorted = [...vehicles].sort(
    (a, b) => Number(live.has(b.id)) - Number(live.has(a.id)) || a.name.localeCompare(b.name, undefined, { numeric: true }),
  );
  const chosen = vehicles.find((v) => v.id === vehicleId);
  return (
    <section className="desk-page video-page" data-testid="video-page">
      <div className="view-head">
        <h1>{t('desk.video.title')}</h1>
        <span className="view-summary">{t('desk.fleet.liveCount', { count: live.size })}</span>
      </div>
      {me.center.media.on ? null : (
        <p className="view-message warning" title={me.center.media.reason ?? undefined}>
          {mediaStateText(t, me.center.media)}
        </p>
      )}
      <div className="desk-split">
        <ul className="desk-picker" aria-label={t('desk.video.vehicles')}>
          {sorted.map((v) => (
            <li
              key={v.id}
              className={`picker-row${v.id === vehicleId ? ' selected' : ''}`}
              data-testid="desk-vehicle"
              data-vehicle-id={v.id}
              data-live={live.has(v.id)}
            >
              <span className="picker-name" title={v.name}>
                {v.name}
              </span>
              {live.has(v.id) ? <Tone tone="up">{t('desk.live')}</Tone> : <span className="cell-muted">{t('desk.notLive')}</span>}
              <button
                type="button"
                className={v.id === vehicleId ? 'primary' : ''}
                onClick={() => go({ page: 'video', vehicleId: v.id })}
                disabled={!me.center.media.on}
                data-testid="desk-watch"
              >
                {t('desk.watch')}
              </button>
            </li>
          ))}
        </ul>
        {chosen && me.center.media.on ? (
          <DeskWatch key={chosen.id} api={api} vehicleId={chosen.id} vehicleName={chosen.name} staffName={me.staff.name} />
        ) : (
          <p className="view-message desk-panel-empty">{t('desk.pickVehicle')}</p>
        )}
      </div>
    </section>
  );
}
