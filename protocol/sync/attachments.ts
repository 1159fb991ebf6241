import { z } from 'zod';
import { FileName, MimeType } from './fileText';
import { Uuid } from './items';

/**
 * Attachment upload, after tus 1.0: the vehicle announces the file (`POST
 * /sync/v1/attachments`, CBOR), asks where the center stands (`HEAD …/<id>` →
 * `Upload-Offset`), and sends the rest (`PATCH …/<id>` with `Upload-Offset`, body
 * `application/offset+octet-stream`). The center keeps every byte it durably received,
 * even from a cut request, so a resumed upload starts at its offset. When the last byte
 * arrives the center checks the SHA-256; only then is the file complete and may the
 * attachment item be accepted.
 */

export const MAX_ATTACHMENT_BYTES = 4 * 1024 ** 3;
export const OFFSET_MIME = 'application/offset+octet-stream';

export const AttachmentCreate = z
  .object({
    attachmentId: Uuid,
    size: z.number().int().min(0).max(MAX_ATTACHMENT_BYTES),
    sha256: z.string().regex(/^[0-9a-f]{64}$/, 'expected the lower-case hex SHA-256'),
    name: FileName,
    mime: MimeType,
  })
  .strict();
export type AttachmentCreate = z.infer<typeof AttachmentCreate>;

/** The center's view of an upload: the answer to create and PATCH. */
export const AttachmentState = z
  .object({
    attachmentId: Uuid,
    /** Bytes the center holds durably. */
    offset: z.number().int().min(0),
    size: z.number().int().min(0),
    /** All bytes arrived and the hash matched. */
    complete: z.boolean(),
  })
  .strict();
export type AttachmentState = z.infer<typeof AttachmentState>;

export const UPLOAD_HEADERS = {
  offset: 'upload-offset',
  length: 'upload-length',
  complete: 'upload-complete',
} as const;
