import sharp, { type Metadata, type OutputInfo } from 'sharp';
import { readExifGps, type GpsFix } from './exifGps';

/** The thumbnail's longest side, px: enough to judge a scene on the desk, a few KB on the wire. */
export const THUMBNAIL_SIDE = 320;
/** What a thumbnail may weigh: one satellite burst, seconds on a narrow link. */
export const THUMBNAIL_MAX_BYTES = 12 * 1024;

/** Tried in order until the thumbnail fits THUMBNAIL_MAX_BYTES: quality first, then size. */
const STEPS = [
  { side: THUMBNAIL_SIDE, quality: 60 },
  { side: THUMBNAIL_SIDE, quality: 45 },
  { side: 240, quality: 45 },
  { side: 160, quality: 40 },
] as const;

export interface PhotoThumbnail {
  data: Buffer;
  width: number;
  height: number;
  /** The photo's own size, upright (EXIF orientation applied). */
  photoWidth: number;
  photoHeight: number;
  gps: GpsFix | undefined;
}

/**
 * A small upright JPEG of the photo at `path` (turned by its EXIF orientation, metadata
 * dropped), and where the photo was taken if its EXIF says. The original is only read.
 * Undefined when the file is not an image sharp can read (a clip, a document).
 */
export async function makePhotoThumbnail(path: string): Promise<PhotoThumbnail | undefined> {
  let meta: Metadata;
  try {
    meta = await sharp(path).metadata();
  } catch {
    return undefined;
  }
  if (!meta.width || !meta.height) return undefined;
  const turned = (meta.orientation ?? 1) >= 5;
  const photoWidth = turned ? meta.height : meta.width;
  const photoHeight = turned ? meta.width : meta.height;
  let made: { data: Buffer; info: OutputInfo } | undefined;
  for (const step of STEPS) {
    made = await sharp(path)
      .rotate()
      .resize({ width: step.side, height: step.side, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: step.quality, mozjpeg: true })
      .toBuffer({ resolveWithObject: true });
    if (made.data.length <= THUMBNAIL_MAX_BYTES) break;
  }
  return {
    data: made!.data,
    width: made!.info.width,
    height: made!.info.height,
    photoWidth,
    photoHeight,
    gps: readExifGps(meta.exif),
  };
}
