import { dirname, resolve } from 'node:path';
import { ConfigError, readJsonConfigFile } from '../../platform/config/jsonConfigFile';
import { CenterConfig, type FeedConfig, type MediaConfig } from '../../protocol/config/centerConfig';
import { defaultDataDir } from './dataDir';
import { isLoopback } from './loopback';

/** What `serve` was told on its command line; each given flag wins over the file. */
export interface ServeFlags {
  config?: string;
  dataDir?: string;
  host?: string;
  port?: number;
  tlsCert?: string;
  tlsKey?: string;
  allowPlain?: boolean;
  echoPort?: number;
}

/** Everything `serve` needs, resolved: flags over file over defaults, paths absolute. */
export interface ServeSettings {
  dataDir: string;
  host: string;
  port: number;
  tls: { cert: string; key: string } | undefined;
  allowPlain: boolean;
  /** 0: no echo responder. */
  echoPort: number;
  maxAttachmentBytes: number;
  /** Live media (mediasoup); undefined: none. */
  media: MediaConfig | undefined;
  /** The desk marks a vehicle not heard from for this long. */
  staleAfterMs: number;
  /** The desk's live feed limits. */
  feed: FeedConfig;
  /** Incidents' first-report deadlines per level; absent: the protocol's defaults. */
  incidents?: CenterConfig['incidents'];
  /** The folder of MBTiles base layers for the desk; absent: `maps/` in the data directory. */
  mapsDir?: string | undefined;
  /** The HTTP server's limits against clients that hold resources. */
  http?: CenterConfig['http'] | undefined;
  /** Iridium SBD: DirectIP and/or RockBLOCK push (paths resolved); absent: none. */
  iridium?: CenterConfig['iridium'];
}

/**
 * Reads and checks a config file against CenterConfig; an error names the file and the
 * key (`port: expected number`). Relative paths in it are relative to the file. With no
 * file, the defaults.
 */
export function loadCenterConfig(file: string | undefined): { config: CenterConfig; baseDir: string } {
  if (file === undefined) return { config: CenterConfig.parse({}), baseDir: process.cwd() };
  return { config: readJsonConfigFile(file, CenterConfig), baseDir: dirname(resolve(file)) };
}

/** The data directory of a CLI command: `--data-dir`, else the config's `dataDir`, else the default. */
export function resolveDataDir(flags: { config?: string; dataDir?: string }, env: NodeJS.ProcessEnv = process.env): string {
  if (flags.dataDir !== undefined) return resolve(flags.dataDir);
  const { config, baseDir } = loadCenterConfig(flags.config);
  return config.dataDir !== undefined ? resolve(baseDir, config.dataDir) : resolve(defaultDataDir(env));
}

/** Merges flags over the config file, and refuses plain HTTP beyond loopback without `allowPlain`. */
export function resolveServeSettings(flags: ServeFlags, env: NodeJS.ProcessEnv = process.env): ServeSettings {
  const { config, baseDir } = loadCenterConfig(flags.config);
  const cert = flags.tlsCert !== undefined ? resolve(flags.tlsCert) : config.tls && resolve(baseDir, config.tls.cert);
  const key = flags.tlsKey !== undefined ? resolve(flags.tlsKey) : config.tls && resolve(baseDir, config.tls.key);
  if ((cert === undefined) !== (key === undefined))
    throw new ConfigError(undefined, 'TLS needs both a certificate and a key (--tls-cert and --tls-key, or "tls": {"cert", "key"})');
  const settings: ServeSettings = {
    dataDir:
      flags.dataDir !== undefined
        ? resolve(flags.dataDir)
        : config.dataDir !== undefined
          ? resolve(baseDir, config.dataDir)
          : resolve(defaultDataDir(env)),
    host: flags.host ?? config.host,
    port: flags.port ?? config.port,
    tls: cert !== undefined && key !== undefined ? { cert, key } : undefined,
    allowPlain: flags.allowPlain === true || config.allowPlain,
    echoPort: flags.echoPort ?? config.echoPort,
    maxAttachmentBytes: config.maxAttachmentBytes,
    media: config.media,
    staleAfterMs: config.staleAfterMs,
    feed: config.feed,
    incidents: config.incidents,
    mapsDir: config.maps?.dir !== undefined ? resolve(baseDir, config.maps.dir) : undefined,
    http: config.http,
    iridium: config.iridium?.rockblock
      ? {
          ...config.iridium,
          rockblock: { ...config.iridium.rockblock, publicKeyFile: resolve(baseDir, config.iridium.rockblock.publicKeyFile) },
        }
      : config.iridium,
  };
  if (!settings.tls && !settings.allowPlain && !isLoopback(settings.host)) {
    throw new ConfigError(
      undefined,
      `Refusing plain HTTP on ${settings.host}: tokens would cross the network unencrypted. Give --tls-cert and --tls-key, or --allow-plain behind a TLS-terminating proxy or on a closed network.`,
    );
  }
  return settings;
}
