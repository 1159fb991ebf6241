import type { DutyChanged } from '../../../../protocol/api/duty';
import type { LinkHub } from '../../links/LinkHub';
import type { SettingsService } from '../../SettingsService';
import { reportsDeliveredSince } from '../../store/dutyRepo';
import type { Store } from '../../store/Store';
import type { SyncEngine } from '../../sync/SyncEngine';
import type { MessageService } from '../MessageService';
import { createLogger } from '../../../../platform/log/logger';
import { DutyAutoLog } from './DutyAutoLog';
import { DutyService } from './DutyService';

const log = createLogger('duty');

/** How often held link summaries and the center's reachability are looked at. */
const TICK_MS = 15_000;

/**
 * The duty area of the composition root: the service behind the `duty.*` methods and the
 * automatic log fed by the link hub, the sync engine and the inbox. An automatic entry
 * that cannot be written (disk full) is logged and dropped: the log must never stop the
 * events it listens to.
 */
export function wireDuty(deps: {
  store: Store;
  hub: LinkHub;
  engine: SyncEngine;
  messages: MessageService;
  settings: SettingsService;
  onChanged: (changed: DutyChanged) => void;
}): { duty: DutyService; videoSession: (live: boolean, linkName: string | undefined) => void; close: () => void } {
  const duty = new DutyService({
    store: deps.store,
    links: () => deps.hub.list(),
    language: () => deps.settings.get().language,
    onOutbox: () => deps.engine.wake(),
  });
  duty.on('changed', deps.onChanged);
  const auto = new DutyAutoLog({
    write: (topic, text) => {
      try {
        duty.autoOrManual({ topic, text, auto: true });
      } catch (error) {
        log.error('an automatic duty entry could not be written', error);
      }
    },
    language: () => deps.settings.get().language,
    linkName: (id) => deps.hub.list().find((l) => l.id === id)?.name ?? id,
    reportsDeliveredSince: (since) => reportsDeliveredSince(deps.store.db, since),
  });
  deps.hub.on('stateChanged', (change) => auto.onLinkChange(change));
  deps.engine.on('inbox', (items) => auto.onInboxAdded(items));
  deps.engine.on('exchanged', ({ reportAcks }) => auto.onReportsAcked(reportAcks));
  deps.engine.on('status', (status) => auto.onSyncStatus(status, Date.now()));
  deps.messages.on('inbox', (items) => auto.onInboxChanged(items));
  const timer = setInterval(() => auto.tick(Date.now()), TICK_MS);
  timer.unref();
  return {
    duty,
    videoSession: (live, linkName) => auto.onVideoSession(live, linkName, Date.now()),
    close: () => clearInterval(timer),
  };
}
