import { useTranslation } from 'react-i18next';
import type { PlaceFields, PlaceProblem } from './orderForm';

/** The target place: latitude and longitude in decimal degrees, an optional label. */
export function PlaceFieldset({
  value,
  onChange,
  problems,
}: {
  value: PlaceFields;
  onChange: (v: PlaceFields) => void;
  problems: PlaceProblem[];
}) {
  const { t } = useTranslation();
  const bad = (p: PlaceProblem[]) => (p.some((x) => problems.includes(x)) ? true : undefined);
  return (
    <fieldset className="place-fields">
      <legend>{t('desk.orders.target')}</legend>
      <div className="field-row">
        <label>
          {t('desk.orders.latitude')}
          <input
            className="desk-input num"
            inputMode="decimal"
            value={value.latitude}
            placeholder="30.65731"
            aria-invalid={bad(['latitude-missing', 'latitude-range', 'not-number'])}
            onChange={(e) => onChange({ ...value, latitude: e.target.value })}
            data-testid="order-lat"
          />
        </label>
        <label>
          {t('desk.orders.longitude')}
          <input
            className="desk-input num"
            inputMode="decimal"
            value={value.longitude}
            placeholder="104.06542"
            aria-invalid={bad(['longitude-missing', 'longitude-range', 'not-number'])}
            onChange={(e) => onChange({ ...value, longitude: e.target.value })}
            data-testid="order-lon"
          />
        </label>
        <label className="grow">
          {t('desk.orders.placeLabel')}
          <input
            className="desk-input"
            value={value.label}
            maxLength={100}
            placeholder={t('desk.orders.placeLabelHint')}
            onChange={(e) => onChange({ ...value, label: e.target.value })}
            data-testid="order-place-label"
          />
        </label>
      </div>
      {problems.length > 0 ? (
        <ul className="field-problem">
          {problems.map((p) => (
            <li key={p}>{t(`desk.orders.placeProblem.${p}`)}</li>
          ))}
        </ul>
      ) : (
        <p className="field-hint">{t('desk.orders.targetHint')}</p>
      )}
    </fieldset>
  );
}
