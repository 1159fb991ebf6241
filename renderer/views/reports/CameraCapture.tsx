import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The longest clip the camera records for a report: seconds of video are megabytes on a narrow link. */
export const CLIP_SECONDS = 15;

/** A clip's container: WebM with VP8 (and Opus when there is a microphone), which every Chromium records. */
function clipMime(withAudio: boolean): string {
  const wanted = withAudio ? 'video/webm;codecs=vp8,opus' : 'video/webm;codecs=vp8';
  return MediaRecorder.isTypeSupported(wanted) ? wanted : 'video/webm';
}

/**
 * A still or a short clip from the vehicle's camera (the same devices the Video view uses):
 * a live preview, "Take photo" (a JPEG at the camera's full resolution) and "Record clip"
 * (at most CLIP_SECONDS, with the microphone when there is one; "Stop" ends it sooner).
 */
export function CameraCapture({ onCapture }: { onCapture: (media: Blob, kind: 'photo' | 'clip') => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const stream = useRef<MediaStream | undefined>(undefined);
  const recorder = useRef<MediaRecorder | undefined>(undefined);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [ready, setReady] = useState(false);
  const [recordingSince, setRecordingSince] = useState<number | undefined>(undefined);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    let stopped = false;
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } } })
      .then((s) => {
        if (stopped) return s.getTracks().forEach((track) => track.stop());
        stream.current = s;
        if (video.current) {
          video.current.srcObject = s;
          void video.current.play().then(
            () => setReady(true),
            () => setReady(true),
          );
        }
      })
      .catch((error: unknown) => setProblem(error instanceof Error ? error.message : String(error)));
    return () => {
      stopped = true;
      if (recorder.current?.state === 'recording') recorder.current.stop();
      stream.current?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  useEffect(() => {
    if (recordingSince === undefined) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [recordingSince]);

  const take = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => (blob ? onCapture(blob, 'photo') : undefined), 'image/jpeg', 0.9);
  };

  const record = async () => {
    const camera = stream.current;
    if (!camera) return;
    // The microphone is asked for only now, and a clip is still made without it.
    const mic = await navigator.mediaDevices.getUserMedia({ audio: true }).catch(() => undefined);
    const tracks = [...camera.getVideoTracks(), ...(mic?.getAudioTracks() ?? [])];
    const chunks: Blob[] = [];
    const mimeType = clipMime(mic !== undefined);
    const rec = new MediaRecorder(new MediaStream(tracks), { mimeType, videoBitsPerSecond: 1_000_000 });
    rec.ondataavailable = (event) => {
      if (event.data.size > 0) chunks.push(event.data);
    };
    rec.onstop = () => {
      mic?.getTracks().forEach((track) => track.stop());
      setRecordingSince(undefined);
      if (chunks.length > 0) onCapture(new Blob(chunks, { type: mimeType.split(';')[0] }), 'clip');
    };
    recorder.current = rec;
    rec.start(1000);
    setRecordingSince(Date.now());
    setNow(Date.now());
    setTimeout(() => {
      if (rec.state === 'recording') rec.stop();
    }, CLIP_SECONDS * 1000);
  };

  const recording = recordingSince !== undefined;
  return (
    <div className="camera-capture">
      {problem ? (
        <p className="view-message warning">{t('reports.photos.cameraProblem', { detail: problem })}</p>
      ) : (
        <>
          <video ref={video} muted playsInline />
          <div className="camera-actions">
            <button type="button" className="primary" disabled={!ready || recording} onClick={take} data-testid="report-camera-take">
              {t('reports.photos.take')}
            </button>
            {recording ? (
              <button type="button" className="danger" onClick={() => recorder.current?.stop()} data-testid="report-camera-stop">
                {t('reports.photos.stopClip', {
                  seconds: Math.min(CLIP_SECONDS, Math.floor((now - recordingSince) / 1000)),
                  max: CLIP_SECONDS,
                })}
              </button>
            ) : (
              <button type="button" disabled={!ready} onClick={() => void record()} data-testid="report-camera-record">
                {t('reports.photos.recordClip', { max: CLIP_SECONDS })}
              </button>
            )}
          </div>
        </>
      )}
    </div>
  );
}
