import { clockSeconds, clockText } from '../deskTime';
import { useSpan } from './useSpan';

/** A moment as HH:mm (with the date when not today) and how long ago, e.g. "14:02 · 3 min ago"; the tooltip has the seconds. */
export function When({ at, now, relative = true }: { at: number; now: number; relative?: boolean }) {
  const { ago } = useSpan();
  return (
    <time className="when" dateTime={new Date(at).toISOString()} title={`${new Date(at).toLocaleDateString()} ${clockSeconds(at)}`}>
      <span className="when-clock num">{clockText(at, now)}</span>
      {relative ? <span className="when-ago"> · {ago(now - at)}</span> : null}
    </time>
  );
}
