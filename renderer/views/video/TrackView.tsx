import { useEffect, useRef } from 'react';

/** Plays one track: video in a <video>, audio in an <audio> (Chromium counts no received samples for an unplayed track). */
export function TrackView({
  track,
  muted = false,
  label,
  testId,
}: {
  track: MediaStreamTrack;
  muted?: boolean;
  label: string;
  testId: string;
}) {
  const ref = useRef<HTMLVideoElement & HTMLAudioElement>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    element.srcObject = new MediaStream([track]);
    element.play().catch(() => undefined);
    return () => {
      element.srcObject = null;
    };
  }, [track]);
  if (track.kind === 'audio') return <audio ref={ref} autoPlay muted={muted} aria-label={label} data-testid={testId} />;
  return <video ref={ref} className="track-video" autoPlay playsInline muted={muted} aria-label={label} data-testid={testId} />;
}
