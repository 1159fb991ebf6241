import { afterEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../../../../main/core/ops/MessageService';
import { ConflictError } from '../../../../../main/core/ops/orderSteps';
import { storeDownlink } from '../../../../../main/core/store/inboxRepo';
import { dueOutbox, markDelivered } from '../../../../../main/core/store/outboxRepo';
import { adoptSyncVehicle } from '../../../../../main/core/store/syncStateRepo';
import type { Store } from '../../../../../main/core/store/Store';
import { encodeOutboxEntry } from '../../../../../main/core/sync/outboxItem';
import { uuidv7 } from '../../../../../protocol/sync/uuid';
import { useTempDirs } from '../../../../support/tempDir';
import { HEADER, NOW, reportRig, sendFile, testPhoto } from './reportFixtures';

const tempDir = useTempDirs();
const stores: Store[] = [];
afterEach(() => {
  for (const store of stores.splice(0)) store.close();
});

function rig() {
  const r = reportRig(tempDir());
  stores.push(r.store);
  return r;
}

const outboxKinds = (store: Store) =>
  dueOutbox(store.db, Number.MAX_SAFE_INTEGER, 100).map((e) => ({
    kind: e.kind,
    priority: e.priority,
    thumbnailOf: (e.body as { thumbnailOf?: string }).thumbnailOf,
    attachmentId: e.attachmentId,
  }));

describe('IncidentService: the first report', () => {
  it('opens the incident and queues its 初报 in one write, at immediate for level Ⅲ', () => {
    const { incidents, store, wakes } = rig();
    const detail = incidents.create({ header: HEADER, text: '北岸管涌两处，已组织抢险', files: [] });
    expect(detail.status).toBe('open');
    expect(detail.chain.map((r) => [r.stage, r.number, r.priority, r.delivery.state])).toEqual([['first', 0, 'immediate', 'queued']]);
    expect(detail.chain[0]!.body.incident).toEqual(HEADER);
    expect(outboxKinds(store)).toEqual([{ kind: 'report', priority: 'immediate', thumbnailOf: undefined, attachmentId: null }]);
    const entry = dueOutbox(store.db, NOW, 10)[0]!;
    expect(entry.id).toBe(detail.chain[0]!.id);
    // The stored body is what goes on the wire: it encodes, compactly.
    const wire = encodeOutboxEntry(entry, 'f0000000-0000-7000-8000-000000000001', 1);
    expect(wire.length).toBeLessThanOrEqual(340);
    expect(entry.bytes).toBe(wire.length + 4);
    expect(wakes()).toBe(1);
  });

  it('travels at flash for levels Ⅰ and Ⅱ, unless the operator chose', () => {
    const { incidents } = rig();
    expect(incidents.create({ header: { ...HEADER, level: 'II' }, text: 'x', files: [] }).chain[0]!.priority).toBe('flash');
    expect(incidents.create({ header: { ...HEADER, level: 'I' }, text: 'x', files: [], priority: 'routine' }).chain[0]!.priority).toBe(
      'routine',
    );
  });

  it('computes the deadline from the level: 60 min for Ⅲ, time left running, then met by the delivery', () => {
    const { incidents, store, clock } = rig();
    const detail = incidents.create({ header: HEADER, text: 'x', files: [] });
    expect(detail.deadline).toEqual({ due: HEADER.occurredAt + 60 * 60_000, state: 'running', msLeft: 50 * 60_000, reachedAt: null });
    clock.now = NOW + 51 * 60_000;
    expect(incidents.get(detail.id).deadline.state).toBe('late');
    markDelivered(store.db, [1], NOW + 5 * 60_000);
    expect(incidents.get(detail.id).deadline).toMatchObject({ state: 'met', reachedAt: NOW + 5 * 60_000, msLeft: 45 * 60_000 });
  });
});

describe('IncidentService: photos', () => {
  it('queues the report, then every thumbnail at priority, then the originals at bulk (or as chosen)', async () => {
    const { incidents, files, store } = rig();
    const a = await sendFile(files, await testPhoto(800, 600));
    const b = await sendFile(files, await testPhoto(640, 480));
    const detail = incidents.create({
      header: HEADER,
      text: 'x',
      files: [
        { id: a.id, priority: 'bulk' },
        { id: b.id, priority: 'routine' },
      ],
    });
    expect(detail.chain[0]!.body.attachments).toEqual([a.id, b.id]);
    expect(outboxKinds(store)).toEqual([
      { kind: 'report', priority: 'immediate', thumbnailOf: undefined, attachmentId: null },
      { kind: 'attachment', priority: 'priority', thumbnailOf: a.id, attachmentId: a.thumbnail!.id },
      { kind: 'attachment', priority: 'priority', thumbnailOf: b.id, attachmentId: b.thumbnail!.id },
      { kind: 'attachment', priority: 'routine', thumbnailOf: undefined, attachmentId: b.id },
      { kind: 'attachment', priority: 'bulk', thumbnailOf: undefined, attachmentId: a.id },
    ]);
    expect(detail.chain[0]!.files.map((f) => [f.id, f.thumbnail?.id, f.original.priority, f.thumbnail?.priority])).toEqual([
      [a.id, a.thumbnail!.id, 'bulk', 'priority'],
      [b.id, b.thumbnail!.id, 'routine', 'priority'],
    ]);
  });

  it('refuses a file that is not staged, or already went with another report, writing nothing', async () => {
    const { incidents, files, store } = rig();
    const a = await sendFile(files, await testPhoto(200, 100));
    expect(() => incidents.create({ header: HEADER, text: 'x', files: [{ id: uuidv7(NOW), priority: 'bulk' }] })).toThrow(NotFoundError);
    incidents.create({ header: HEADER, text: 'x', files: [{ id: a.id, priority: 'bulk' }] });
    const before = dueOutbox(store.db, Number.MAX_SAFE_INTEGER, 100).length;
    expect(() => incidents.create({ header: HEADER, text: 'y', files: [{ id: a.id, priority: 'bulk' }] })).toThrow(ConflictError);
    expect(dueOutbox(store.db, Number.MAX_SAFE_INTEGER, 100).length).toBe(before);
    expect(incidents.list(undefined, 10)).toHaveLength(1);
  });
});

describe('IncidentService: the chain', () => {
  it('numbers follow-ups 1, 2 at immediate; the final report closes the incident and nothing follows it', () => {
    const { incidents, store } = rig();
    const { id } = incidents.create({ header: HEADER, text: '初报', files: [] });
    incidents.addReport({ incidentId: id, stage: 'followup', text: '续报一', files: [] });
    const second = incidents.addReport({ incidentId: id, stage: 'followup', text: '续报二', files: [] });
    expect(second.chain.map((r) => [r.stage, r.number, r.priority])).toEqual([
      ['first', 0, 'immediate'],
      ['followup', 1, 'immediate'],
      ['followup', 2, 'immediate'],
    ]);
    const closed = incidents.addReport({ incidentId: id, stage: 'final', text: '终报', nextSteps: '善后', files: [] });
    expect(closed.status).toBe('closed');
    expect(closed.closedAt).toBe(NOW);
    const queued = dueOutbox(store.db, Number.MAX_SAFE_INTEGER, 100).length;
    expect(() => incidents.addReport({ incidentId: id, stage: 'followup', text: 'late', files: [] })).toThrow(
      'the incident has its final report; nothing follows it',
    );
    expect(dueOutbox(store.db, Number.MAX_SAFE_INTEGER, 100).length).toBe(queued);
    expect(incidents.list('closed', 10).map((i) => i.id)).toEqual([id]);
    expect(incidents.list('open', 10)).toEqual([]);
  });

  it('refuses a report for an incident it does not hold', () => {
    const { incidents } = rig();
    expect(() => incidents.addReport({ incidentId: uuidv7(NOW), stage: 'followup', text: 'x', files: [] })).toThrow(NotFoundError);
  });
});

describe('downlink: 签收 and follow-up requests', () => {
  const VEHICLE = 'f0000000-0000-7000-8000-000000000001';

  it('marks a report 已签收, stores a follow-up request as an alert until a 续报 answers it', () => {
    const { incidents, store } = rig();
    adoptSyncVehicle(store.db, VEHICLE, 0);
    const detail = incidents.create({ header: HEADER, text: 'x', files: [] });
    const reportId = detail.chain[0]!.id;
    const ackId = uuidv7(NOW + 1000);
    const askId = uuidv7(NOW + 2000);
    const out = storeDownlink(
      store.db,
      VEHICLE,
      [
        {
          seq: 1,
          item: { kind: 'report-ack', seq: 1, id: ackId, priority: 'routine', createdAt: NOW + 1000, body: { reportId, by: '值班员 王' } },
        },
        {
          seq: 2,
          item: {
            kind: 'followup-request',
            seq: 2,
            id: askId,
            priority: 'immediate',
            createdAt: NOW + 2000,
            body: { incidentId: detail.id, from: '指挥中心', text: '请续报伤亡' },
          },
        },
      ],
      NOW + 3000,
    );
    expect(out).toMatchObject({ downAck: 2, added: [], incidentIds: [detail.id, detail.id] });
    const after = incidents.get(detail.id);
    expect([after.chain[0]!.ackedAt, after.chain[0]!.ackedBy, after.acked]).toEqual([NOW + 1000, '值班员 王', 1]);
    expect(incidents.followups().map((f) => [f.id, f.text, f.incidentTitle])).toEqual([[askId, '请续报伤亡', HEADER.title]]);
    // The same request again (a center restored from a backup) is held once.
    storeDownlink(
      store.db,
      VEHICLE,
      [
        {
          seq: 3,
          item: {
            kind: 'followup-request',
            seq: 3,
            id: askId,
            priority: 'immediate',
            createdAt: NOW,
            body: { incidentId: detail.id, from: 'x', text: 'y' },
          },
        },
      ],
      NOW,
    );
    expect(incidents.followups()).toHaveLength(1);
    incidents.addReport({ incidentId: detail.id, stage: 'followup', text: '伤亡：无', files: [] });
    expect(incidents.followups()).toEqual([]);
    expect(incidents.get(detail.id).followups[0]!.answeredAt).toBe(NOW);
  });

  it('lets the crew dismiss a follow-up request', () => {
    const { incidents, store } = rig();
    adoptSyncVehicle(store.db, VEHICLE, 0);
    const detail = incidents.create({ header: HEADER, text: 'x', files: [] });
    const askId = uuidv7(NOW);
    storeDownlink(
      store.db,
      VEHICLE,
      [
        {
          seq: 1,
          item: {
            kind: 'followup-request',
            seq: 1,
            id: askId,
            priority: 'routine',
            createdAt: NOW,
            body: { incidentId: detail.id, from: 'c', text: 't' },
          },
        },
      ],
      NOW,
    );
    expect(incidents.dismissFollowup(askId).dismissedAt).toBe(NOW);
    expect(incidents.followups()).toEqual([]);
  });
});
