import exifr from 'exifr';
import sharp, { type Metadata, type OutputInfo } from 'sharp';

export interface GpsFix {
  latitude: number;
  longitude: number;
}

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
    gps: await photoPosition(path),
  };
}

/**
 * Where the photo was taken, from its EXIF GPS block (exifr), rounded to 1e-7 degrees as on
 * the wire; undefined when there is none, it is out of range or 0°/0° (a camera without a
 * fix), or the EXIF cannot be read: a camera's odd EXIF never stops a report.
 */
export async function photoPosition(photo: string | Uint8Array): Promise<GpsFix | undefined> {
  let gps: { latitude?: unknown; longitude?: unknown } | undefined;
  try {
    gps = (await exifr.gps(photo as string)) as typeof gps;
  } catch {
    return undefined;
  }
  const { latitude, longitude } = gps ?? {};
  if (typeof latitude !== 'number' || typeof longitude !== 'number' || !Number.isFinite(latitude) || !Number.isFinite(longitude))
    return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180 || (latitude === 0 && longitude === 0)) return undefined;
  return { latitude: Math.round(latitude * 1e7) / 1e7, longitude: Math.round(longitude * 1e7) / 1e7 };
}
