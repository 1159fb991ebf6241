import { useTranslation } from 'react-i18next';
import type { GnssFix } from '../../../protocol/links/gnss';
import { formatLatLon, formatSpeed } from './format';
import { Headline, MetricValue } from './MetricValue';

/** A GNSS receiver: fix, satellites, where, how fast, which way. */
export function GnssDetails({ fix }: { fix: GnssFix }) {
  const { t } = useTranslation();
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
      </dl>
    </>
  );
}
