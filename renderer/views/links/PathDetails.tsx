import { useTranslation } from 'react-i18next';
import type { PathHealth } from '../../../protocol/links/path';
import { Headline } from './MetricValue';

const ms = (v: number) => `${Math.round(v)} ms`;

/** For a link known only by its path: RTT as the headline. */
export function PathHeadline({ path }: { path: PathHealth }) {
  const { t } = useTranslation();
  return (
    <div className="signal-row">
      <Headline
        value={path.latencyMs ? String(Math.round(path.latencyMs.value)) : undefined}
        unit="ms"
        label={t('path.rtt')}
        stale={path.latencyMs?.stale ?? false}
        testId="signal-value"
        note={t('links.noSignal')}
      />
    </div>
  );
}

/**
 * The probes' figures in one line: RTT · jitter · loss, and lost probes if any. With
 * `otherPath` (the device calls the link down while the probes answer) the line says the
 * probes went by another route, so healthy figures never sit unexplained beside "Down".
 */
export function PathLine({ path, otherPath = false }: { path: PathHealth; otherPath?: boolean }) {
  const { t } = useTranslation();
  const stale = path.latencyMs?.stale ?? path.lossPct?.stale ?? false;
  const parts = [
    path.latencyMs ? `${t('path.rtt')} ${ms(path.latencyMs.value)}` : undefined,
    path.jitterMs ? `${t('path.jitter')} ${ms(path.jitterMs.value)}` : undefined,
    path.lossPct ? `${t('path.loss')} ${Math.round(path.lossPct.value)} %` : undefined,
  ].filter(Boolean);
  return (
    <div
      className={`path-line${stale ? ' stale' : ''}${otherPath ? ' other-path' : ''}`}
      title={otherPath ? t('linkWhy.otherPathHint', { target: path.target }) : t('links.pathTo', { target: path.target })}
      data-testid="path"
    >
      <span className="path-label">{path.method === 'udp-echo' ? 'UDP' : 'TCP'}</span>
      <span>{parts.length > 0 ? parts.join(' · ') : '—'}</span>
      {path.lostInARow > 0 ? <span className="path-lost">{t('path.lostInARow', { count: path.lostInARow })}</span> : null}
      {otherPath ? (
        <span className="path-other" data-testid="path-other">
          {t('linkWhy.otherPath')}
        </span>
      ) : null}
    </div>
  );
}
