import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentDetail, StagedFileView } from '../../../protocol/api/incidents';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import { useTempDirs } from '../../support/tempDir';
import { RIG_LINK, SyncRig, waitForAsync } from '../../support/syncRig';

/**
 * A first report with two photos from the console's API to the real center over the
 * satellite profile: the report first, both thumbnails before either full photo, each once;
 * the console then shows the report delivered and its first-report deadline met.
 */

const tempDir = useTempDirs();
const rigs: SyncRig[] = [];
afterEach(async () => {
  for (const r of rigs.splice(0)) await r.close();
});

async function noisyPhoto(width: number, height: number): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  let seed = 11;
  for (let i = 0; i < pixels.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    pixels[i] = (seed >> 16) & 0xff;
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 80 })
    .toBuffer();
}

async function stage(r: SyncRig, data: Buffer, name: string): Promise<StagedFileView> {
  const { id } = await r.call<{ id: string }>('files.start', { name, mime: 'image/jpeg', size: data.length });
  await r.call('files.append', { id, seq: 0, data: data.toString('base64') });
  return r.call<StagedFileView>('files.finish', { id });
}

describe('incident reports to the center', () => {
  it('sends the first report, then both thumbnails, then the full photos, each exactly once', { timeout: 120_000 }, async () => {
    const r = await SyncRig.start(tempDir(), { profile: 'satellite', capacityKbps: 512 });
    rigs.push(r);
    await waitForAsync(
      'link up',
      async () => (await r.call<LinkStatus[]>('links.list')).find((l) => l.id === RIG_LINK)?.state === 'up',
      20_000,
    );
    const a = await stage(r, await noisyPhoto(640, 480), 'dike-north.jpg');
    const b = await stage(r, await noisyPhoto(480, 640), 'dike-south.jpg');
    const incident = await r.call<IncidentDetail>('incidents.create', {
      header: {
        category: 'natural',
        type: 'flood',
        level: 'III',
        title: '北岸管涌',
        latitude: 34.75,
        longitude: 113.62,
        occurredAt: Date.now(),
      },
      text: '北岸管涌两处，已组织抢险',
      files: [
        { id: a.id, priority: 'bulk' },
        { id: b.id, priority: 'bulk' },
      ],
    });
    const reportId = incident.chain[0]!.id;

    const items = await waitForAsync(
      'the report and all four files at the center',
      async () => {
        const held = await r.deskItems();
        return held.filter((i) => i.kind === 'report' || i.kind === 'attachment').length >= 5 ? held : undefined;
      },
      90_000,
      250,
    );
    const sent = items.filter((i) => i.kind === 'report' || i.kind === 'attachment');
    expect(
      sent.map((i) =>
        i.kind === 'report' ? 'report' : i.body.thumbnailOf ? `thumb:${String(i.body.thumbnailOf)}` : `full:${String(i.body.attachmentId)}`,
      ),
    ).toEqual(['report', `thumb:${a.id}`, `thumb:${b.id}`, `full:${a.id}`, `full:${b.id}`]);
    expect(sent[0]).toMatchObject({ id: reportId, priority: 'immediate', body: { stage: 'first', number: 0, attachments: [a.id, b.id] } });
    expect(sent.slice(1, 3).map((i) => i.body.size)).toEqual([a.thumbnail!.size, b.thumbnail!.size]);
    expect(new Set(sent.map((i) => i.id)).size).toBe(5);

    const after = await waitForAsync(
      'the console shows every item delivered',
      async () => {
        const d = await r.call<IncidentDetail>('incidents.get', { id: incident.id });
        const files = d.chain[0]!.files;
        return files.every((f) => f.original.delivery?.state === 'delivered' && f.thumbnail?.delivery?.state === 'delivered')
          ? d
          : undefined;
      },
      20_000,
      250,
    );
    expect(after.chain[0]!.delivery.state).toBe('delivered');
    expect(after.deadline).toMatchObject({ state: 'met', reachedAt: after.chain[0]!.delivery.deliveredAt });
    expect(r.events.some((e) => e.name === 'incidents.changed' && (e.data as string[]).includes(incident.id))).toBe(true);
  });
});
