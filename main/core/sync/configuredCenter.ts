import type { SyncConfig } from '../../../protocol/config/consoleConfig';
import { parseToken } from '../../../protocol/sync/credentials';
import type { SyncCenter } from './SyncCenter';
import type { UploadLane } from './UploadLane';

/**
 * The center the engine syncs with, as configured. It exists only when `sync` is
 * configured with a token naming a vehicle, and carries everything that goes with
 * that, so no code path can reach for a client or an upload lane without one.
 */
export interface ConfiguredCenter {
  readonly config: SyncConfig;
  /** The vehicle id the token names. */
  readonly vehicleId: string;
  readonly client: SyncCenter;
  /** Where files go, beside the exchanges. */
  readonly uploads: UploadLane;
}

/** The configured center, or undefined without `sync` (or with a token that names no vehicle). */
export function configureCenter(
  config: SyncConfig | undefined,
  make: { client: (token: string) => SyncCenter; uploads: (client: SyncCenter) => UploadLane },
): ConfiguredCenter | undefined {
  const vehicleId = config && parseToken(config.token)?.id;
  if (!config || !vehicleId) return undefined;
  const client = make.client(config.token);
  return { config, vehicleId, client, uploads: make.uploads(client) };
}
