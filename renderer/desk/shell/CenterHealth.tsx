import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { Tone } from '../common/Tone';
import { useSpan } from '../common/useSpan';
import { clockSeconds } from '../deskTime';
import { useDesk } from '../live/deskContext';
import { mediaStateText } from '../../i18n/mediaStateText';

/** The center's own state: does it answer, when did a vehicle last sync (ingest), is live media on and if not why. */
export function CenterHealth() {
  const { t } = useTranslation();
  const { me, vehicles, answeredAt, problem } = useDesk();
  const now = useNow(5000);
  const { ago } = useSpan();
  const lastIngest = vehicles.reduce<number | null>(
    (max, v) => (v.lastContactAt !== null && (max === null || v.lastContactAt > max) ? v.lastContactAt : max),
    null,
  );
  const media = me.center.media;
  return (
    <div className="center-health" data-testid="center-health">
      {problem ? (
        <Tone tone="down" title={problem.detail} testId="center-answer">
          {t('desk.health.unreachable', { reason: t(problem.key) })}
        </Tone>
      ) : (
        <Tone tone="up" testId="center-answer">
          {answeredAt !== null ? t('desk.health.answered', { time: clockSeconds(answeredAt) }) : t('desk.health.connecting')}
        </Tone>
      )}
      <Tone tone={lastIngest === null ? 'unknown' : 'info'} title={t('desk.health.ingestHint')}>
        {lastIngest === null ? t('desk.health.ingestNone') : t('desk.health.ingest', { ago: ago(now - lastIngest) })}
      </Tone>
      <Tone tone={media.on ? 'up' : 'degraded'} title={media.reason ?? undefined} testId="center-media">
        {mediaStateText(t, media)}
      </Tone>
    </div>
  );
}
