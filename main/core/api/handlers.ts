import type { AppInfo, CoreApiHandlers } from '../../../protocol/api/coreApi';
import type { RecordingService } from '../ops/RecordingService';
import type { DutyService } from '../ops/duty/DutyService';
import { createDutyHandlers } from './dutyHandlers';
import type { CenterMediaView, MediaTicketView } from '../../../protocol/api/media';
import type { Alert } from '../../../protocol/api/coreApi';
import { listSerialPorts } from '../../../native/serial/listPorts';
import type { LinkHub } from '../links/LinkHub';
import type { MessageService } from '../ops/MessageService';
import type { SyncEngine } from '../sync/SyncEngine';
import type { PolicyEngine } from '../links/policy/PolicyEngine';
import type { TrackRecorder } from '../links/TrackRecorder';
import type { SettingsService } from '../SettingsService';
import { queryEvents, querySeries } from '../store/historyRepo';
import type { Store } from '../store/Store';
import { storeError } from '../store/StoreError';
import { latestTrackPoint, queryTrack } from '../store/trackRepo';
import { createIncidentHandlers } from './incidentHandlers';
import { createMapHandlers } from './mapHandlers';
import { createFleetHandlers } from './fleetHandlers';
import type { MapService } from '../maps/MapService';

export interface HandlerDeps {
  info: AppInfo;
  hub: LinkHub;
  store: Store;
  settings: SettingsService;
  policy: PolicyEngine;
  track: TrackRecorder;
  alerts: () => Alert[];
  messages: MessageService;
  sync: SyncEngine;
  /** A media signaling ticket from the center (throws UnavailableError saying why not). */
  mediaTicket: () => Promise<MediaTicketView>;
  /** Whether the center runs live media (never throws: `unknown` with the reason). */
  centerMedia: () => Promise<CenterMediaView>;
  recordings: RecordingService;
  incidents: Parameters<typeof createIncidentHandlers>[0];
  duty: DutyService;
  /** Live video started or ended (the renderer tells), for the duty log. */
  dutyVideoSession: (live: boolean, linkName: string | undefined) => void;
  maps: MapService;
  now?: () => number;
}

/** The console API, implemented once for every bridge. */
export function createHandlers(deps: HandlerDeps): CoreApiHandlers {
  const now = deps.now ?? Date.now;
  const db = () => deps.store.db;
  const withStore = <T>(work: () => T): T => {
    try {
      return work();
    } catch (error) {
      throw storeError(error, deps.store.file);
    }
  };
  return {
    'app.info': () => deps.info,
    'links.list': () => deps.hub.list(),
    'settings.get': () => deps.settings.get(),
    'settings.update': (patch) => deps.settings.update(patch),
    'system.alerts': () => deps.alerts(),
    'links.policy': () => deps.policy.current,
    'links.history': (query) => withStore(() => querySeries(db(), query, now())),
    'links.events': ({ linkId, limit }) => withStore(() => queryEvents(db(), linkId, limit)),
    'position.latest': () => deps.track.latest ?? withStore(() => latestTrackPoint(db())),
    'position.track': ({ sinceMs, limit }) => withStore(() => queryTrack(db(), sinceMs ?? now() - 3_600_000, limit)),
    'devices.serialPorts': () => listSerialPorts(),
    'messages.list': ({ limit }) => deps.messages.list(limit),
    'messages.send': (params) => deps.messages.send(params),
    'inbox.list': ({ limit }) => deps.messages.inbox(limit),
    'inbox.markRead': ({ id }) => deps.messages.markRead(id),
    'inbox.step': ({ id, state, reason }) => deps.messages.orderStep(id, state, reason),
    'inbox.alerts': () => deps.messages.alerts(),
    'sync.status': () => withStore(() => deps.sync.status()),
    'sync.retryParked': ({ seq }) => deps.sync.retryParked(seq),
    'media.ticket': () => deps.mediaTicket(),
    'media.centerState': () => deps.centerMedia(),
    'recording.start': ({ mime }) => deps.recordings.start(mime),
    'recording.append': ({ id, seq, data }) => deps.recordings.append(id, seq, Buffer.from(data, 'base64')),
    'recording.finish': ({ id }) => deps.recordings.finish(id),
    ...createIncidentHandlers(deps.incidents),
    ...createDutyHandlers(deps.duty, deps.store, deps.dutyVideoSession),
    ...createMapHandlers(deps.maps),
    ...createFleetHandlers(deps.store),
  };
}
