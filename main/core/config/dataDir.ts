import { osDataDir } from '../../../platform/dataDir';

/**
 * The console's data directory when nothing names one: `%APPDATA%\MCV Console` on
 * Windows, `~/Library/Application Support/MCV Console` on macOS,
 * `$XDG_DATA_HOME/mcv-console` (default `~/.local/share/mcv-console`) elsewhere.
 * Electron passes its own userData path instead.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  return osDataDir({ windows: 'MCV Console', mac: 'MCV Console', xdg: 'mcv-console' }, env, platform);
}
