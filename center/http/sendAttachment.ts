import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type { ServerResponse } from 'node:http';
import { Uuid } from '../../protocol/sync/items';
import type { CenterContext } from './context';
import { CenterHttpError } from './errors';

/**
 * Sends a vehicle's complete attachment to the desk: as a download (`attachment`), or
 * `inline` so the desk can show a photo or clip in the page. Either way under
 * `CSP: sandbox` and `nosniff`: what a vehicle uploads is not ours to run. Inline is
 * granted only to images and video; anything else still goes as a download.
 */
export async function sendAttachment(
  context: CenterContext,
  res: ServerResponse,
  vehicleId: string,
  rawAttachmentId: string | undefined,
  disposition: 'attachment' | 'inline',
): Promise<void> {
  const attachmentId = Uuid.safeParse(rawAttachmentId);
  const upload = attachmentId.success ? await context.store.getUpload(vehicleId, attachmentId.data) : undefined;
  if (!upload || upload.completedAt === null) throw new CenterHttpError('not-found', 'no complete attachment with this id');
  const path = context.files.finalPath(vehicleId, upload.attachmentId);
  const size = await stat(path).then(
    (found) => found.size,
    () => undefined,
  );
  if (size !== upload.size) {
    context.log.warn(
      `attachment ${vehicleId}/${upload.attachmentId} is complete in the database but its file is ${size === undefined ? 'missing' : `${size} bytes`}: ${path}`,
    );
    throw new CenterHttpError('not-found', 'the attachment file is missing on the center; it was logged');
  }
  const mime = safeMime(upload.mime);
  const shown = disposition === 'inline' && /^(image|video)\//i.test(mime) ? 'inline' : 'attachment';
  res.writeHead(200, {
    'content-type': mime,
    'content-length': String(upload.size),
    'content-disposition': `${shown}; filename*=UTF-8''${encodeURIComponent(upload.name)}`,
    'content-security-policy': "sandbox; default-src 'none'",
    'x-content-type-options': 'nosniff',
    'cache-control': 'private, max-age=3600',
  });
  await pipeline(createReadStream(path), res);
}

/** The stored MIME type if it is a plain `type/subtype[; params]`, else a neutral one. */
function safeMime(mime: string): string {
  return /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;\s*[a-z0-9-]+=("[^"\r\n]*"|[a-z0-9._-]+))*$/i.test(mime)
    ? mime
    : 'application/octet-stream';
}
