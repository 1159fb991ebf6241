import type { Uploads } from '../files/Uploads';
import type { AttachmentFiles } from '../files/AttachmentFiles';
import type { Logger } from '../../platform/log/logger';
import type { MediaSignaling } from '../media/MediaSignaling';
import type { CenterStore } from '../store/CenterStore';

/** What the route handlers share: the store, the uploads, a logger. */
export interface CenterContext {
  store: CenterStore;
  uploads: Uploads;
  files: AttachmentFiles;
  log: Logger;
  version: string;
  /** Live media, when a backend runs (config `media`). */
  media?: MediaSignaling | undefined;
}
