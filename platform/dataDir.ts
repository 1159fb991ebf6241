import { homedir } from 'node:os';
import { join } from 'node:path';

/** A program's data folder name as each OS spells such names. */
export interface DataDirNames {
  /** Under `%APPDATA%` on Windows. */
  windows: string;
  /** Under `~/Library/Application Support` on macOS. */
  mac: string;
  /** Under `$XDG_DATA_HOME` (default `~/.local/share`) elsewhere. */
  xdg: string;
}

/** The OS's usual place for a program's data. Electron passes its own userData path instead. */
export function osDataDir(
  names: DataDirNames,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): string {
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), names.windows);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', names.mac);
  return join(env.XDG_DATA_HOME || join(home, '.local', 'share'), names.xdg);
}
