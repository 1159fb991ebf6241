import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDutyTime } from '../../duty/dutyTime';
import type { DeskDutyVehicle } from '../../../protocol/sync/deskDuty';
import type { DutyRecord } from '../../../protocol/sync/deskDuty';
import { ErrorText } from '../../frame/ErrorText';
import { DutyLog } from '../../duty/DutyLog';
import { DutyPanel } from '../../duty/DutyPanel';
import { useDesk } from '../live/deskContext';
import { useDeskQuery } from '../live/useDeskQuery';
import { deskDutyBackend, dutyVehicles, vehicleDuty } from './deskDutyBackend';

type Tab = 'vehicles' | 'center';

/** The desk's Duty page: each vehicle's shift and log, and the center's own duty with the console's screens. */
export function DutyPage() {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('vehicles');
  return (
    <section className="duty-page" aria-labelledby="desk-duty-title">
      <div className="view-head">
        <h1 id="desk-duty-title">{t('duty.title')}</h1>
        <div className="duty-tabs" role="group">
          {(['vehicles', 'center'] as const).map((id) => (
            <button
              key={id}
              type="button"
              className="secondary"
              aria-pressed={tab === id}
              onClick={() => setTab(id)}
              data-testid={`duty-tab-${id}`}
            >
              {t(`duty.desk.${id}`)}
            </button>
          ))}
        </div>
      </div>
      {tab === 'vehicles' ? <VehiclesOnDuty /> : <CenterDuty />}
    </section>
  );
}

function VehiclesOnDuty() {
  const { t } = useTranslation();
  const { api } = useDesk();
  const query = useDeskQuery('duty-vehicles', () => dutyVehicles(api));
  const [open, setOpen] = useState<string | undefined>();
  return (
    <>
      {query.problem ? <ErrorText error={query.problem} /> : null}
      {query.data?.length === 0 ? <p className="view-message">{t('duty.desk.noVehicles')}</p> : null}
      <div className="duty-vehicles">
        {query.data?.map((v) => (
          <VehicleDutyCard
            key={v.vehicleId}
            vehicle={v}
            open={open === v.vehicleId}
            onToggle={() => setOpen(open === v.vehicleId ? undefined : v.vehicleId)}
          />
        ))}
      </div>
      {open ? <VehicleLog vehicleId={open} /> : null}
    </>
  );
}

function VehicleDutyCard({ vehicle, open, onToggle }: { vehicle: DeskDutyVehicle; open: boolean; onToggle: () => void }) {
  const { t } = useTranslation();
  const { dateTime, time } = useDutyTime();
  return (
    <article className="duty-card" data-testid="duty-vehicle">
      <div className="duty-card-head">
        <h2>{vehicle.name}</h2>
        <button type="button" className="secondary" aria-pressed={open} onClick={onToggle}>
          {t('duty.log.title')}
        </button>
      </div>
      {vehicle.shift ? (
        <dl className="duty-facts">
          <dt>{t('duty.shift.onDuty')}</dt>
          <dd>{vehicle.shift.onDuty.join('、')}</dd>
          <dt>{t('duty.shift.leader')}</dt>
          <dd>{vehicle.shift.leader}</dd>
          <dt>{t('duty.shift.since')}</dt>
          <dd>{dateTime(vehicle.shift.startAt)}</dd>
        </dl>
      ) : (
        <p className="view-message">{t('duty.desk.noShift')}</p>
      )}
      {vehicle.latest.length > 0 ? (
        <ol className="duty-entries" aria-label={t('duty.desk.latest')}>
          {vehicle.latest.map((e) => (
            <li key={e.id} className={e.auto ? 'auto' : 'manual'}>
              <time>{time(e.at)}</time>
              <span className={`duty-topic topic-${e.topic}`}>{t(`duty.topic.${e.topic}`)}</span>
              <span className="duty-text">{e.text}</span>
            </li>
          ))}
        </ol>
      ) : null}
    </article>
  );
}

function VehicleLog({ vehicleId }: { vehicleId: string }) {
  const { api } = useDesk();
  const query = useDeskQuery<DutyRecord>(`duty-${vehicleId}`, () => vehicleDuty(api, vehicleId));
  if (query.problem) return <ErrorText error={query.problem} />;
  return query.data ? <DutyLog entries={query.data.entries} readOnly /> : null;
}

function CenterDuty() {
  const { t } = useTranslation();
  const { api, pulse } = useDesk();
  const backend = useMemo(() => deskDutyBackend(api), [api]);
  const [beats, setBeats] = useState(0);
  useEffect(() => pulse.subscribe(() => setBeats((n) => n + 1)), [pulse]);
  return <DutyPanel backend={backend} unit={t('duty.desk.center')} reload={beats} emptyLogKey="duty.log.emptyCenter" />;
}
