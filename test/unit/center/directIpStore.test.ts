import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyExchange } from '../../../center/ingest/applyExchange';
import { downlinkItem } from '../../../center/ingest/downlink';
import { FINAL_MT_STATUSES } from '../../../center/iridium/MtDispatcher';
import type { MoSessionRecord, MtRuleQuery } from '../../../center/store/IridiumStore';
import type { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { MT_CANDIDATES_SQL } from '../../../center/store/sqlite/SqliteIridiumStore';
import type { Priority } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import { T0, exchange, storeWithVehicle } from './helpers';

const IMEI = '300234010753370';
let dir: string;
let store: SqliteCenterStore;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'directip-store-'));
  store = await storeWithVehicle(dir);
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function mo(cdrReference: number, receivedAt: number): MoSessionRecord {
  return {
    cdrReference,
    imei: IMEI,
    vehicleId: 'mcv-07',
    sessionStatus: 0,
    momsn: 1,
    sessionAt: receivedAt,
    receivedAt,
    payloadBytes: 40,
    items: 1,
    held: 1,
    location: null,
  };
}

async function queueOrder(priority: Priority, vehicleId = 'mcv-07'): Promise<string> {
  const [queued] = await store.queueDownlink([vehicleId], (_vehicle, seq) =>
    downlinkItem({
      kind: 'order',
      seq,
      id: uuidv7(T0 + seq),
      priority,
      createdAt: T0,
      body: { text: 'go', from: 'Desk', requireAck: true },
    }),
  );
  return queued!.id;
}

const rule = (now: number): MtRuleQuery => ({
  priorities: ['flash', 'immediate'],
  quietBefore: now - 300_000,
  retryBefore: now - 300_000,
  finalStatuses: FINAL_MT_STATUSES,
});
const candidateIds = async (now: number) => (await store.iridium.mtCandidates(rule(now))).map((c) => c.id);

describe('IMEI mapping', () => {
  it('maps one modem to one vehicle, says who holds a taken IMEI, and unmaps', async () => {
    await storeWithVehicleAlso('mcv-08');
    expect(await store.iridium.setImei('mcv-07', IMEI)).toEqual({ outcome: 'set' });
    expect(await store.iridium.setImei('mcv-08', IMEI)).toEqual({ outcome: 'taken', by: 'mcv-07' });
    expect(await store.iridium.setImei('nobody', '300234010750000')).toEqual({ outcome: 'unknown-vehicle' });
    expect(await store.iridium.vehicleByImei(IMEI)).toEqual({ vehicleId: 'mcv-07', revoked: false });
    await store.revokeCredential('vehicle', 'mcv-07', T0);
    expect(await store.iridium.vehicleByImei(IMEI)).toEqual({ vehicleId: 'mcv-07', revoked: true });
    expect(await store.iridium.setImei('mcv-07', null)).toEqual({ outcome: 'set' });
    expect(await store.iridium.imeiOf('mcv-07')).toBeNull();
    expect(await store.iridium.setImei('mcv-08', IMEI)).toEqual({ outcome: 'set' });
  });
});

async function storeWithVehicleAlso(id: string) {
  await store.addCredential({ role: 'vehicle', id, name: id, tokenSha256: new Uint8Array(32), createdAt: T0 });
}

describe('MO deliveries', () => {
  it('records a CDR reference once and lists the newest first', async () => {
    expect(await store.iridium.recordMo(mo(10, T0))).toBe(true);
    expect(await store.iridium.recordMo(mo(10, T0 + 5))).toBe(false);
    expect(await store.iridium.recordMo(mo(11, T0 + 10))).toBe(true);
    expect((await store.iridium.moSession(10))?.receivedAt).toBe(T0);
    expect((await store.iridium.moSessions('mcv-07', 10)).map((s) => s.cdrReference)).toEqual([11, 10]);
  });
});

describe('the MT rule', () => {
  it('picks undelivered flash and immediate items of a quiet vehicle with a modem, nothing else', async () => {
    const now = T0 + 3_600_000;
    const flash = await queueOrder('flash');
    const routine = await queueOrder('routine');
    expect(await candidateIds(now)).toEqual([]); // no IMEI yet
    await store.iridium.setImei('mcv-07', IMEI);
    expect(await candidateIds(now)).toEqual([flash]); // never heard: quiet
    expect(routine).toBeDefined();

    // An IP exchange a minute ago: reachable over IP, so nothing goes by MT.
    await applyExchange(store, 'mcv-07', exchange([]), () => now - 60_000);
    expect(await candidateIds(now)).toEqual([]);
    // Its last contact was an MO (whose items go through the exchange): not reachable over IP.
    await store.iridium.recordMo(mo(1, now - 60_000));
    expect(await candidateIds(now)).toEqual([flash]);

    // Acknowledged by the vehicle: delivered, no longer a candidate.
    await applyExchange(store, 'mcv-07', exchange([], 2), () => now - 120_000);
    expect(await candidateIds(now)).toEqual([]);
  });

  it('sends an item once when the gateway queued it or refused it for good, again after a transient failure', async () => {
    await store.iridium.setImei('mcv-07', IMEI);
    const now = T0 + 3_600_000;
    const queued = await queueOrder('flash');
    const refused = await queueOrder('flash');
    const failed = await queueOrder('immediate');
    const inFlight = await queueOrder('immediate');
    const mt = (itemIds: string[]) =>
      store.iridium.createMt({ vehicleId: 'mcv-07', imei: IMEI, itemIds, payloadBytes: 50, priority: 1, createdAt: now - 600_000 });
    await store.iridium.confirmMt(await mt([queued]), { status: 2, autoIdReference: 9, at: now });
    await store.iridium.confirmMt(await mt([refused]), { status: -2, autoIdReference: 0, at: now });
    await store.iridium.failMt(await mt([failed]), 'no MT confirmation within 15000 ms', now);
    await mt([inFlight]);
    expect(await candidateIds(now)).toEqual([failed]);
    // Within the retry window of its failure it waits.
    expect(await candidateIds(now - 400_000)).toEqual([]);

    const listed = await store.iridium.mtMessages('mcv-07', 10);
    expect(listed.map((m) => [m.clientMessageId, m.itemIds, m.status, m.error])).toEqual([
      [4, [inFlight], null, null],
      [3, [failed], null, 'no MT confirmation within 15000 ms'],
      [2, [refused], -2, null],
      [1, [queued], 2, null],
    ]);
  });
});

describe('migration 16', () => {
  it('finds the MT rule candidates through the IMEI and undelivered-items indexes', async () => {
    const db = new DatabaseConstructor(join(dir, 'center.db'), { readonly: true });
    const plan = (
      db
        .prepare(`EXPLAIN QUERY PLAN ${MT_CANDIDATES_SQL}`)
        .all({ quietBefore: 0, retryBefore: 0, priorities: '[]', finals: '[]' }) as Array<{
        detail: string;
      }>
    )
      .map((row) => row.detail)
      .join('\n');
    db.close();
    expect(plan).toMatch(/(SCAN|SEARCH) v USING INDEX vehicles_by_imei/);
    expect(plan).toMatch(/SEARCH d USING INDEX downlink_undelivered \(vehicle_id=\?\)/);
    expect(plan).not.toMatch(/SCAN (d|c)\b/);
  });
});
