import { useTranslation } from 'react-i18next';

/** Five rising bars, `bars` of them lit; dimmed when the reading is stale. */
export function SignalBars({ bars, stale }: { bars: number | undefined; stale: boolean }) {
  const { t } = useTranslation();
  const lit = bars ?? 0;
  return (
    <span
      className={`signal-bars level-${lit}${stale ? ' stale' : ''}`}
      role="img"
      aria-label={t('metric.bars', { bars: lit })}
      data-bars={lit}
    >
      {[1, 2, 3, 4, 5].map((n) => (
        <span key={n} className={n <= lit ? 'on' : ''} />
      ))}
    </span>
  );
}
