import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A still from the vehicle's camera (the same devices the Video view uses): a live preview
 * and one button; the frame is taken at the camera's full resolution as a JPEG.
 */
export function CameraStill({ onCapture }: { onCapture: (photo: Blob) => void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [problem, setProblem] = useState<string | undefined>(undefined);
  const [ready, setReady] = useState(false);

  useEffect(() => {
    let stream: MediaStream | undefined;
    let stopped = false;
    navigator.mediaDevices
      .getUserMedia({ video: { width: { ideal: 1920 }, height: { ideal: 1080 } } })
      .then((s) => {
        if (stopped) return s.getTracks().forEach((track) => track.stop());
        stream = s;
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
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, []);

  const take = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')?.drawImage(v, 0, 0);
    canvas.toBlob((blob) => (blob ? onCapture(blob) : undefined), 'image/jpeg', 0.9);
  };

  return (
    <div className="camera-still">
      {problem ? (
        <p className="view-message warning">{t('reports.photos.cameraProblem', { detail: problem })}</p>
      ) : (
        <>
          <video ref={video} muted playsInline />
          <button type="button" className="primary" disabled={!ready} onClick={take} data-testid="report-camera-take">
            {t('reports.photos.take')}
          </button>
        </>
      )}
    </div>
  );
}
