import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describeIssues } from '../../../protocol/common';
import { ConsoleConfig } from '../../../protocol/config/consoleConfig';
import { defaultDataDir } from './dataDir';
import type { HostOptions } from './hostOptions';

export class ConfigError extends Error {
  readonly file: string;
  constructor(file: string, message: string) {
    super(`Config file ${file}: ${message}`);
    this.name = 'ConfigError';
    this.file = file;
  }
}

export interface ResolvedConfig {
  config: ConsoleConfig;
  /** The file read, or undefined when none exists (all defaults). */
  configFile: string | undefined;
  dataDir: string;
  /** Demo vehicle on: asked for, or no links configured. */
  demo: boolean;
}

/** Reads and validates a config file; errors name the file and the bad key. */
export function readConfigFile(file: string): ConsoleConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, `cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, `not valid JSON (${(error as Error).message})`);
  }
  const parsed = ConsoleConfig.safeParse(json);
  if (!parsed.success) throw new ConfigError(file, describeIssues(parsed.error));
  return parsed.data;
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
