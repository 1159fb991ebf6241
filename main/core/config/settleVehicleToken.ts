import { ConfigError } from '../../../platform/config/jsonConfigFile';
import type { Logger } from '../../../platform/log/logger';
import { Token } from '../../../protocol/sync/credentials';
import { writeFileAtomically } from './privateFile';
import type { VehicleTokenStore } from './VehicleTokenStore';

type JsonObject = Record<string, unknown>;

const isObject = (value: unknown): value is JsonObject => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Puts the vehicle token where it belongs before config.json is checked, and returns the
 * config as the core reads it (with `sync.token` filled from the token store).
 *
 * A valid token found in config.json is moved out once: first saved to the store (on disk,
 * flushed), then config.json is rewritten without it (atomically). A crash between the two
 * leaves the token in both places, and the next start moves it again: it is never lost.
 * A token in config.json wins over a stored one (the operator has just pasted a new one).
 * An invalid token is left where it is, for the schema to report by key.
 */
export async function settleVehicleToken(configFile: string, raw: unknown, store: VehicleTokenStore, log: Logger): Promise<unknown> {
  if (!isObject(raw) || !isObject(raw.sync)) return raw;
  const sync = raw.sync;
  if (typeof sync.token === 'string' && Token.safeParse(sync.token).success) {
    await store.save(sync.token);
    const { token: _moved, ...rest } = sync;
    try {
      writeFileAtomically(configFile, `${JSON.stringify({ ...raw, sync: rest }, null, 2)}\n`);
      log.info(`moved the vehicle token out of ${configFile} into ${store.describe()}`);
    } catch (error) {
      log.warn(
        `the vehicle token is now kept in ${store.describe()}, but ${configFile} could not be rewritten without it (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); remove "token" from it by hand`,
      );
    }
    return raw;
  }
  if (sync.token !== undefined) return raw;
  const stored = await store.load();
  if (stored === undefined) {
    throw new ConfigError(
      configFile,
      `sync.token: no vehicle token. Put the token the center issued (npm run center -- vehicles add <name>) in sync.token; at the next start it is moved to ${store.file}`,
    );
  }
  return { ...raw, sync: { ...sync, token: stored } };
}
