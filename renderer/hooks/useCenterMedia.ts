import { useEffect, useState } from 'react';
import type { CenterMediaView } from '../../protocol/api/media';
import { useCore } from '../api/coreContext';

/** How often the Video view asks again whether the center runs live media (a center may be reconfigured). */
const ASK_EVERY_MS = 60_000;

/**
 * Whether the command center runs live media, asked when the view opens and every minute
 * while it is open (`unknown` until the first answer, or when it cannot be asked).
 */
export function useCenterMedia(): CenterMediaView | undefined {
  const client = useCore();
  const [state, setState] = useState<CenterMediaView | undefined>(undefined);
  useEffect(() => {
    let alive = true;
    const ask = () =>
      client.call('media.centerState', {}).then(
        (answer) => alive && setState(answer),
        () => {},
      );
    void ask();
    const timer = setInterval(() => void ask(), ASK_EVERY_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [client]);
  return state;
}
