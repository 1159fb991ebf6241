import { afterEach, describe, expect, it } from 'vitest';
import { applyExchange } from '../../../center/ingest/applyExchange';
import { ackReport } from '../../../center/ingest/incidentDownlink';
import type { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { DEFAULT_FIRST_REPORT_DEADLINES, type ReportBody } from '../../../protocol/sync/incidents';
import type { SyncItem } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { useTempDirs } from '../../support/tempDir';
import { T0, exchange, storeWithVehicle } from './helpers';

/** Reports and thumbnails through the real ingest into a real SQLite store: out of order, replayed, receipted. */

const V = 'mcv-07';
const MIN = 60_000;
const tempDir = useTempDirs();
const stores: SqliteCenterStore[] = [];
afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

async function open(): Promise<SqliteCenterStore> {
  const store = await storeWithVehicle(tempDir(), V);
  stores.push(store);
  return store;
}

const incidentId = uuidv7(T0);
const header = { category: 'natural', type: 'flood', level: 'III', title: 'Levee', occurredAt: T0 } as const;

function report(seq: number, createdAt: number, body: Partial<ReportBody>): SyncItem {
  return {
    kind: 'report',
    seq,
    id: uuidv7(createdAt),
    priority: 'immediate',
    createdAt,
    body: { incidentId, stage: 'first', number: 0, text: `report ${seq}`, ...body } as ReportBody,
  };
}

const apply = (store: SqliteCenterStore, items: SyncItem[], at: number) => applyExchange(store, V, exchange(items), () => at);
const list = (store: SqliteCenterStore, now: number) => store.incidents.list({ limit: 10 }, now, DEFAULT_FIRST_REPORT_DEADLINES);

describe('incident ingest', () => {
  it('keeps a follow-up that arrives before its first report, then completes the chain; the newest header wins', async () => {
    const store = await open();
    await apply(
      store,
      [report(1, T0 + 20 * MIN, { stage: 'followup', number: 1, incident: { ...header, level: 'II', title: 'Levee (Ⅱ)' } })],
      T0 + 21 * MIN,
    );
    expect((await list(store, T0 + 21 * MIN))[0]).toMatchObject({
      header: { level: 'II', title: 'Levee (Ⅱ)' },
      firstReportAt: null,
      chain: { missingFirst: true },
      deadline: { state: 'running', due: T0 + 35 * MIN },
    });
    // The first report was written earlier: its (older) header does not replace the newer one.
    await apply(store, [report(2, T0 + 10 * MIN, { incident: header })], T0 + 40 * MIN);
    expect((await list(store, T0 + 40 * MIN))[0]).toMatchObject({
      header: { level: 'II' },
      firstReportAt: T0 + 40 * MIN,
      chain: { complete: true },
      deadline: { state: 'late', msLeft: -5 * MIN },
      reportCount: 2,
    });
    await apply(store, [report(3, T0 + 50 * MIN, { stage: 'final' })], T0 + 50 * MIN);
    expect((await list(store, T0 + 50 * MIN))[0]).toMatchObject({ status: 'closed', chain: { hasFinal: true } });
  });

  it('stores a replayed report once', async () => {
    const store = await open();
    const first = report(1, T0, { incident: header });
    await apply(store, [first], T0 + MIN);
    await apply(store, [first], T0 + 2 * MIN);
    expect((await list(store, T0 + 2 * MIN))[0]).toMatchObject({ reportCount: 1, firstReportAt: T0 + MIN });
  });

  it('links a thumbnail that arrives before the report naming its original', async () => {
    const store = await open();
    const original = uuidv7(T0 + 1);
    const thumbnail = uuidv7(T0 + 2);
    await store.createUpload({
      vehicleId: V,
      attachmentId: thumbnail,
      name: 't.jpg',
      mime: 'image/jpeg',
      size: 3,
      sha256: 'a'.repeat(64),
      createdAt: T0,
    });
    await store.completeUpload(V, thumbnail, T0);
    const thumbItem: SyncItem = {
      kind: 'attachment',
      seq: 1,
      id: uuidv7(T0 + 3),
      priority: 'priority',
      createdAt: T0,
      body: { attachmentId: thumbnail, name: 't.jpg', mime: 'image/jpeg', size: 3, sha256: 'a'.repeat(64), thumbnailOf: original },
    };
    await apply(store, [thumbItem], T0 + MIN);
    await apply(store, [report(2, T0, { incident: header, attachments: [original] })], T0 + 2 * MIN);
    const detail = await store.incidents.detail(incidentId, T0 + 2 * MIN, DEFAULT_FIRST_REPORT_DEADLINES);
    expect(detail?.reports[0]?.files).toEqual([
      {
        vehicleId: V,
        attachmentId: original,
        name: null,
        mime: null,
        size: null,
        thumbnailUrl: `/desk/v1/vehicles/${V}/attachments/${thumbnail}/inline`,
        originalUrl: null,
        downloadUrl: null,
      },
    ]);
  });

  it('records a 签收 once and queues one report-ack', async () => {
    const store = await open();
    const first = report(1, T0, { incident: header });
    await apply(store, [first], T0 + MIN);
    const staff = { id: 'wang', name: 'Desk Wang' };
    expect(await ackReport(store, first.id, staff, T0 + 2 * MIN)).toMatchObject({ vehicleId: V, seq: 1 });
    expect(await ackReport(store, first.id, staff, T0 + 3 * MIN)).toBeUndefined();
    expect(await store.incidents.report(first.id)).toMatchObject({ ackedAt: T0 + 2 * MIN, ackedBy: 'Desk Wang' });
    const down = await store.listDownlink(V);
    expect(down.map((d) => [d.kind, d.body])).toEqual([['report-ack', { reportId: first.id, by: 'Desk Wang' }]]);
  });
});
