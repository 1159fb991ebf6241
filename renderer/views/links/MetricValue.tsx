import { useTranslation } from 'react-i18next';
import type { Metric } from '../../../protocol/links/linkStatus';
import { formatSigned } from './format';

/** One labelled value of a tile's metric grid; an old reading is drawn as such. */
export function MetricValue({
  label,
  metric,
  unit,
  testId,
  format,
}: {
  label: string;
  metric: Metric<unknown> | undefined;
  unit?: string;
  testId: string;
  format?: (value: never) => string;
}) {
  const { t } = useTranslation();
  if (!metric) return null;
  const value = metric.value;
  const text = format
    ? format(value as never)
    : typeof value === 'number'
      ? formatSigned(value, Number.isInteger(value) ? 0 : 1)
      : String(value);
  return (
    <div className={`metric${metric.stale ? ' stale' : ''}`} title={metric.stale ? t('links.staleValue') : undefined}>
      <dt>{label}</dt>
      <dd data-testid={testId}>
        {text}
        {unit ? <span className="unit"> {unit}</span> : null}
      </dd>
    </div>
  );
}

/** The tile's headline: a big number, its unit and label, or a dash with a note. */
export function Headline({
  value,
  unit,
  label,
  stale,
  testId,
  note,
  compact,
}: {
  value: string | undefined;
  unit?: string;
  label?: string;
  stale: boolean;
  testId: string;
  note?: string;
  compact?: boolean;
}) {
  const { t } = useTranslation();
  if (value === undefined) return <div className="signal-value none">{note}</div>;
  return (
    <div className={`signal-value${stale ? ' stale' : ''}${compact ? ' compact' : ''}`} title={stale ? t('links.staleValue') : undefined}>
      <span className="number" data-testid={testId}>
        {value}
      </span>
      {unit ? <span className="unit">{unit}</span> : null}
      {label ? <span className="label">{label}</span> : null}
      {stale ? <span className="stale-tag">{t('links.staleValue')}</span> : null}
    </div>
  );
}
