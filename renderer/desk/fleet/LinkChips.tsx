import { useTranslation } from 'react-i18next';
import type { LinkSummary } from '../../../protocol/sync/exchange';
import { Tone, type ToneName } from '../common/Tone';

const TONE: Record<LinkSummary['state'], ToneName> = { up: 'up', degraded: 'degraded', down: 'down', unknown: 'unknown' };

/** Each link the vehicle last reported: its name, kind and state in words. */
export function LinkChips({ links, compact = false }: { links: LinkSummary[]; compact?: boolean }) {
  // compact: the fleet table's narrower column
  const { t } = useTranslation();
  if (links.length === 0) return <span className="cell-muted">{t('desk.links.none')}</span>;
  return (
    <ul className={`link-chips${compact ? ' compact' : ''}`}>
      {links.map((link) => {
        const kind = t(`kind.${link.kind}`, { defaultValue: link.kind });
        const state = t(`state.${link.state}`);
        const latency = link.latencyMs !== undefined ? ` · ${Math.round(link.latencyMs)} ms` : '';
        return (
          <li key={link.id} title={`${link.name} · ${kind} · ${state}${latency}`}>
            <Tone tone={TONE[link.state]}>
              <span className="link-chip-kind">{link.name}</span>
              <span className="link-chip-sub">{kind}</span>
              <span className="link-chip-state">{state}</span>
            </Tone>
          </li>
        );
      })}
    </ul>
  );
}
