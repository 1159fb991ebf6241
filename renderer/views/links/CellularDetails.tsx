import { useTranslation } from 'react-i18next';
import type { CellularRadio, NumberMetric } from '../../../protocol/links/linkStatus';
import { formatSigned } from './format';
import { Headline, MetricValue } from './MetricValue';
import { SignalBars } from './SignalBars';

/** The headline signal: NR RSRP for EN-DC, else RSRP, else RSSI from +CSQ. */
function headline(radio: CellularRadio): { label: string; metric: NumberMetric } | undefined {
  if (radio.technology?.value === 'nr5g-nsa' && radio.nrRsrpDbm) return { label: 'nrRsrp', metric: radio.nrRsrpDbm };
  if (radio.rsrpDbm) return { label: 'rsrp', metric: radio.rsrpDbm };
  if (radio.rssiDbm) return { label: 'rssi', metric: radio.rssiDbm };
  return undefined;
}

export function CellularDetails({ radio }: { radio: CellularRadio }) {
  const { t } = useTranslation();
  const main = headline(radio);
  const technology = radio.technology;
  const roaming = radio.registration?.value === 'roaming' && !radio.registration.stale;
  return (
    <>
      <div className="signal-row">
        <SignalBars bars={radio.bars?.value} stale={radio.bars === undefined} />
        <Headline
          value={main ? formatSigned(main.metric.value) : undefined}
          unit="dBm"
          label={main ? t(`metric.${main.label}`) : undefined}
          stale={main?.metric.stale ?? false}
          testId="signal-value"
          note={t('links.noSignal')}
        />
      </div>
      <div className="network-row">
        {technology ? (
          <span className={`tech-badge tech-${technology.value}${technology.stale ? ' stale' : ''}`} data-testid="technology">
            {t(`tech.${technology.value}`)}
          </span>
        ) : null}
        <span className="operator" data-testid="operator">
          {[radio.operatorName?.value, radio.plmn?.value].filter(Boolean).join(' · ')}
        </span>
        {roaming ? <span className="roaming-badge">{t('registration.roaming')}</span> : null}
      </div>
      <dl className="metrics">
        {main?.label !== 'rsrp' ? <MetricValue label={t('metric.rsrp')} metric={radio.rsrpDbm} unit="dBm" testId="rsrp" /> : null}
        <MetricValue label={t('metric.rsrq')} metric={radio.rsrqDb} unit="dB" testId="rsrq" />
        <MetricValue label={t('metric.sinr')} metric={radio.sinrDb} unit="dB" testId="sinr" />
        {main?.label !== 'rssi' ? <MetricValue label={t('metric.rssi')} metric={radio.rssiDbm} unit="dBm" testId="rssi" /> : null}
        {main?.label !== 'nrRsrp' ? <MetricValue label={t('metric.nrRsrp')} metric={radio.nrRsrpDbm} unit="dBm" testId="nr-rsrp" /> : null}
        <MetricValue label={t('metric.nrSinr')} metric={radio.nrSinrDb} unit="dB" testId="nr-sinr" />
        <MetricValue label={t('metric.band')} metric={radio.band} testId="band" />
        <MetricValue label={t('metric.cell')} metric={radio.cellId} testId="cell" />
        <MetricValue label={t('metric.pci')} metric={radio.pci} testId="pci" />
        <MetricValue
          label={t(radio.technology?.value === 'nr5g-sa' ? 'metric.nrArfcn' : 'metric.earfcn')}
          metric={radio.arfcn}
          testId="arfcn"
        />
      </dl>
    </>
  );
}
