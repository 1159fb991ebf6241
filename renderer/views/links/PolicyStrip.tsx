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
  /** "hh:mm" since when the core is out of reach: the strip is then last known, greyed and locked. */
  staleAt?: string | undefined;
}

function Decision({ decision, links, settings, onChange, staleAt }: { decision: ClassDecision } & PolicyStripProps) {
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
        {held ? <span data-state-word="">{t('policy.held')}</span> : (link?.name ?? decision.linkId)}
        {!held ? <span className="policy-budget">{formatKbps(decision.budgetKbps)}</span> : null}
      </div>
      <div className="policy-reason">{t(`policy.reason.${decision.reason}`, { detail: decision.detail ?? '' })}</div>
      <select
        className="policy-pin"
        aria-label={t('policy.pin', { class: label })}
        value={settings.pins[decision.trafficClass] ?? ''}
        disabled={staleAt !== undefined}
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
    <section
      className={`policy-strip${props.staleAt ? ' stale' : ''}`}
      aria-label={t('policy.title')}
      title={props.staleAt ? t('stale.hint', { time: props.staleAt }) : t('policy.hint')}
      data-testid="policy-strip"
    >
      <div className="policy-head">
        <h2>{t('policy.title')}</h2>
        {props.staleAt ? (
          <span className="stale-mark" data-testid="policy-stale">
            {t('stale.since', { time: props.staleAt })}
          </span>
        ) : null}
        <label className="switch">
          <input
            type="checkbox"
            checked={props.settings.allowMeteredBulk}
            disabled={props.staleAt !== undefined}
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
