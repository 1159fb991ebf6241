import { describe, expect, it } from 'vitest';
import { FileStartParams } from '../../../protocol/api/incidents';
import { AttachmentCreate } from '../../../protocol/sync/attachments';
import { FileName, MimeType } from '../../../protocol/sync/fileText';

const create = (name: string, mime: string) =>
  AttachmentCreate.safeParse({ attachmentId: '0190f5a4-7b1c-7cc2-8f6e-5d1a2b3c4d5e', size: 10, sha256: 'a'.repeat(64), name, mime })
    .success;

describe('file names and MIME types from outside', () => {
  it('take names in any script and common MIME types with parameters', () => {
    expect(FileName.safeParse('IMG_0412 河堤 km 12.jpg').success).toBe(true);
    expect(MimeType.safeParse('video/webm;codecs="vp8,opus"').success).toBe(true);
    expect(create('report.pdf', 'application/pdf')).toBe(true);
  });

  it('refuse control characters that would forge header or log lines', () => {
    for (const name of ['a\r\nSet-Cookie: x', 'tab\there', 'nul\u0000.jpg', 'del\u007f', 'esc\u001b[31m']) {
      expect(FileName.safeParse(name).success).toBe(false);
      expect(create(name, 'image/jpeg')).toBe(false);
    }
    for (const mime of ['image/jpeg\r\nX: y', 'text/plain\u0000', 'image', 'bild/jpeg\u00e9'])
      expect(MimeType.safeParse(mime).success).toBe(false);
    expect(FileStartParams.safeParse({ name: 'clip\n.webm', mime: 'video/webm', size: 10 }).success).toBe(false);
    expect(FileStartParams.safeParse({ name: '  clip.webm  ', mime: 'video/webm', size: 10 })).toMatchObject({
      success: true,
      data: { name: 'clip.webm' },
    });
  });
});
