import { DeskFeedClient } from '../deskFeed';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MediaRooms } from '../../../protocol/media/signaling';
import type { DeskMe, DeskVehicle } from '../../../protocol/sync/desk';
import { ErrorText } from '../../frame/ErrorText';
import { shownError, type ShownError } from '../../i18n/errorText';
import { DeskApiError } from '../DeskApiError';
import { DeskApi } from '../deskApi';
import { DeskContext, type DeskState } from '../live/deskContext';
import { DeskPulse } from '../live/DeskPulse';
import { DeskShell } from './DeskShell';
import { DeskTopBar } from './DeskTopBar';
import type { useDeskPrefs } from './useDeskPrefs';

interface Fleet {
  me: DeskMe | null;
  vehicles: DeskVehicle[];
  rooms: MediaRooms['rooms'];
  answeredAt: number | null;
  problem: ShownError | null;
}

/** A signed-in staff member: who they are, the fleet on every beat of the pulse, and the shell around the pages. */
export function DeskSession({
  token,
  firstMe,
  prefs,
  onSignOut,
}: {
  token: string;
  firstMe: DeskMe | null;
  prefs: ReturnType<typeof useDeskPrefs>;
  onSignOut: (because: ShownError | null) => void;
}) {
  const { t } = useTranslation();
  const api = useMemo(() => new DeskApi(token), [token]);
  const pulse = useMemo(() => new DeskPulse(), []);
  const [fleet, setFleet] = useState<Fleet>({ me: firstMe, vehicles: [], rooms: [], answeredAt: null, problem: null });

  const signOutRef = useRef(onSignOut);
  useEffect(() => {
    signOutRef.current = onSignOut;
  });

  useEffect(() => {
    let stopped = false;
    api.onWrite = () => pulse.beat();
    const refresh = async () => {
      try {
        const [me, vehicles, rooms] = await Promise.all([api.me(), api.vehicles(), api.rooms().catch(() => [])]);
        if (!stopped) setFleet({ me, vehicles, rooms, answeredAt: Date.now(), problem: null });
      } catch (error) {
        if (stopped) return;
        // A token revoked or refused while signed in: back to the sign-in, saying why.
        if (error instanceof DeskApiError && error.status === 401) signOutRef.current(shownError(error));
        else setFleet((f) => ({ ...f, problem: shownError(error) }));
      }
    };
    const unsubscribe = pulse.subscribe(() => void refresh());
    pulse.start();
    void refresh();
    // Live updates: every event of the center's feed (and a reset after a gap) refetches what is on screen.
    const feed = new DeskFeedClient({ token, onEvent: () => pulse.changed() });
    feed.start();
    return () => {
      stopped = true;
      feed.close();
      unsubscribe();
      pulse.stop();
    };
  }, [api, pulse, token]);

  const { me } = fleet;
  const state: DeskState | null = me
    ? { api, pulse, me, vehicles: fleet.vehicles, rooms: fleet.rooms, answeredAt: fleet.answeredAt, problem: fleet.problem }
    : null;
  if (!state) {
    return (
      <div className="desk-app">
        <DeskTopBar prefs={prefs} />
        <main className="view desk-view">
          {fleet.problem ? <ErrorText error={fleet.problem} /> : <p className="view-message">{t('desk.connecting')}</p>}
        </main>
      </div>
    );
  }
  return (
    <DeskContext.Provider value={state}>
      <DeskShell prefs={prefs} onSignOut={() => onSignOut(null)} />
    </DeskContext.Provider>
  );
}
