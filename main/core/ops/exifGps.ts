/**
 * Where a photo was taken, from its EXIF GPS block (TIFF structure: IFD0's GPS pointer,
 * then latitude/longitude as three rationals with an N/S or E/W reference). Reads only
 * what it needs, checks every offset, and answers undefined for anything it cannot read:
 * a camera's odd EXIF never stops a report.
 */

const GPS_IFD_POINTER = 0x8825;
const TAG = { latRef: 1, lat: 2, lonRef: 3, lon: 4 } as const;

export interface GpsFix {
  latitude: number;
  longitude: number;
}

/** `exif` as sharp's metadata gives it ("Exif\0\0" then TIFF), or a bare TIFF block. */
export function readExifGps(exif: Uint8Array | undefined): GpsFix | undefined {
  if (!exif || exif.length < 14) return undefined;
  const start = exif[0] === 0x45 && exif[1] === 0x78 ? 6 : 0; // "Exif\0\0"
  const view = new DataView(exif.buffer, exif.byteOffset + start, exif.length - start);
  try {
    const order = view.getUint16(0);
    if (order !== 0x4949 && order !== 0x4d4d) return undefined;
    const little = order === 0x4949;
    const u16 = (at: number) => view.getUint16(at, little);
    const u32 = (at: number) => view.getUint32(at, little);
    const entries = (ifd: number) => {
      const found = new Map<number, { type: number; count: number; at: number }>();
      const n = u16(ifd);
      for (let i = 0; i < n; i++) {
        const at = ifd + 2 + i * 12;
        found.set(u16(at), { type: u16(at + 2), count: u32(at + 4), at: at + 8 });
      }
      return found;
    };
    const gpsPointer = entries(u32(4)).get(GPS_IFD_POINTER);
    if (!gpsPointer) return undefined;
    const gps = entries(u32(gpsPointer.at));
    const ref = (tag: number) => {
      const entry = gps.get(tag);
      return entry && entry.type === 2 ? String.fromCharCode(view.getUint8(entry.at)) : undefined;
    };
    const degrees = (tag: number) => {
      const entry = gps.get(tag);
      if (!entry || entry.type !== 5 || entry.count !== 3) return undefined;
      const values = [0, 1, 2].map((i) => {
        const at = u32(entry.at) + i * 8;
        const den = u32(at + 4);
        return den === 0 ? 0 : u32(at) / den;
      });
      return values[0]! + values[1]! / 60 + values[2]! / 3600;
    };
    const lat = degrees(TAG.lat);
    const lon = degrees(TAG.lon);
    if (lat === undefined || lon === undefined) return undefined;
    const latitude = ref(TAG.latRef) === 'S' ? -lat : lat;
    const longitude = ref(TAG.lonRef) === 'W' ? -lon : lon;
    if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180 || (latitude === 0 && longitude === 0)) return undefined;
    return { latitude: Math.round(latitude * 1e7) / 1e7, longitude: Math.round(longitude * 1e7) / 1e7 };
  } catch {
    // An offset past the end (RangeError): not a readable GPS block.
    return undefined;
  }
}
