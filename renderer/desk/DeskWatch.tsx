import { Device } from 'mediasoup-client';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MediaSession, type MediaSessionState, type RemoteTrack } from '../media/MediaSession';
import { QualityTracker, type StreamQuality } from '../media/streamStats';
import { QualityTable } from '../views/video/QualityTable';
import { TrackView } from '../views/video/TrackView';
import type { DeskApi } from './deskApi';
import { ErrorText } from '../frame/ErrorText';
import { shownError, type ShownError } from '../i18n/errorText';

/** Watching one vehicle: its video and audio, and the staff member's microphone to talk back. */
export function DeskWatch({
  api,
  vehicleId,
  vehicleName,
  staffName,
}: {
  api: DeskApi;
  vehicleId: string;
  vehicleName: string;
  staffName: string;
}) {
  const { t } = useTranslation();
  const sessionRef = useRef<MediaSession | undefined>(undefined);
  const [state, setState] = useState<MediaSessionState>('idle');
  const [tracks, setTracks] = useState<RemoteTrack[]>([]);
  const [talking, setTalking] = useState(false);
  const [problem, setProblem] = useState<ShownError | null>(null);
  const [quality, setQuality] = useState<Record<string, StreamQuality>>({});

  // Each received stream's quality, from getStats every second.
  useEffect(() => {
    const tracker = new QualityTracker();
    const timer = setInterval(() => {
      const session = sessionRef.current;
      if (!session) return;
      const streams = tracks.map((r) => {
        const consumer = session.consumer(r.consumerId);
        return { key: r.consumerId, stats: consumer && (() => consumer.getStats()), direction: 'in' as const };
      });
      void tracker.poll(streams).then(setQuality, () => undefined);
    }, 1000);
    return () => clearInterval(timer);
  }, [tracks]);

  useEffect(() => {
    const s = new MediaSession({
      displayName: staffName,
      socketUrl: () =>
        api.socketUrl(vehicleId).catch((error: unknown) => {
          setProblem(shownError(error));
          throw error;
        }),
      createDevice: () => Device.factory(),
      log: (line) => console.info(line),
    });
    s.onState(setState);
    s.onTrack((track) => setTracks((all) => [...all, track]));
    s.onTrackEnded((id) => setTracks((all) => all.filter((x) => x.consumerId !== id)));
    s.start();
    sessionRef.current = s;
    return () => s.close();
  }, [api, vehicleId, staffName]);

  const talk = async (on: boolean) => {
    const session = sessionRef.current;
    if (!session) return;
    try {
      if (on) {
        const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
        await session.publish('mic', stream.getAudioTracks()[0]!, { codecOptions: { opusFec: true, opusDtx: true } });
      } else {
        session.producer('mic')?.track?.stop();
        await session.unpublish('mic');
      }
      setTalking(on);
    } catch (error) {
      setProblem(shownError(error, 'desk.micFailed'));
    }
  };

  return (
    <section className="video-view" aria-label={vehicleName}>
      <div className="view-head">
        <h1>{vehicleName}</h1>
        <span
          className={`state-chip tone-${state === 'live' ? 'up' : state === 'closed' ? 'unknown' : 'degraded'}`}
          data-testid="desk-media-state"
          data-state={state}
        >
          {t(`video.state.${state}`)}
        </span>
      </div>
      {problem ? <ErrorText error={problem} /> : null}
      <div className="video-controls">
        <button
          type="button"
          className={talking ? '' : 'primary'}
          onClick={() => void talk(!talking)}
          disabled={state !== 'live'}
          data-testid="talk"
        >
          {talking ? t('desk.stopTalking') : t('desk.talk')}
        </button>
      </div>
      {tracks.length === 0 ? <p className="view-message">{t('desk.waitingForVehicle')}</p> : null}
      <div className="video-grid">
        {tracks.map((r) => (
          <figure key={r.consumerId} className={`video-tile remote kind-${r.kind}`}>
            <TrackView track={r.track} label={`${vehicleName} ${r.kind}`} testId={`desk-remote-${r.kind}`} />
            <figcaption>{`${vehicleName} · ${t(`video.kind.${r.kind}`)}`}</figcaption>
          </figure>
        ))}
      </div>
      <QualityTable
        rows={tracks.map((r) => ({
          key: r.consumerId,
          name: `${vehicleName} · ${t(`video.kind.${r.kind}`)}`,
          quality: quality[r.consumerId],
        }))}
      />
    </section>
  );
}
