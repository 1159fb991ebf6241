import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The center's data directory when neither `--data-dir` nor the config file names one:
 * `$MCV_CENTER_DATA_DIR`, else `%APPDATA%\mcv-center` on Windows, else the XDG data
 * folder (`$XDG_DATA_HOME/mcv-center`, `~/.local/share/mcv-center`).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home: string = homedir()): string {
  if (env.MCV_CENTER_DATA_DIR) return env.MCV_CENTER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), 'mcv-center');
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), 'mcv-center');
}

/** The files in a data directory. */
export function dataFiles(dataDir: string): { database: string; lock: string; attachments: string } {
  return { database: join(dataDir, 'center.db'), lock: join(dataDir, 'center.lock'), attachments: join(dataDir, 'attachments') };
}
