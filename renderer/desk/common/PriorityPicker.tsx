import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../protocol/sync/items';

export type SendPriority = Exclude<Priority, 'bulk'>;
const CHOICES: readonly SendPriority[] = ['flash', 'immediate', 'priority', 'routine'];

/** The priority of what staff send down: word and colour. */
export function PriorityPicker({ value, onChange }: { value: SendPriority; onChange: (p: SendPriority) => void }) {
  const { t } = useTranslation();
  return (
    <div className="priority-picker" role="radiogroup" aria-label={t('desk.priority')}>
      {CHOICES.map((p) => (
        <button
          key={p}
          type="button"
          role="radio"
          aria-checked={value === p}
          className={`priority-choice priority-${p}${value === p ? ' selected' : ''}`}
          onClick={() => onChange(p)}
          data-testid={`priority-${p}`}
        >
          {t(`priority.${p}`)}
        </button>
      ))}
    </div>
  );
}
