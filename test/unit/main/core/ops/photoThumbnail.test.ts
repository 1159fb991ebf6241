import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { makePhotoThumbnail, photoPosition, THUMBNAIL_MAX_BYTES } from '../../../../../main/core/ops/photoThumbnail';
import { ChunkOrderError } from '../../../../../main/core/ops/RecordingService';
import type { Store } from '../../../../../main/core/store/Store';
import { useTempDirs } from '../../../../support/tempDir';
import { reportRig, sendFile, testPhoto } from './reportFixtures';

const tempDir = useTempDirs();
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

/** A JPEG whose EXIF GPS block says 34°44'47.76" N, 113°37'31.08" E (written by sharp, read back by exifr). */
function locatedPhoto(): Promise<Buffer> {
  return sharp({ create: { width: 640, height: 480, channels: 3, background: '#6a8' } })
    .jpeg()
    .withExif({
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '34/1 44/1 4776/100', GPSLongitudeRef: 'E', GPSLongitude: '113/1 37/1 3108/100' },
    })
    .toBuffer();
}

describe('makePhotoThumbnail', () => {
  it('makes an upright JPEG of at most 12 KB whose longest side is 320 px', async () => {
    const path = join(tempDir(), 'big.jpg');
    writeFileSync(path, await testPhoto(2000, 1500));
    const thumb = (await makePhotoThumbnail(path))!;
    expect(thumb.data.length).toBeLessThanOrEqual(THUMBNAIL_MAX_BYTES);
    expect(Math.max(thumb.width, thumb.height)).toBeLessThanOrEqual(320);
    expect([thumb.width, thumb.height]).toEqual(thumb.width === 320 ? [320, 240] : [thumb.width, thumb.height]);
    expect(await sharp(thumb.data).metadata()).toMatchObject({ format: 'jpeg', width: thumb.width, height: thumb.height });
    expect([thumb.photoWidth, thumb.photoHeight]).toEqual([2000, 1500]);
  });

  it('honours EXIF orientation 6 (turned 90°): a landscape-stored photo becomes a portrait thumbnail', async () => {
    const path = join(tempDir(), 'turned.jpg');
    writeFileSync(path, await testPhoto(640, 480, 6));
    expect((await sharp(path).metadata()).orientation).toBe(6);
    const thumb = (await makePhotoThumbnail(path))!;
    expect([thumb.width, thumb.height]).toEqual([240, 320]);
    expect([thumb.photoWidth, thumb.photoHeight]).toEqual([480, 640]);
    const shown = await sharp(thumb.data).metadata();
    expect([shown.width, shown.height, shown.orientation ?? 1]).toEqual([240, 320, 1]);
  });

  it('answers undefined for a file that is not an image', async () => {
    const path = join(tempDir(), 'notes.txt');
    writeFileSync(path, 'not a photo');
    expect(await makePhotoThumbnail(path)).toBeUndefined();
  });
});

describe('photoPosition', () => {
  it('reads where the photo was taken from its EXIF GPS block, and the thumbnail carries it', async () => {
    const photo = await locatedPhoto();
    expect(await photoPosition(photo)).toEqual({ latitude: 34.7466, longitude: 113.6253 });
    const path = join(tempDir(), 'located.jpg');
    writeFileSync(path, photo);
    expect((await makePhotoThumbnail(path))?.gps).toEqual({ latitude: 34.7466, longitude: 113.6253 });
  });

  it('answers undefined for a photo without GPS, a block cut short, or a file that is not an image', async () => {
    expect(await photoPosition(await testPhoto(64, 48))).toBeUndefined();
    expect(await photoPosition((await locatedPhoto()).subarray(0, 60))).toBeUndefined();
    expect(await photoPosition(Buffer.from('not a photo'))).toBeUndefined();
  });
});

describe('ReportFileIntake', () => {
  it('keeps the original untouched with its SHA-256, stages it with a thumbnail', async () => {
    const dir = tempDir();
    const { files, store } = reportRig(dir);
    stores.push(store);
    const photo = await testPhoto(1200, 900);
    const staged = await sendFile(files, photo, 'site.jpg', 'image/jpeg', 10_000);
    expect(readFileSync(join(dir, 'attachments', staged.id)).equals(photo)).toBe(true);
    expect(staged).toMatchObject({ name: 'site.jpg', size: photo.length, gps: null });
    expect(staged.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(staged.thumbnail!.size).toBeLessThanOrEqual(THUMBNAIL_MAX_BYTES);
    expect(readFileSync(join(dir, 'attachments', staged.thumbnail!.id)).length).toBe(staged.thumbnail!.size);
    expect(files.preview(staged.id)!.mime).toBe('image/jpeg');
  });

  it('takes a repeated chunk once, refuses one out of order or a file shorter than announced', async () => {
    const dir = tempDir();
    const { files, store } = reportRig(dir);
    stores.push(store);
    const { id } = files.start({ name: 'a.bin', mime: 'application/octet-stream', size: 6 });
    files.append(id, 0, Buffer.from('abc'));
    expect(files.append(id, 0, Buffer.from('abc'))).toEqual({ bytes: 3 });
    expect(() => files.append(id, 2, Buffer.from('x'))).toThrow(ChunkOrderError);
    await expect(files.finish(id)).rejects.toThrow(ChunkOrderError);
    expect(existsSync(join(dir, 'attachments', id))).toBe(false);
  });
});
