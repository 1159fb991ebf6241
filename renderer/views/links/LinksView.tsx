import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Settings } from '../../../protocol/config/consoleConfig';
import type { LinkState } from '../../../protocol/links/linkStatus';
import { useConnection, useCore } from '../../api/coreContext';
import { useLinks } from '../../hooks/useLinks';
import { useNow } from '../../hooks/useNow';
import { LinkHistoryPanel } from './LinkHistoryPanel';
import { LinkTile } from './LinkTile';
import { PolicyStrip } from './PolicyStrip';
import { ErrorText } from '../../frame/ErrorText';
import { useStaleSince } from '../../hooks/useStaleSince';

const STATES: readonly LinkState[] = ['up', 'degraded', 'down', 'unknown'];

/** Every link of the vehicle, side by side, the policy over them, and one link's history. */
export function LinksView({ settings, onSettingsChange }: { settings: Settings; onSettingsChange: (patch: Partial<Settings>) => void }) {
  const { t, i18n } = useTranslation();
  const client = useCore();
  const { links, loaded, error } = useLinks();
  const connection = useConnection();
  const cutOff = loaded && connection !== 'open';
  const staleSince = useStaleSince();
  const staleAt =
    cutOff && staleSince !== undefined
      ? new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', hour12: false }).format(staleSince)
      : undefined;
  const [selected, setSelected] = useState<string | undefined>(undefined);
  const selectedLink = links.find((l) => l.id === selected);
  useNow(1000);
  const coreNow = client.coreNow();
  const counts = STATES.map((state) => ({ state, count: links.filter((l) => l.state === state).length })).filter((c) => c.count > 0);
  return (
    <section className="links-view" aria-labelledby="links-title">
      <div className="view-head">
        <h1 id="links-title">{t('links.title')}</h1>
        {/* Counts of a core out of reach are last known, not current: greyed, and marked so. */}
        <span
          className={`view-summary${staleAt ? ' stale' : ''}`}
          data-testid="links-summary"
          title={staleAt ? t('stale.hint', { time: staleAt }) : undefined}
        >
          {t('links.summary', { count: links.length })}
          {counts.map(({ state, count }) => (
            <span key={state} className={`count state-${state}`}>
              <span className="dot" />
              {count} <span data-state-word="">{t(`state.${state}`)}</span>
            </span>
          ))}
          {staleAt ? (
            <span className="stale-mark" data-testid="stale-since">
              {t('stale.since', { time: staleAt })}
            </span>
          ) : null}
        </span>
      </div>
      {error ? <ErrorText error={error} template="links.loadFailed" /> : null}
      {!loaded && !error ? <p className="view-message">{t('links.loading')}</p> : null}
      {loaded && links.length === 0 ? <p className="view-message">{t('links.none')}</p> : null}
      {cutOff ? (
        <p className="view-message warning" role="status" data-testid="cut-off">
          {t('links.cutOff')}
        </p>
      ) : null}
      {loaded && links.length > 0 ? <PolicyStrip links={links} settings={settings} onChange={onSettingsChange} staleAt={staleAt} /> : null}
      <div className={`tile-grid${cutOff ? ' cut-off' : ''}`}>
        {links.map((link) => (
          <LinkTile
            key={link.id}
            link={link}
            coreNow={coreNow}
            selected={link.id === selected}
            onSelect={(id) => setSelected((current) => (current === id ? undefined : id))}
          />
        ))}
      </div>
      {selectedLink ? <LinkHistoryPanel link={selectedLink} coreNow={coreNow} onClose={() => setSelected(undefined)} /> : null}
    </section>
  );
}
