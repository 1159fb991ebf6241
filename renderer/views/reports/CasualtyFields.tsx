import { useTranslation } from 'react-i18next';
import type { Casualties } from '../../../protocol/sync/incidents';

export const NO_CASUALTIES: Casualties = { dead: 0, injured: 0, missing: 0, trapped: 0 };

/** Casualties travel only when someone entered a number (all zero: not reported yet). */
export function casualtiesOrUndefined(value: Casualties): Casualties | undefined {
  return Object.values(value).some((n) => n > 0) ? value : undefined;
}

const KEYS = ['dead', 'injured', 'missing', 'trapped'] as const;

/** 死亡 / 受伤 / 失踪 / 被困. */
export function CasualtyFields({ value, onChange }: { value: Casualties; onChange: (value: Casualties) => void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="casualties wide">
      <legend>{t('reports.field.casualties')}</legend>
      {KEYS.map((key) => (
        <label key={key}>
          {t(`reports.casualty.${key}`)}
          <input
            type="number"
            min={0}
            max={1_000_000}
            value={value[key]}
            onChange={(e) => onChange({ ...value, [key]: Math.max(0, Math.floor(Number(e.currentTarget.value) || 0)) })}
          />
        </label>
      ))}
    </fieldset>
  );
}
