import { useTranslation } from 'react-i18next';
import type { SbdRadio } from '../../../protocol/links/sbd';
import { formatAge } from './format';
import { Headline, MetricValue } from './MetricValue';
import { SignalBars } from './SignalBars';

/** An Iridium SBD unit: bars, service, antenna, and how the last session went. */
export function SbdDetails({ radio, coreNow }: { radio: SbdRadio; coreNow: number }) {
  const { t } = useTranslation();
  const session = radio.lastSession;
  const bars = radio.bars;
  return (
    <>
      <div className="signal-row">
        <SignalBars bars={bars?.value} stale={!bars || bars.stale} />
        <Headline
          value={bars ? String(bars.value) : undefined}
          unit="/ 5"
          label={t('metric.bars', { bars: bars?.value ?? 0 })}
          stale={bars?.stale ?? false}
          testId="signal-value"
          note={t('links.noSignal')}
        />
      </div>
      <div className="network-row">
        {session ? (
          <span
            className={`session-badge ${session.value.outcome === 'success' ? 'ok' : 'bad'}${session.stale ? ' stale' : ''}`}
            data-testid="sbd-session"
          >
            {t('sbd.lastSession')}: {t(`outcome.${session.value.outcome}`)} · {formatAge(t, coreNow - session.at)}
          </span>
        ) : (
          <span className="operator">{t('sbd.never')}</span>
        )}
        {radio.ringPending?.value ? <span className="roaming-badge">{t('sbd.ring')}</span> : null}
      </div>
      <dl className="metrics">
        <MetricValue
          label={t('sbd.service')}
          metric={radio.service}
          testId="sbd-service"
          format={(v: boolean) => (v ? t('sbd.serviceYes') : t('sbd.serviceNo'))}
        />
        <MetricValue
          label={t('sbd.antenna')}
          metric={radio.antennaFault}
          testId="sbd-antenna"
          format={(v: boolean) => (v ? t('sbd.antennaFault') : t('sbd.antennaOk'))}
        />
        <MetricValue label="IMEI" metric={radio.imei} testId="sbd-imei" />
      </dl>
    </>
  );
}
