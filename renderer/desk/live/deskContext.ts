import { createContext, useContext } from 'react';
import type { MediaRooms } from '../../../protocol/media/signaling';
import type { DeskMe, DeskVehicle } from '../../../protocol/sync/desk';
import type { ShownError } from '../../i18n/errorText';
import type { DeskApi } from '../deskApi';
import type { DeskPulse } from './DeskPulse';

/** What every desk page shares: the API, the pulse, and the fleet as last fetched. */
export interface DeskState {
  api: DeskApi;
  pulse: DeskPulse;
  me: DeskMe;
  vehicles: DeskVehicle[];
  rooms: MediaRooms['rooms'];
  /** When the center last answered the fleet, and the problem of the last try (null when it worked). */
  answeredAt: number | null;
  problem: ShownError | null;
}

export const DeskContext = createContext<DeskState | null>(null);

export function useDesk(): DeskState {
  const state = useContext(DeskContext);
  if (!state) throw new Error('useDesk outside the signed-in desk');
  return state;
}

/** Vehicles whose media room has live video or audio from the vehicle. */
export function liveVehicles(rooms: MediaRooms['rooms']): Set<string> {
  return new Set(rooms.filter((r) => r.peers.some((p) => p.role === 'vehicle' && p.producers.length > 0)).map((r) => r.roomId));
}
