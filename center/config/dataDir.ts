import { join } from 'node:path';
import { osDataDir } from '../../platform/dataDir';

/**
 * The center's data directory when neither `--data-dir` nor the config file names one:
 * `$MCV_CENTER_DATA_DIR`, else the OS's place (`%APPDATA%\mcv-center` on Windows,
 * `~/Library/Application Support/MCV Center` on macOS, `$XDG_DATA_HOME/mcv-center` or
 * `~/.local/share/mcv-center` elsewhere).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home?: string): string {
  if (env.MCV_CENTER_DATA_DIR) return env.MCV_CENTER_DATA_DIR;
  return osDataDir({ windows: 'mcv-center', mac: 'MCV Center', xdg: 'mcv-center' }, env, platform, home);
}

/** The files in a data directory. */
export function dataFiles(dataDir: string): { database: string; lock: string; attachments: string } {
  return { database: join(dataDir, 'center.db'), lock: join(dataDir, 'center.lock'), attachments: join(dataDir, 'attachments') };
}
