import { useTranslation } from 'react-i18next';
import type { HfRadio } from '../../../protocol/links/hf';
import { formatFrequency, formatSigned, sUnits } from './format';
import { Headline, MetricValue } from './MetricValue';

/** S-meter as a bar: S0 … S9 fills 60 %, S9+60 the rest. */
function SMeter({ strengthDb, stale }: { strengthDb: number | undefined; stale: boolean }) {
  const fill =
    strengthDb === undefined ? 0 : strengthDb < 0 ? Math.max(0, (54 + strengthDb) / 54) * 60 : 60 + Math.min(60, strengthDb) * (40 / 60);
  return (
    <span className={`s-meter${stale ? ' stale' : ''}`} role="img" aria-label={strengthDb === undefined ? undefined : sUnits(strengthDb)}>
      <span className="s-meter-fill" style={{ width: `${fill.toFixed(1)}%` }} />
    </span>
  );
}

/** An HF radio: frequency, mode, S-meter, PTT. */
export function HfDetails({ radio }: { radio: HfRadio }) {
  const { t } = useTranslation();
  const frequency = radio.frequencyHz;
  const strength = radio.strengthDb;
  const off = radio.powerOn && !radio.powerOn.stale && !radio.powerOn.value;
  return (
    <>
      <div className="signal-row">
        <Headline
          value={frequency ? formatFrequency(frequency.value) : undefined}
          stale={frequency?.stale ?? false}
          testId="signal-value"
          note={off ? t('hf.powerOff') : t('links.noSignal')}
        />
      </div>
      <div className="network-row">
        {radio.mode ? (
          <span className={`tech-badge tech-hf${radio.mode.stale ? ' stale' : ''}`} data-testid="hf-mode">
            {radio.mode.value}
            {radio.passbandHz ? ` ${t('hf.passband', { khz: (radio.passbandHz.value / 1000).toFixed(1) })}` : ''}
          </span>
        ) : null}
        {radio.ptt ? (
          <span className={`ptt-badge ${radio.ptt.value ? 'tx' : 'rx'}`} data-testid="hf-ptt">
            {radio.ptt.value ? t('hf.tx') : t('hf.rx')}
          </span>
        ) : null}
        {off ? <span className="roaming-badge">{t('hf.powerOff')}</span> : null}
      </div>
      <div className="s-meter-row">
        <span className="s-meter-label">{t('hf.sMeter')}</span>
        <SMeter strengthDb={strength?.value} stale={strength?.stale ?? true} />
        <span className="s-meter-value" data-testid="hf-smeter">
          {strength ? `${sUnits(strength.value)} (${formatSigned(strength.value)} dB)` : '—'}
        </span>
      </div>
      <dl className="metrics">
        <MetricValue label={t('hf.rfPower')} metric={radio.rfPower} testId="hf-power" format={(v: number) => `${Math.round(v * 100)} %`} />
      </dl>
    </>
  );
}
