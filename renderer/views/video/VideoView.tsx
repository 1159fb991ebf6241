import { useTranslation } from 'react-i18next';
import { useMedia } from '../../media/mediaContext';
import { formatBytes } from '../messages/format';
import { QualityTable } from './QualityTable';
import { TrackView } from './TrackView';
import { ErrorText } from '../../frame/ErrorText';
import { useSyncStatus } from '../../hooks/useSyncStatus';
import { useCenterMedia } from '../../hooks/useCenterMedia';

const STATE_TONE = {
  off: 'unknown',
  idle: 'unknown',
  connecting: 'degraded',
  live: 'up',
  recovering: 'degraded',
  closed: 'unknown',
} as const;

/** Live audio/video to the command center: preview, devices, what is sent and received, and how well. */
export function VideoView() {
  const { t } = useTranslation();
  const [media, controller] = useMedia();
  const sync = useSyncStatus();
  const on = media.state !== 'off' && media.state !== 'closed';
  // Live video goes through the center's media server: without a center there is nowhere to go.
  const noCenter = sync?.state === 'not-configured';
  // ... nor to a center that runs no media server: say so before the crew presses the button.
  const centerMedia = useCenterMedia();
  const notLive = noCenter
    ? t('video.noCenter')
    : centerMedia?.state === 'off'
      ? centerMedia.code
        ? t(`errors.media.${centerMedia.code}`)
        : t('video.centerNoMedia', { why: centerMedia.reason ?? '' })
      : undefined;
  const sourceName = (key: string) => (key === 'camera' || key === 'mic' || key === 'screen' ? t(`video.source.${key}`) : key);
  const rows = [
    ...(['camera', 'mic', 'screen'] as const)
      .filter((s) => media.local[s])
      .map((s) => ({ key: s, name: sourceName(s), quality: media.quality[s] })),
    ...media.remote.map((r) => ({
      key: r.consumerId,
      name: t('video.remote', { peer: r.peerId.replace(/^staff:/, ''), kind: t(`video.kind.${r.kind}`) }),
      quality: media.quality[r.consumerId],
    })),
  ];
  const audioOnlyNotice = media.plan.audioOnly && media.plan.reason ? t(`video.audioOnly.${media.plan.reason}`) : null;

  return (
    <section className="video-view">
      <header className="view-head">
        <h1>{t('video.title')}</h1>
        <span
          className={`state-chip tone-${STATE_TONE[media.state]}`}
          data-testid="media-state"
          data-state={media.state}
          data-state-word=""
        >
          {t(`video.state.${media.state}`)}
        </span>
        {media.linkName && on ? <span className="view-summary">{t('video.via', { link: media.linkName })}</span> : null}
      </header>
      {audioOnlyNotice ? (
        <p className="video-notice" data-testid="audio-only-notice">
          {audioOnlyNotice}
        </p>
      ) : null}
      {media.problem ? (
        <div data-testid="media-problem">
          <ErrorText error={media.problem} />
        </div>
      ) : null}
      <div className="video-controls">
        {on ? (
          <button type="button" onClick={() => controller.stop()} data-testid="stop-live">
            {t('video.stop')}
          </button>
        ) : (
          <>
            <button
              type="button"
              className="primary"
              disabled={notLive !== undefined}
              title={notLive}
              onClick={() => void controller.goLive()}
              data-testid="go-live"
            >
              {t('video.goLive')}
            </button>
            {notLive ? (
              <span className="field-hint" data-testid="go-live-why">
                {notLive}
              </span>
            ) : null}
          </>
        )}
        <label className="toggle">
          <input
            type="checkbox"
            checked={media.operatorAudioOnly}
            onChange={(event) => controller.setOperatorAudioOnly(event.target.checked)}
          />
          {t('video.audioOnlySwitch')}
        </label>
        <label className="toggle">
          <input
            type="checkbox"
            checked={media.recordLocally}
            disabled={on}
            onChange={(event) => controller.setRecordLocally(event.target.checked)}
          />
          {t('video.recordLocally')}
        </label>
        <button type="button" disabled={!on} onClick={() => void controller.shareScreen(!media.local.screen)}>
          {media.local.screen ? t('video.stopScreen') : t('video.shareScreen')}
        </button>
        <label>
          {t('video.camera')}
          <select
            value={media.cameraId ?? ''}
            onChange={(event) => void controller.chooseCamera(event.target.value)}
            disabled={media.cameras.length === 0}
          >
            {media.cameras.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('video.mic')}
          <select
            value={media.micId ?? ''}
            onChange={(event) => void controller.chooseMic(event.target.value)}
            disabled={media.mics.length === 0}
          >
            {media.mics.map((d) => (
              <option key={d.id} value={d.id}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {media.recording.state !== 'off' ? (
        <p className={`recording-line state-${media.recording.state}`} data-testid="recording" data-state={media.recording.state}>
          {t(`video.recording.${media.recording.state}`, { size: formatBytes(media.recording.bytes), name: media.recording.message ?? '' })}
        </p>
      ) : null}
      <div className="video-grid">
        <figure className="video-tile local">
          {media.local.camera ? (
            <TrackView track={media.local.camera} muted label={t('video.preview')} testId="local-preview" />
          ) : (
            <div className="video-placeholder">{t('video.noPreview')}</div>
          )}
          <figcaption>{t('video.preview')}</figcaption>
        </figure>
        {media.local.screen ? (
          <figure className="video-tile">
            <TrackView track={media.local.screen} muted label={t('video.source.screen')} testId="screen-preview" />
            <figcaption>{t('video.source.screen')}</figcaption>
          </figure>
        ) : null}
        {media.remote.map((r) => (
          <figure key={r.consumerId} className={`video-tile remote kind-${r.kind}`}>
            <TrackView track={r.track} label={r.peerId} testId={`remote-${r.kind}`} />
            <figcaption>{t('video.remote', { peer: r.peerId.replace(/^staff:/, ''), kind: t(`video.kind.${r.kind}`) })}</figcaption>
          </figure>
        ))}
      </div>
      <QualityTable rows={rows} />
    </section>
  );
}
