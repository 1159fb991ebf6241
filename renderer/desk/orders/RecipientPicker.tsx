import { useTranslation } from 'react-i18next';
import type { DeskVehicle } from '../../../protocol/sync/desk';

export type Recipients = { mode: 'one'; vehicleId: string } | { mode: 'some'; vehicleIds: string[] } | { mode: 'all' };

/** To whom: one vehicle, a chosen set, or all. */
export function RecipientPicker({
  vehicles,
  value,
  onChange,
}: {
  vehicles: DeskVehicle[];
  value: Recipients;
  onChange: (r: Recipients) => void;
}) {
  const { t } = useTranslation();
  const first = vehicles[0]?.id ?? '';
  return (
    <fieldset className="recipient-picker">
      <legend>{t('desk.orders.to')}</legend>
      <div className="segmented" role="group">
        {(['one', 'some', 'all'] as const).map((mode) => (
          <button
            key={mode}
            type="button"
            aria-pressed={value.mode === mode}
            className={value.mode === mode ? 'selected' : ''}
            data-testid={`to-${mode}`}
            onClick={() =>
              onChange(
                mode === 'one'
                  ? {
                      mode,
                      vehicleId:
                        value.mode === 'one' ? value.vehicleId : ((value.mode === 'some' ? value.vehicleIds[0] : undefined) ?? first),
                    }
                  : mode === 'some'
                    ? {
                        mode,
                        vehicleIds:
                          value.mode === 'one' && value.vehicleId ? [value.vehicleId] : value.mode === 'some' ? value.vehicleIds : [],
                      }
                    : { mode },
              )
            }
          >
            {t(`desk.orders.toMode.${mode}`, { count: vehicles.length })}
          </button>
        ))}
      </div>
      {value.mode === 'one' ? (
        <select
          className="desk-input"
          value={value.vehicleId}
          onChange={(e) => onChange({ mode: 'one', vehicleId: e.target.value })}
          data-testid="to-vehicle"
          aria-label={t('desk.orders.to')}
        >
          {vehicles.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
      ) : null}
      {value.mode === 'some' ? (
        <div className="check-list">
          {vehicles.map((v) => (
            <label key={v.id} className="check">
              <input
                type="checkbox"
                checked={value.vehicleIds.includes(v.id)}
                onChange={(e) =>
                  onChange({
                    mode: 'some',
                    vehicleIds: e.target.checked ? [...value.vehicleIds, v.id] : value.vehicleIds.filter((id) => id !== v.id),
                  })
                }
              />
              {v.name}
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}
