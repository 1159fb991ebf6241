import { latestVersion, type Migration } from '../../../../platform/sqlite/migrations';
import { migration0010 } from './0010-settings-and-link-history';
import { migration0020 } from './0020-history-downsampling-and-track';
import { migration0030 } from './0030-outbox-inbox-messages';
import { migration0040 } from './0040-order-lifecycle-and-receipts';
import { migration0050 } from './0050-incidents-and-reports';
import { migration0060 } from './0060-duty-log';
import { migration0070 } from './0070-fleet-positions';
import { migration0080 } from './0080-sbd-sending';
import { migration0090 } from './0090-outbox-last-error-code';

/** Every migration of the console's database, in order. Append only; never edit one that has shipped. */
export const MIGRATIONS: readonly Migration[] = [
  migration0010,
  migration0020,
  migration0030,
  migration0040,
  migration0050,
  migration0060,
  migration0070,
  migration0080,
  migration0090,
];

export const LATEST_SCHEMA_VERSION = latestVersion(MIGRATIONS);
