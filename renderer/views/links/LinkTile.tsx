import { useTranslation } from 'react-i18next';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import { CellularDetails } from './CellularDetails';
import { formatAge, formatDuration } from './format';
import { GnssDetails } from './GnssDetails';
import { HfDetails } from './HfDetails';
import { PathHeadline, PathLine } from './PathDetails';
import { SbdDetails } from './SbdDetails';
import { probesTakeAnotherPath, stateWhy, type Phrase } from './linkWhy';

/** Newest time any of the link's values was seen. */
function lastSeen(link: LinkStatus): number | undefined {
  const sections = [link.cellular, link.sbd, link.hf, link.gnss, link.path].filter((s) => s !== undefined);
  const times = sections.flatMap((section) =>
    Object.values(section).flatMap((m) => (typeof m === 'object' && m !== null && 'at' in m ? [(m as { at: number }).at] : [])),
  );
  return times.length > 0 ? Math.max(...times) : undefined;
}

function FamilyDetails({ link, coreNow }: { link: LinkStatus; coreNow: number }) {
  if (link.cellular) return <CellularDetails radio={link.cellular} />;
  if (link.sbd) return <SbdDetails radio={link.sbd} coreNow={coreNow} />;
  if (link.hf) return <HfDetails radio={link.hf} />;
  if (link.gnss) return <GnssDetails fix={link.gnss} />;
  if (link.path) return <PathHeadline path={link.path} />;
  return null;
}

interface LinkTileProps {
  link: LinkStatus;
  coreNow: number;
  selected: boolean;
  onSelect: (id: string) => void;
}

/** One link: state in colour and words, what the device reports, and how old that is. */
export function LinkTile({ link, coreNow, selected, onSelect }: LinkTileProps) {
  const { t } = useTranslation();
  const seen = lastSeen(link);
  const device = [t(`kind.${link.kind}`), [link.device.manufacturer, link.device.model].filter(Boolean).join(' ')]
    .filter(Boolean)
    .join(' · ');
  const why = stateWhy(link.state, link.reason, link.path);
  const say = (phrase: Phrase) => t(phrase.key, phrase.params ?? {});
  return (
    <article
      className={`link-tile state-${link.state}${selected ? ' selected' : ''}`}
      data-testid="link-tile"
      data-link-id={link.id}
      data-state={link.state}
      aria-label={link.name}
      aria-pressed={selected}
      role="button"
      tabIndex={0}
      title={t('links.open')}
      onClick={() => onSelect(link.id)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === ' ') {
          event.preventDefault();
          onSelect(link.id);
        }
      }}
    >
      <header className="tile-head">
        <div className="tile-title">
          <h2 className="tile-name">{link.name}</h2>
          <div className="tile-device" title={link.device.address}>
            {device}
          </div>
        </div>
        <span className="state-pill" data-testid="state" data-state-word="">
          <span className="dot" />
          {t(`state.${link.state}`)}
        </span>
      </header>
      <FamilyDetails link={link} coreNow={coreNow} />
      {link.path ? <PathLine path={link.path} otherPath={probesTakeAnotherPath(link.state, link.reason, link.path)} /> : null}
      <footer className="tile-foot">
        {/* The why leads; what qualifies it, the device's own words and the way back follow, smaller. */}
        <div className="reason" data-testid="reason">
          <span className="reason-lead">{say(why.lead)}</span>
          {why.note ? <span className="reason-note">{say(why.note)}</span> : null}
          {why.detail ? <span className="reason-detail">{why.detail}</span> : null}
          {why.recovery ? (
            <span className="reason-recovery" data-testid="recovery">
              {say(why.recovery)}
            </span>
          ) : null}
        </div>
        <div className="foot-row">
          <span className="since">{t('links.since', { duration: formatDuration(t, coreNow - link.since) })}</span>
          <span className="age" data-testid="age">
            {link.metered ? <span className="metered">{t('links.metered')}</span> : null}
            {seen !== undefined ? t('links.updated', { age: formatAge(t, coreNow - seen) }) : null}
          </span>
        </div>
      </footer>
    </article>
  );
}
