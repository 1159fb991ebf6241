import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { CLOCK_OFFSET_WARN_MS, isMeasuredQuality, type GnssFix } from '../../../protocol/links/gnss';
import { formatDuration, formatLatLon, formatSpeed } from './format';
import { Headline, MetricValue } from './MetricValue';

/** "0.4 s" under ten seconds, else "12 min", "2 h 5 min". */
function formatOffset(t: TFunction, ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : formatDuration(t, ms);
}

/**
 * A GNSS receiver: fix, satellites, where, how fast, which way; whether the position was
 * measured (a simulated or estimated one is said so), and how far the system clock is off
 * GNSS time, with a warning past a few seconds (report and log time stamps depend on it).
 */
export function GnssDetails({ fix }: { fix: GnssFix }) {
  const { t } = useTranslation();
  const quality = fix.quality && !fix.quality.stale ? fix.quality.value : undefined;
  const unmeasured = quality !== undefined && !isMeasuredQuality(quality) ? quality : undefined;
  const offset = fix.clockOffsetMs && !fix.clockOffsetMs.stale ? fix.clockOffsetMs.value : undefined;
  const offsetText = offset === undefined ? '' : formatOffset(t, Math.abs(offset));
  const { latitude, longitude } = fix;
  const located = latitude && longitude && fix.fixMode && fix.fixMode.value !== 'none';
  const stale = (latitude?.stale ?? true) || (longitude?.stale ?? true);
  return (
    <>
      <div className="signal-row">
        <Headline
          value={located ? formatLatLon(latitude.value, longitude.value) : undefined}
          stale={stale}
          testId="signal-value"
          note={t('gnss.fix.none')}
          compact
        />
      </div>
      <div className="network-row">
        {fix.fixMode ? (
          <span className={`tech-badge fix-${fix.fixMode.value}${fix.fixMode.stale ? ' stale' : ''}`} data-testid="gnss-fix">
            {t(`gnss.fix.${fix.fixMode.value}`)}
          </span>
        ) : null}
        <span className="operator" data-testid="gnss-sats">
          {fix.satellitesUsed
            ? t('gnss.satellitesValue', { used: fix.satellitesUsed.value, seen: fix.satellitesVisible?.value ?? '?' })
            : ''}
        </span>
      </div>
      <dl className="metrics">
        <MetricValue label={t('gnss.speed')} metric={fix.speedMps} testId="gnss-speed" format={formatSpeed} />
        <MetricValue label={t('gnss.heading')} metric={fix.headingDeg} testId="gnss-heading" format={(v: number) => `${Math.round(v)}°`} />
        <MetricValue label={t('gnss.hdop')} metric={fix.hdop} testId="gnss-hdop" format={(v: number) => v.toFixed(1)} />
        <MetricValue label={t('gnss.altitude')} metric={fix.altitudeM} testId="gnss-alt" format={(v: number) => `${Math.round(v)} m`} />
        <MetricValue
          label={t('gnss.clock')}
          metric={fix.clockOffsetMs}
          testId="gnss-clock"
          format={(v: number) => t(v >= 0 ? 'gnss.clockAhead' : 'gnss.clockBehind', { offset: formatOffset(t, Math.abs(v)) })}
        />
      </dl>
      {unmeasured ? (
        <p className="reason" data-testid="gnss-unmeasured">
          {t(`gnss.unmeasured.${unmeasured}`)}
        </p>
      ) : null}
      {offset !== undefined && Math.abs(offset) > CLOCK_OFFSET_WARN_MS ? (
        <p className="reason" role="alert" data-testid="gnss-clock-warning">
          {t('gnss.clockWarning', { offset: offsetText })}
        </p>
      ) : null}
    </>
  );
}
