import { useEffect, useRef } from 'react';
import type { InboxItemView } from '../../protocol/api/messaging';
import { PRIORITY_RANK } from '../../protocol/sync/items';
import { playAlertTone, repeatEveryMs } from './alertSound';

/**
 * Sounds the tone when something new from the center waits, and again and again while a
 * flash or immediate one is not acknowledged, unless muted (the mute expires by itself).
 */
export function useAlertSound(alerts: readonly InboxItemView[], mutedUntil: number | null, now: number): void {
  const heard = useRef<Set<string> | undefined>(undefined);
  const muted = mutedUntil !== null && mutedUntil > now;

  useEffect(() => {
    // What was already waiting when the console opened does not sound as new; it repeats below if urgent.
    if (!heard.current) {
      heard.current = new Set(alerts.map((a) => a.id));
      return;
    }
    const fresh = alerts.filter((a) => !heard.current!.has(a.id));
    for (const alert of fresh) heard.current.add(alert.id);
    if (fresh.length > 0 && !muted) playAlertTone();
  }, [alerts, muted]);

  const mostUrgent = alerts.reduce<InboxItemView | undefined>(
    (best, a) => (best === undefined || PRIORITY_RANK[a.priority] < PRIORITY_RANK[best.priority] ? a : best),
    undefined,
  );
  const every = mostUrgent ? repeatEveryMs(mostUrgent.priority) : undefined;
  useEffect(() => {
    if (every === undefined || muted) return;
    const timer = setInterval(playAlertTone, every);
    return () => clearInterval(timer);
  }, [every, muted]);
}
