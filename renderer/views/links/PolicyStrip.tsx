import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../protocol/config/consoleConfig';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import { canCarry, type ClassDecision } from '../../../protocol/links/policy';
import { usePolicy } from '../../hooks/usePolicy';
import { formatKbps } from './format';

interface PolicyStripProps {
  links: readonly LinkStatus[];
  settings: Settings;
  onChange: (patch: Partial<Settings>) => void;
}

function Decision({ decision, links, settings, onChange }: { decision: ClassDecision } & PolicyStripProps) {
  const { t } = useTranslation();
  const link = links.find((l) => l.id === decision.linkId);
  const label = t(`policy.class.${decision.trafficClass}`);
  const held = decision.linkId === null;
  const warn = held || decision.reason === 'audio-only' || decision.reason === 'pin-unavailable' || decision.reason === 'only-sbd';
  const carriers = links.filter((l) => canCarry(decision.trafficClass, l) || settings.pins[decision.trafficClass] === l.id);
  return (
    <div
      className={`policy-class${held ? ' held' : ''}${warn ? ' warn' : ''}`}
      data-testid={`policy-${decision.trafficClass}`}
      data-policy-link={decision.linkId ?? ''}
    >
      <div className="policy-name">{label}</div>
      <div className="policy-link">
        {held ? t('policy.held') : (link?.name ?? decision.linkId)}
        {!held ? <span className="policy-budget">{formatKbps(decision.budgetKbps)}</span> : null}
      </div>
      <div className="policy-reason">{t(`policy.reason.${decision.reason}`, { detail: decision.detail ?? '' })}</div>
      <select
        className="policy-pin"
        aria-label={t('policy.pin', { class: label })}
        value={settings.pins[decision.trafficClass] ?? ''}
        onChange={(event) => {
          const pins = { ...settings.pins };
          if (event.target.value === '') delete pins[decision.trafficClass];
          else pins[decision.trafficClass] = event.target.value;
          onChange({ pins });
        }}
      >
        <option value="">{t('policy.auto')}</option>
        {carriers.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Which link carries what right now, with the operator's pins and the metered-bulk switch. */
export function PolicyStrip(props: PolicyStripProps) {
  const { t } = useTranslation();
  const policy = usePolicy();
  if (!policy) return null;
  return (
    <section className="policy-strip" aria-label={t('policy.title')} title={t('policy.hint')}>
      <div className="policy-head">
        <h2>{t('policy.title')}</h2>
        <label className="switch">
          <input
            type="checkbox"
            checked={props.settings.allowMeteredBulk}
            onChange={(event) => props.onChange({ allowMeteredBulk: event.target.checked })}
            data-testid="allow-metered-bulk"
          />
          {t('policy.allowMetered')}
        </label>
      </div>
      <div className="policy-classes">
        {policy.decisions.map((decision) => (
          <Decision key={decision.trafficClass} decision={decision} {...props} />
        ))}
      </div>
    </section>
  );
}
