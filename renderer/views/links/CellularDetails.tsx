import { useTranslation } from 'react-i18next';
import type { CellularRadio, NumberMetric, TextMetric } from '../../../protocol/links/linkStatus';
import { formatSigned } from './format';
import { SignalBars } from './SignalBars';

function Value({ label, metric, unit, testId }: { label: string; metric: NumberMetric | TextMetric | undefined; unit?: string; testId: string }) {
  const { t } = useTranslation();
  if (!metric) return null;
  const text = typeof metric.value === 'number' ? formatSigned(metric.value, Number.isInteger(metric.value) ? 0 : 1) : metric.value;
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
        {main ? (
          <div className={`signal-value${main.metric.stale ? ' stale' : ''}`} title={main.metric.stale ? t('links.staleValue') : undefined}>
            <span className="number" data-testid="signal-value">
              {formatSigned(main.metric.value)}
            </span>
            <span className="unit">dBm</span>
            <span className="label">{t(`metric.${main.label}`)}</span>
            {main.metric.stale ? <span className="stale-tag">{t('links.staleValue')}</span> : null}
          </div>
        ) : (
          <div className="signal-value none">{t('links.noSignal')}</div>
        )}
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
        {main?.label !== 'rsrp' ? <Value label={t('metric.rsrp')} metric={radio.rsrpDbm} unit="dBm" testId="rsrp" /> : null}
        <Value label={t('metric.rsrq')} metric={radio.rsrqDb} unit="dB" testId="rsrq" />
        <Value label={t('metric.sinr')} metric={radio.sinrDb} unit="dB" testId="sinr" />
        {main?.label !== 'rssi' ? <Value label={t('metric.rssi')} metric={radio.rssiDbm} unit="dBm" testId="rssi" /> : null}
        {main?.label !== 'nrRsrp' ? <Value label={t('metric.nrRsrp')} metric={radio.nrRsrpDbm} unit="dBm" testId="nr-rsrp" /> : null}
        <Value label={t('metric.nrSinr')} metric={radio.nrSinrDb} unit="dB" testId="nr-sinr" />
        <Value label={t('metric.band')} metric={radio.band} testId="band" />
        <Value label={t('metric.cell')} metric={radio.cellId} testId="cell" />
      </dl>
    </>
  );
}
