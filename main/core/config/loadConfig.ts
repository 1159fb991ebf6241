import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readJsonConfigFile } from '../../../platform/config/jsonConfigFile';
import { ConsoleConfig } from '../../../protocol/config/consoleConfig';
import { defaultDataDir } from './dataDir';
import type { HostOptions } from './hostOptions';

export interface ResolvedConfig {
  config: ConsoleConfig;
  /** The file read, or undefined when none exists (all defaults). */
  configFile: string | undefined;
  dataDir: string;
  /** Demo vehicle on: asked for, or no links configured. */
  demo: boolean;
}

/** Reads and validates a config file; errors (ConfigError) name the file and the bad key. */
export function readConfigFile(file: string): ConsoleConfig {
  return readJsonConfigFile(file, ConsoleConfig);
}

/**
 * Settles where data lives and what to run. Data directory: `--data-dir`, else
 * MCV_DATA_DIR, else the config's `dataDir`, else the OS default. Config file:
 * `--config`, else MCV_CONFIG, else `config.json` in the data directory if present.
 */
export function resolveConfig(options: HostOptions, env: NodeJS.ProcessEnv = process.env, osDataDir = defaultDataDir(env)): ResolvedConfig {
  const explicitDir = options.dataDir ?? env.MCV_DATA_DIR;
  const configFile = options.configFile ?? env.MCV_CONFIG ?? join(explicitDir ?? osDataDir, 'config.json');
  const explicitFile = options.configFile !== undefined || env.MCV_CONFIG !== undefined;
  let config: ConsoleConfig;
  let usedFile: string | undefined;
  if (explicitFile || existsSync(configFile)) {
    config = readConfigFile(configFile);
    usedFile = resolve(configFile);
  } else {
    config = ConsoleConfig.parse({});
  }
  const dataDir = resolve(explicitDir ?? config.dataDir ?? osDataDir);
  return { config, configFile: usedFile, dataDir, demo: options.demo || config.demo || config.links.length === 0 };
}
