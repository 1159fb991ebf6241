import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IncidentCategory, IncidentLevel } from '../../../protocol/sync/incidents';
import { ErrorText } from '../../frame/ErrorText';
import { useNow } from '../../hooks/useNow';
import { useDesk } from '../live/deskContext';
import { useDeskQuery } from '../live/useDeskQuery';
import type { Go } from '../shell/deskRoute';
import { IncidentRow } from './IncidentRow';
import { NewIncidentForm } from './NewIncidentForm';

type Filters = { vehicleId: string; category: string; level: string; status: string; late: boolean };
const NONE: Filters = { vehicleId: '', category: '', level: '', status: 'open', late: false };

/** Incidents: every vehicle's and the center's own, newest activity first; filters; late ones red; staff may open one. */
export function IncidentsPage({ go }: { go: Go }) {
  const { t } = useTranslation();
  const { api, vehicles } = useDesk();
  const now = useNow(15_000);
  const [filters, setFilters] = useState<Filters>(NONE);
  const [composing, setComposing] = useState(false);
  const query: Record<string, string> = {};
  if (filters.vehicleId) query.vehicleId = filters.vehicleId;
  if (filters.category) query.category = filters.category;
  if (filters.level) query.level = filters.level;
  if (filters.status) query.status = filters.status;
  if (filters.late) query.late = 'true';
  const { data, problem, loading } = useDeskQuery(`incidents:${JSON.stringify(query)}`, () => api.incidents(query));
  const late = data?.filter((i) => i.deadline.state === 'late').length ?? 0;
  const set = (change: Partial<Filters>) => setFilters((f) => ({ ...f, ...change }));
  const filtered = JSON.stringify(filters) !== JSON.stringify(NONE);
  return (
    <section className="desk-page incidents-page" data-testid="incidents-page">
      <div className="view-head">
        <h1>{t('desk.incidents.title')}</h1>
        <span className="view-summary">
          <span>{t('desk.incidents.shown', { count: data?.length ?? 0 })}</span>
          <span className={late > 0 ? 'summary-bad' : ''}>{t('desk.incidents.lateCount', { count: late })}</span>
        </span>
        <button type="button" className="primary head-action" onClick={() => setComposing((c) => !c)} data-testid="desk-incident-new">
          {composing ? t('desk.incidents.newClose') : t('desk.incidents.new')}
        </button>
      </div>
      {composing ? <NewIncidentForm onOpened={(id) => go({ page: 'incident', incidentId: id })} /> : null}
      <div className="desk-toolbar incident-filters">
        <select
          className="desk-input"
          value={filters.vehicleId}
          onChange={(e) => set({ vehicleId: e.target.value })}
          aria-label={t('desk.incidents.filter.vehicle')}
        >
          <option value="">{t('desk.incidents.filter.allVehicles')}</option>
          {vehicles.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
        <select
          className="desk-input"
          value={filters.category}
          onChange={(e) => set({ category: e.target.value })}
          aria-label={t('desk.incidents.filter.category')}
        >
          <option value="">{t('desk.incidents.filter.allCategories')}</option>
          {IncidentCategory.options.map((c) => (
            <option key={c} value={c}>
              {t(`desk.incidents.category.${c}`)}
            </option>
          ))}
        </select>
        <select
          className="desk-input"
          value={filters.level}
          onChange={(e) => set({ level: e.target.value })}
          aria-label={t('desk.incidents.filter.level')}
        >
          <option value="">{t('desk.incidents.filter.allLevels')}</option>
          {IncidentLevel.options.map((l) => (
            <option key={l} value={l}>
              {t(`desk.incidents.level.${l}`)}
            </option>
          ))}
        </select>
        <select
          className="desk-input"
          value={filters.status}
          onChange={(e) => set({ status: e.target.value })}
          aria-label={t('desk.incidents.filter.status')}
        >
          <option value="">{t('desk.incidents.filter.anyStatus')}</option>
          <option value="open">{t('desk.incidents.status.open')}</option>
          <option value="closed">{t('desk.incidents.status.closed')}</option>
        </select>
        <label className="check">
          <input
            type="checkbox"
            checked={filters.late}
            onChange={(e) => set({ late: e.target.checked })}
            data-testid="desk-incidents-late"
          />
          {t('desk.incidents.filter.late')}
        </label>
      </div>
      {problem ? <ErrorText error={problem} /> : null}
      {loading && !data ? <p className="view-message">{t('desk.loading')}</p> : null}
      {data && data.length === 0 ? (
        <p className="view-message">{filtered ? t('desk.incidents.noneFiltered') : t('desk.incidents.none')}</p>
      ) : null}
      <ul className="incident-list">
        {data?.map((incident) => (
          <IncidentRow key={incident.id} incident={incident} now={now} onOpen={() => go({ page: 'incident', incidentId: incident.id })} />
        ))}
      </ul>
    </section>
  );
}
