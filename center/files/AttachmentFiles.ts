import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';

/**
 * Where attachment bytes live: `<root>/<vehicleId>/<attachmentId>.part` while they
 * arrive, renamed to `<root>/<vehicleId>/<attachmentId>` once the hash matched. Ids
 * are validated before they get here (VehicleId, UUIDv7), so they are safe file names.
 */
export class AttachmentFiles {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  dir(vehicleId: string): string {
    return join(this.root, vehicleId);
  }

  partPath(vehicleId: string, attachmentId: string): string {
    return join(this.dir(vehicleId), `${attachmentId}.part`);
  }

  finalPath(vehicleId: string, attachmentId: string): string {
    return join(this.dir(vehicleId), attachmentId);
  }

  /** Makes sure the `.part` file exists (empty if new) and its directory entry is durable. */
  async prepare(vehicleId: string, attachmentId: string): Promise<void> {
    await mkdir(this.dir(vehicleId), { recursive: true });
    const handle = await open(this.partPath(vehicleId, attachmentId), 'a');
    await handle.close();
    await syncDir(this.dir(vehicleId));
  }

  /** Size of the `.part` file, or undefined when there is none. */
  async partSize(vehicleId: string, attachmentId: string): Promise<number | undefined> {
    return sizeOf(this.partPath(vehicleId, attachmentId));
  }

  async finalSize(vehicleId: string, attachmentId: string): Promise<number | undefined> {
    return sizeOf(this.finalPath(vehicleId, attachmentId));
  }

  /** Cuts the `.part` file to `length` bytes, durably. */
  async truncate(vehicleId: string, attachmentId: string, length: number): Promise<void> {
    const handle = await open(this.partPath(vehicleId, attachmentId), 'r+');
    try {
      await handle.truncate(length);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  /** Lower-case hex SHA-256 of the `.part` file. */
  async hashPart(vehicleId: string, attachmentId: string): Promise<string> {
    const hash = createHash('sha256');
    await pipeline(createReadStream(this.partPath(vehicleId, attachmentId)), hash);
    return hash.digest('hex');
  }

  /** Renames the checked `.part` file to its final name, durably. */
  async promote(vehicleId: string, attachmentId: string): Promise<void> {
    await rename(this.partPath(vehicleId, attachmentId), this.finalPath(vehicleId, attachmentId));
    await syncDir(this.dir(vehicleId));
  }
}

async function sizeOf(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** fsync of a directory, so a created or renamed entry survives a power cut (a no-op where unsupported). */
async function syncDir(path: string): Promise<void> {
  let handle;
  try {
    handle = await open(path, 'r');
    await handle.sync();
  } catch {
    // Windows cannot open a directory for sync; NTFS journals the rename itself.
  } finally {
    await handle?.close();
  }
}
