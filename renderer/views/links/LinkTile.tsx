import { useTranslation } from 'react-i18next';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import { CellularDetails } from './CellularDetails';
import { formatAge, formatDuration } from './format';

/** Newest time any of the link's values was seen. */
function lastSeen(link: LinkStatus): number | undefined {
  const times = Object.values(link.cellular ?? {}).map((m) => m.at);
  return times.length > 0 ? Math.max(...times) : undefined;
}

/** One link: state in colour and words, what the device reports, and how old that is. */
export function LinkTile({ link, coreNow }: { link: LinkStatus; coreNow: number }) {
  const { t } = useTranslation();
  const seen = lastSeen(link);
  const device = [t(`kind.${link.kind}`), [link.device.manufacturer, link.device.model].filter(Boolean).join(' ')].filter(Boolean).join(' · ');
  return (
    <article className={`link-tile state-${link.state}`} data-testid="link-tile" data-link-id={link.id} data-state={link.state} aria-label={link.name}>
      <header className="tile-head">
        <div>
          <h2 className="tile-name">{link.name}</h2>
          <div className="tile-device" title={link.device.address}>
            {device}
          </div>
        </div>
        <span className="state-pill" data-testid="state">
          <span className="dot" />
          {t(`state.${link.state}`)}
        </span>
      </header>
      {link.cellular ? <CellularDetails radio={link.cellular} /> : null}
      <footer className="tile-foot">
        <div className="reason" data-testid="reason">
          {t(`reason.${link.reason.code}`)}
          {link.reason.detail && link.reason.code !== 'ok' ? <span className="reason-detail">{link.reason.detail}</span> : null}
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
