import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces `file` with `data` so that a reader (or a crash) sees either the old content or
 * the new, never half of it: written to a temporary file beside it (owner-only, 0600 on
 * POSIX), flushed to disk, then renamed over the old one. The folder is created 0700 when
 * missing. Used for the vehicle token and for config.json once the token is moved out.
 */
export function writeFileAtomically(file: string, data: string | Buffer): void {
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.tmp`);
  rmSync(temp, { force: true }); // a leftover of a crash would keep its old mode
  const fd = openSync(temp, 'w', 0o600);
  try {
    writeSync(fd, typeof data === 'string' ? Buffer.from(data, 'utf8') : data);
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  closeSync(fd);
  renameSync(temp, file);
}
