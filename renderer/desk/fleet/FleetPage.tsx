import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../frame/ErrorText';
import { useNow } from '../../hooks/useNow';
import { liveVehicles, useDesk } from '../live/deskContext';
import type { Go } from '../shell/deskRoute';
import { fleetView, type FleetQuery } from './fleetModel';
import { FleetRow } from './FleetRow';
import { FleetToolbar } from './FleetToolbar';
import { contactOf, needsAttention } from './vehicleHealth';

/** Every vehicle with its state at a glance; those needing attention first. */
export function FleetPage({ go }: { go: Go }) {
  const { t } = useTranslation();
  const { vehicles, rooms, me, problem } = useDesk();
  const now = useNow(5000);
  const [query, setQuery] = useState<FleetQuery>({ text: '', show: 'all', sort: 'attention' });
  const staleAfterMs = me.center.staleAfterMs;
  const live = liveVehicles(rooms);
  const shown = fleetView(vehicles, query, { now, staleAfterMs, live });
  const attention = vehicles.filter((v) => needsAttention(v, now, staleAfterMs)).length;
  const silent = vehicles.filter((v) => contactOf(v, now, staleAfterMs).state !== 'ok').length;
  return (
    <section className="desk-page fleet-page" data-testid="fleet-page">
      <div className="view-head">
        <h1>{t('desk.fleet.title')}</h1>
        <span className="view-summary">
          <span>{t('desk.fleet.count', { count: vehicles.length })}</span>
          <span className={attention > 0 ? 'summary-warn' : ''}>{t('desk.fleet.attentionCount', { count: attention })}</span>
          <span className={silent > 0 ? 'summary-bad' : ''}>{t('desk.fleet.silentCount', { count: silent })}</span>
          <span>{t('desk.fleet.liveCount', { count: live.size })}</span>
        </span>
      </div>
      {problem ? <ErrorText error={problem} template="desk.fleet.lastKnown" /> : null}
      <FleetToolbar query={query} onChange={setQuery} />
      <div className="desk-table-wrap">
        <table className="desk-table fleet-table">
          <thead>
            <tr>
              <th scope="col">{t('desk.fleet.col.vehicle')}</th>
              <th scope="col">{t('desk.fleet.col.contact')}</th>
              <th scope="col">{t('desk.fleet.col.position')}</th>
              <th scope="col">{t('desk.fleet.col.links')}</th>
              <th scope="col">{t('desk.fleet.col.video')}</th>
              <th scope="col">{t('desk.fleet.col.messages')}</th>
              <th scope="col">{t('desk.fleet.col.orders')}</th>
              <th scope="col">{t('desk.fleet.col.queue')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((v) => (
              <FleetRow key={v.id} vehicle={v} now={now} staleAfterMs={staleAfterMs} live={live.has(v.id)} go={go} />
            ))}
          </tbody>
        </table>
        {shown.length === 0 ? (
          <p className="view-message table-empty">{vehicles.length === 0 ? t('desk.fleet.noVehicles') : t('desk.fleet.noMatch')}</p>
        ) : null}
      </div>
    </section>
  );
}
