import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryMetric, HistoryRange } from '../../../protocol/api/history';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import { TimeChart, type ChartSeries } from '../../charts/TimeChart';
import { useHistory, useLinkEvents } from '../../hooks/useHistory';
import { formatAge } from './format';
import { ErrorText } from '../../frame/ErrorText';

const COLORS = ['var(--accent)', 'var(--badge-5g)', 'var(--degraded)', 'var(--up)'];
const UNITS: Record<HistoryMetric, string> = {
  rsrpDbm: 'dBm',
  rssiDbm: 'dBm',
  nrRsrpDbm: 'dBm',
  rsrqDb: 'dB',
  sinrDb: 'dB',
  nrSinrDb: 'dB',
  bars: 'bars',
  strengthDb: 'dB',
  satellitesUsed: 'sats',
  hdop: 'HDOP',
  latencyMs: 'ms',
  jitterMs: 'ms',
  lossPct: '%',
};

/** What each kind of link charts: its signal, and its path when probed. */
function chartsFor(link: LinkStatus): { signal: HistoryMetric[]; path: HistoryMetric[] } {
  const signal: HistoryMetric[] = link.cellular
    ? link.cellular.technology?.value === 'nr5g-nsa'
      ? ['rsrpDbm', 'nrRsrpDbm', 'sinrDb']
      : ['rsrpDbm', 'sinrDb']
    : link.hf
      ? ['strengthDb']
      : link.sbd
        ? ['bars']
        : link.gnss
          ? ['satellitesUsed', 'hdop']
          : [];
  return { signal, path: link.path ? ['latencyMs', 'lossPct'] : [] };
}

function Chart({ link, metrics, range, title }: { link: LinkStatus; metrics: HistoryMetric[]; range: HistoryRange; title: string }) {
  const { t, i18n } = useTranslation();
  const { series, error } = useHistory(link.id, metrics, range);
  // Keyed by the metric names, not the array: the panel re-renders every second and the chart must not be rebuilt each time.
  const key = metrics.join(',');
  const lines = useMemo<ChartSeries[]>(
    () =>
      series
        ? (key.split(',') as HistoryMetric[]).map((metric, i) => ({
            label: t(`metric.${metric}`),
            values: series.values[metric] ?? [],
            color: COLORS[i % COLORS.length]!,
            unit: UNITS[metric],
          }))
        : [],
    [series, key, t],
  );
  const empty = series !== undefined && lines.every((l) => l.values.every((v) => v === null));
  return (
    <figure className="history-chart">
      <figcaption>{title}</figcaption>
      {error ? <ErrorText error={error} template="history.loadFailed" /> : null}
      {series ? <TimeChart at={series.at} series={lines} language={i18n.language} testId={`chart-${metrics[0]}`} /> : null}
      {empty ? <p className="view-message chart-empty">{t('history.noData')}</p> : null}
    </figure>
  );
}

/** Charts of the last hour or day and the state timeline of one link. */
export function LinkHistoryPanel({ link, coreNow, onClose }: { link: LinkStatus; coreNow: number; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const clock = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  const [range, setRange] = useState<HistoryRange>('hour');
  const events = useLinkEvents(link.id);
  const charts = chartsFor(link);
  return (
    <section className="history-panel" aria-label={t('history.title', { name: link.name })} data-testid="history-panel">
      <header className="history-head">
        <h2>{t('history.title', { name: link.name })}</h2>
        <div className="segmented" role="group">
          {(['hour', 'day', 'week'] as HistoryRange[]).map((r) => (
            <button key={r} type="button" className={range === r ? 'selected' : ''} aria-pressed={range === r} onClick={() => setRange(r)}>
              {t(`history.${r}`)}
            </button>
          ))}
        </div>
        <button type="button" className="icon-button text" onClick={onClose}>
          {t('history.close')}
        </button>
      </header>
      <div className="history-charts">
        {charts.signal.length > 0 ? (
          <Chart key={`${link.id}-signal`} link={link} metrics={charts.signal} range={range} title={t('history.signal')} />
        ) : null}
        {charts.path.length > 0 ? (
          <Chart key={`${link.id}-path`} link={link} metrics={charts.path} range={range} title={t('history.path')} />
        ) : null}
      </div>
      <div className="timeline">
        <h3>{t('history.events')}</h3>
        {events.length === 0 ? <p className="view-message">{t('history.noEvents')}</p> : null}
        <ol data-testid="timeline">
          {events.map((e) => (
            <li key={`${e.at}-${e.to}`}>
              <time dateTime={new Date(e.at).toISOString()}>{clock.format(e.at)}</time>
              <span className="ago">{formatAge(t, coreNow - e.at)}</span>
              <span className={`mini-pill state-${e.from}`}>{t(`state.${e.from}`)}</span>→
              <span className={`mini-pill state-${e.to}`}>{t(`state.${e.to}`)}</span>
              <span className="timeline-reason">
                {t(`reason.${e.reason.code}`)}
                {e.reason.detail ? ` — ${e.reason.detail}` : ''}
              </span>
            </li>
          ))}
        </ol>
      </div>
    </section>
  );
}
