import { useTranslation } from 'react-i18next';
import { FLEET_SHOWS, FLEET_SORTS, type FleetQuery } from './fleetModel';

/** Search, which vehicles to show, and the order. */
export function FleetToolbar({ query, onChange }: { query: FleetQuery; onChange: (query: FleetQuery) => void }) {
  const { t } = useTranslation();
  return (
    <div className="desk-toolbar">
      <input
        type="search"
        className="desk-input"
        value={query.text}
        placeholder={t('desk.fleet.search')}
        aria-label={t('desk.fleet.search')}
        onChange={(e) => onChange({ ...query, text: e.target.value })}
        data-testid="fleet-search"
      />
      <div className="segmented" role="group" aria-label={t('desk.fleet.show')}>
        {FLEET_SHOWS.map((show) => (
          <button
            key={show}
            type="button"
            aria-pressed={query.show === show}
            className={query.show === show ? 'selected' : ''}
            onClick={() => onChange({ ...query, show })}
            data-testid={`fleet-show-${show}`}
          >
            {t(`desk.fleet.shows.${show}`)}
          </button>
        ))}
      </div>
      <label className="desk-select-label">
        {t('desk.fleet.sort')}
        <select
          className="desk-input"
          value={query.sort}
          onChange={(e) => onChange({ ...query, sort: e.target.value as FleetQuery['sort'] })}
          data-testid="fleet-sort"
        >
          {FLEET_SORTS.map((sort) => (
            <option key={sort} value={sort}>
              {t(`desk.fleet.sorts.${sort}`)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
