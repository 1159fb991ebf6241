import { chmodSync, mkdirSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { resolve } from 'node:path';

/**
 * Makes a process's data private on POSIX: every file it creates from now on is owner-only
 * (umask 077: databases and their WAL, recordings, attachments, imported maps, the
 * center's credentials), and the data directory is created as, or tightened to, 0700 — which
 * also closes whatever an older version left readable inside it, since no one else can
 * enter the folder. A data directory that is the home folder itself is left as it is.
 * Windows keeps its own ACLs (the user's profile folder is private already): nothing is done.
 */
export function makeDataPrivate(dataDir: string, platform: NodeJS.Platform = process.platform): void {
  if (platform === 'win32') return;
  process.umask(0o077);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (resolve(dataDir) === resolve(homedir())) return;
  if ((statSync(dataDir).mode & 0o077) !== 0) chmodSync(dataDir, 0o700);
}
