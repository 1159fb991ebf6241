import { useTranslation } from 'react-i18next';
import type { DeadlineView } from '../../../protocol/api/incidents';
import { deadlineMinutes, formatMinutes } from './reportFormat';

/**
 * The first report's deadline: met (reached the center in time), late (red: past the time,
 * reached or not), or the time left; the tooltip says the rule.
 */
export function DeadlineBadge({ deadline, now }: { deadline: DeadlineView; now: number }) {
  const { t } = useTranslation();
  // The core computed msLeft when it answered; a running deadline keeps counting here.
  const live = deadline.state === 'running' ? { ...deadline, msLeft: deadline.due - now } : deadline;
  const state = live.state === 'running' && live.msLeft < 0 ? 'late' : live.state;
  const minutes = deadlineMinutes(live);
  const text =
    state === 'met'
      ? t('reports.deadline.met')
      : state === 'late'
        ? deadline.reachedAt !== null
          ? t('reports.deadline.reachedLate', { time: formatMinutes(minutes) })
          : t('reports.deadline.late', { time: formatMinutes(minutes) })
        : t('reports.deadline.left', { time: formatMinutes(minutes) });
  return (
    <span
      className={`deadline-badge deadline-${state}`}
      data-testid="incident-deadline"
      data-state={state}
      title={t('reports.deadline.why', { time: new Date(deadline.due).toLocaleString() })}
    >
      {text}
    </span>
  );
}
