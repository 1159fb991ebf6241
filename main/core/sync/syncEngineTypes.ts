import type { InboxItemView, MessageView } from '../../../protocol/api/messaging';
import type { SbdSendStatus, SyncStatus } from '../../../protocol/api/syncStatus';
import type { SyncConfig } from '../../../protocol/config/consoleConfig';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { LinkPolicy } from '../../../protocol/links/policy';
import type { ReportAck } from '../store/inboxRepo';
import type { Store } from '../store/Store';
import type { FleetExchange } from './fleetExchange';
import type { SyncCenter } from './SyncCenter';

/** The sync engine's options and events (SyncEngine.ts). */

export interface SyncEngineOptions {
  store: Store;
  /** Where attachment files are kept (`<data dir>/attachments`). */
  attachmentsDir: string;
  config: SyncConfig | undefined;
  policy: () => LinkPolicy;
  links: () => readonly LinkStatus[];
  /** The local address of a link's interface, if configured. */
  bindAddress: (linkId: string) => string | undefined;
  /** Makes the client for the configured token; the engine closes it. Default: HTTP(S) (`CenterClient`); unit tests pass a scripted center. */
  createClient?: (token: string) => SyncCenter;
  /** Asks for and keeps other vehicles' positions with the exchanges (docs/sync.md, "Fleet positions"); none: not asked. */
  fleet?: FleetExchange;
  now?: () => number;
  random?: () => number;
}

export interface SyncEngineEvents {
  status: [status: SyncStatus];
  messages: [messages: MessageView[]];
  inbox: [items: InboxItemView[]];
  /** An exchange's answer was applied: the local seqs whose state changed, the incidents the downlink changed. */
  exchanged: [outcome: { changedSeqs: number[]; incidentIds: string[]; reportAcks: ReportAck[] }];
}

/** What the engine needs of the Iridium SBD lane (sbd/SbdLane.ts). */
export type SbdLaneLike = { wake(): void; onPolicy(): void; itemsSettled(): void; view(): SbdSendStatus | null; close(): void };
