import type { Uploads } from '../files/Uploads';
import type { AttachmentFiles } from '../files/AttachmentFiles';
import type { Logger } from '../../platform/log/logger';
import type { MediaSignaling } from '../media/MediaSignaling';
import type { CenterStore } from '../store/CenterStore';
import type { DeskFeed } from '../feed/DeskFeed';
import type { FirstReportDeadlines } from '../../protocol/sync/incidents';
import type { LayerDirectory } from '../../platform/maps/LayerDirectory';
import type { MediaStateCode } from '../../protocol/sync/mediaState';

/** What the route handlers share: the store, the uploads, the desk's live feed, a logger. */
export interface CenterContext {
  store: CenterStore;
  uploads: Uploads;
  files: AttachmentFiles;
  log: Logger;
  version: string;
  /** The desk's live feed: publish what the store committed. */
  feed: DeskFeed;
  /** Live media, when a backend runs (config `media`). */
  media?: MediaSignaling | undefined;
  /** Why there is no live media (not configured, or the backend failed to start), for the desk. */
  mediaOffReason?: string | undefined;
  /** The same as a code the desk translates (protocol/sync/mediaState.ts). */
  mediaCode?: MediaStateCode | undefined;
  /** The desk marks a vehicle not heard from for this long. Default 10 min. */
  staleAfterMs?: number | undefined;
  /** When an incident's 初报 must reach the center, per level (config `incidents.firstReportMinutes`). Default: the protocol's. */
  firstReportDeadlines?: FirstReportDeadlines | undefined;
  /** The desk's base layers (MBTiles in the center's tile folder); absent: none. */
  maps?: LayerDirectory | undefined;
}
