import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryMetric, HistoryRange } from '../../../protocol/api/history';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import { seriesStyle } from '../../charts/chartFormat';
import { TimeChart, type ChartSeries } from '../../charts/TimeChart';
import { useHistory, useLinkEvents } from '../../hooks/useHistory';
import { formatAge } from './format';
import { stateWhy, type Phrase } from './linkWhy';
import { ErrorText } from '../../frame/ErrorText';

/** Each metric's scale (and unit label key, `chart.unit.<unit>`) and whether it counts things. */
const UNITS: Record<HistoryMetric, { unit: string; whole?: boolean }> = {
  rsrpDbm: { unit: 'dBm' },
  rssiDbm: { unit: 'dBm' },
  nrRsrpDbm: { unit: 'dBm' },
  rsrqDb: { unit: 'dB' },
  sinrDb: { unit: 'dB' },
  nrSinrDb: { unit: 'dB' },
  bars: { unit: 'bars', whole: true },
  strengthDb: { unit: 'dBS9' },
  satellitesUsed: { unit: 'sats', whole: true },
  hdop: { unit: 'hdop' },
  latencyMs: { unit: 'ms' },
  jitterMs: { unit: 'ms' },
  lossPct: { unit: 'pct' },
};

type SignalKind = 'cellular' | 'sbd' | 'hf' | 'gnss';

/** What each kind of link charts: its signal (titled for what it shows), and its path when probed. */
function chartsFor(link: LinkStatus): { kind: SignalKind | undefined; signal: HistoryMetric[]; path: HistoryMetric[] } {
  const path: HistoryMetric[] = link.path ? ['latencyMs', 'lossPct'] : [];
  if (link.cellular)
    return {
      kind: 'cellular',
      signal: link.cellular.technology?.value === 'nr5g-nsa' ? ['rsrpDbm', 'nrRsrpDbm', 'sinrDb'] : ['rsrpDbm', 'sinrDb'],
      path,
    };
  if (link.hf) return { kind: 'hf', signal: ['strengthDb'], path };
  if (link.sbd) return { kind: 'sbd', signal: ['bars'], path };
  if (link.gnss) return { kind: 'gnss', signal: ['satellitesUsed', 'hdop'], path };
  return { kind: undefined, signal: [], path };
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
            label: t(`chart.metric.${metric}`),
            values: series.values[metric] ?? [],
            ...seriesStyle(i),
            unit: UNITS[metric].unit,
            unitLabel: t(`chart.unit.${UNITS[metric].unit}`),
            whole: UNITS[metric].whole ?? false,
          }))
        : [],
    [series, key, t],
  );
  const empty = series !== undefined && lines.every((l) => l.values.every((v) => v === null));
  return (
    <figure className="history-chart">
      <figcaption>{title}</figcaption>
      {error ? <ErrorText error={error} template="history.loadFailed" /> : null}
      {series ? (
        <TimeChart at={series.at} series={lines} language={i18n.language} timeLabel={t('chart.time')} testId={`chart-${metrics[0]}`} />
      ) : null}
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
  const panel = useRef<HTMLElement>(null);
  // Opened below the tiles, usually out of sight: bring it into view when a link is chosen.
  useEffect(() => {
    panel.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
  }, [link.id]);
  const say = (phrase: Phrase) => t(phrase.key, phrase.params ?? {});
  return (
    <section ref={panel} className="history-panel" aria-label={t('history.title', { name: link.name })} data-testid="history-panel">
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
          <Chart key={`${link.id}-signal`} link={link} metrics={charts.signal} range={range} title={t(`chart.title.${charts.kind}`)} />
        ) : null}
        {charts.path.length > 0 ? (
          <Chart key={`${link.id}-path`} link={link} metrics={charts.path} range={range} title={t('chart.title.path')} />
        ) : null}
      </div>
      <div className="timeline">
        <h3>{t('history.events')}</h3>
        {events.length === 0 ? <p className="view-message">{t('history.noEvents')}</p> : null}
        <ol data-testid="timeline">
          {events.map((e) => {
            const why = stateWhy(e.to, e.reason);
            // Up with a device problem: say the probes carried it, so "Unknown → Up" never reads "connecting".
            const text = why.note ? t('linkWhy.upDespite', { why: say(why.lead) }) : say(why.lead);
            return (
              <li key={`${e.at}-${e.to}`}>
                <time dateTime={new Date(e.at).toISOString()}>{clock.format(e.at)}</time>
                <span className="ago">{formatAge(t, coreNow - e.at)}</span>
                <span className={`mini-pill state-${e.from}`} data-state-word="">
                  {t(`state.${e.from}`)}
                </span>
                →
                <span className={`mini-pill state-${e.to}`} data-state-word="">
                  {t(`state.${e.to}`)}
                </span>
                <span className="timeline-reason" data-testid="timeline-reason">
                  {text}
                  {why.detail ? ` — ${why.detail}` : ''}
                  {why.recovery ? ` · ${say(why.recovery)}` : ''}
                </span>
              </li>
            );
          })}
        </ol>
      </div>
    </section>
  );
}
