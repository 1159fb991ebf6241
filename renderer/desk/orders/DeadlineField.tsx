import { useTranslation } from 'react-i18next';
import { deadlineIn } from './orderForm';

const QUICK = [30, 60, 120, 240] as const;

/** 执行时限: a local date and time, or a quick choice from now; empty means none. */
export function DeadlineField({ value, onChange, problem }: { value: string; onChange: (v: string) => void; problem: string | undefined }) {
  const { t } = useTranslation();
  return (
    <fieldset className="deadline-field">
      <legend>{t('desk.orders.deadline')}</legend>
      <div className="field-row">
        <input
          type="datetime-local"
          className="desk-input"
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-label={t('desk.orders.deadline')}
          aria-invalid={problem ? true : undefined}
          data-testid="order-deadline"
        />
        {QUICK.map((minutes) => (
          <button
            key={minutes}
            type="button"
            className="small"
            onClick={() => onChange(deadlineIn(Date.now(), minutes))}
            data-testid={`deadline-${minutes}`}
          >
            {minutes >= 60 ? t('desk.orders.quickHours', { count: minutes / 60 }) : t('desk.orders.quickMinutes', { count: minutes })}
          </button>
        ))}
        {value ? (
          <button type="button" className="small" onClick={() => onChange('')}>
            {t('desk.orders.noDeadline')}
          </button>
        ) : null}
      </div>
      {problem ? <p className="field-problem">{problem}</p> : <p className="field-hint">{t('desk.orders.deadlineHint')}</p>}
    </fieldset>
  );
}
