import { join } from 'node:path';
import sharp from 'sharp';
import { IncidentService } from '../../../../../main/core/ops/IncidentService';
import { ReportFileIntake } from '../../../../../main/core/ops/ReportFileIntake';
import { Store } from '../../../../../main/core/store/Store';
import type { LinkPolicy } from '../../../../../protocol/links/policy';
import { DEFAULT_FIRST_REPORT_DEADLINES, type IncidentHeader } from '../../../../../protocol/sync/incidents';

export const NOW = 1_800_000_000_000;

/** A store, the incident service and the file intake on a real SQLite file in `dir`. */
export function reportRig(dir: string, policy: LinkPolicy = { decisions: [], at: NOW }) {
  const store = Store.open({ file: join(dir, 'console.db') });
  let outboxWakes = 0;
  const clock = { now: NOW };
  const incidents = new IncidentService({
    store,
    deadlines: DEFAULT_FIRST_REPORT_DEADLINES,
    policy: () => policy,
    onOutbox: () => outboxWakes++,
    now: () => clock.now,
  });
  const files = new ReportFileIntake({
    store,
    attachmentsDir: join(dir, 'attachments'),
    partsDir: join(dir, 'parts'),
    now: () => clock.now,
  });
  return { store, incidents, files, clock, wakes: () => outboxWakes };
}

export const HEADER: IncidentHeader = {
  category: 'natural',
  type: 'flood',
  level: 'III',
  title: '河堤管涌',
  latitude: 34.7466,
  longitude: 113.6253,
  occurredAt: NOW - 10 * 60_000,
};

/** A noisy photo (noise keeps JPEG from squeezing it small), with EXIF orientation `orientation`. */
export async function testPhoto(width: number, height: number, orientation = 1): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 7;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = (seed >> 16) & 0xff;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .withMetadata({ orientation })
    .toBuffer();
}

/** Sends `data` through files.start/append/finish in chunks of `chunk` bytes. */
export async function sendFile(files: ReportFileIntake, data: Buffer, name = 'photo.jpg', mime = 'image/jpeg', chunk = 64 * 1024) {
  const { id } = files.start({ name, mime, size: data.length });
  for (let at = 0, seq = 0; at < data.length; at += chunk, seq++) files.append(id, seq, data.subarray(at, at + chunk));
  return files.finish(id);
}
