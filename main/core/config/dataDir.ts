import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The OS's usual place for an application's data: `%APPDATA%\\MCV Console` on Windows,
 * `~/Library/Application Support/MCV Console` on macOS, `$XDG_DATA_HOME/mcv-console`
 * (default `~/.local/share/mcv-console`) elsewhere. Electron passes its own userData path
 * instead.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'MCV Console');
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'MCV Console');
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'mcv-console');
}
