import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { checkConfig, readJsonConfigFile, readJsonFile } from '../../../platform/config/jsonConfigFile';
import { createLogger } from '../../../platform/log/logger';
import { ConsoleConfig } from '../../../protocol/config/consoleConfig';
import { defaultDataDir } from './dataDir';
import type { HostOptions } from './hostOptions';
import { settleVehicleToken } from './settleVehicleToken';
import { VehicleTokenStore, type Keystore } from './VehicleTokenStore';

export interface ResolvedConfig {
  config: ConsoleConfig;
  /** The file read, or undefined when none exists (all defaults). */
  configFile: string | undefined;
  dataDir: string;
  /** Where the vehicle token is kept (docs/sync.md, "The vehicle token"), whether or not one is configured. */
  tokenFile: string;
  /** Demo vehicle on: asked for, or no links configured. */
  demo: boolean;
}

/** Reads and validates a config file as it is (no token store); errors (ConfigError) name the file and the bad key. */
export function readConfigFile(file: string): ConsoleConfig {
  return readJsonConfigFile(file, ConsoleConfig);
}

/** The `dataDir` a config file names, read before the file is checked (the token store lives there). */
function namedDataDir(raw: unknown): string | undefined {
  const value = typeof raw === 'object' && raw !== null ? (raw as { dataDir?: unknown }).dataDir : undefined;
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/**
 * Settles where data lives and what to run. Data directory: `--data-dir`, else
 * MCV_DATA_DIR, else the config's `dataDir`, else the OS default. Config file:
 * `--config`, else MCV_CONFIG, else `config.json` in the data directory if present.
 * The vehicle token comes from its store in the data directory (`keystore`: the OS's, from
 * the Electron shell); one found in the config file is moved there first.
 */
export async function resolveConfig(
  options: HostOptions,
  env: NodeJS.ProcessEnv = process.env,
  osDataDir = defaultDataDir(env),
  keystore?: Keystore,
): Promise<ResolvedConfig> {
  const explicitDir = options.dataDir ?? env.MCV_DATA_DIR;
  const configFile = options.configFile ?? env.MCV_CONFIG ?? join(explicitDir ?? osDataDir, 'config.json');
  const explicitFile = options.configFile !== undefined || env.MCV_CONFIG !== undefined;
  if (!explicitFile && !existsSync(configFile)) {
    const config = ConsoleConfig.parse({});
    const dataDir = resolve(explicitDir ?? osDataDir);
    return { config, configFile: undefined, dataDir, tokenFile: new VehicleTokenStore(dataDir, keystore).file, demo: true };
  }
  const raw = readJsonFile(configFile);
  const dataDir = resolve(explicitDir ?? namedDataDir(raw) ?? osDataDir);
  const tokens = new VehicleTokenStore(dataDir, keystore);
  const config = checkConfig(configFile, await settleVehicleToken(configFile, raw, tokens, createLogger('config')), ConsoleConfig);
  return {
    config,
    configFile: resolve(configFile),
    dataDir,
    tokenFile: tokens.file,
    demo: options.demo || config.demo || config.links.length === 0,
  };
}
