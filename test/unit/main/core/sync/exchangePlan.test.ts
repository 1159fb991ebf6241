import { describe, expect, it } from 'vitest';
import { planExchange, type PlanInputs } from '../../../../../main/core/sync/exchangePlan';
import type { LinkRoute } from '../../../../../main/core/sync/linkRoute';
import type { OutboxEntry } from '../../../../../main/core/store/outboxRepo';
import type { Priority } from '../../../../../protocol/sync/items';
import { uuidv7 } from '../../../../../protocol/sync/uuid';

const route = (linkId: string, budgetKbps: number): LinkRoute => ({
  linkId,
  linkName: linkId,
  route: { baseUrl: 'http://127.0.0.1:7000' },
  budgetKbps,
  latencyMs: 100,
  capacityKbps: 1000,
});
const FIVE_G = route('5g', 5000);
const HF = route('hf', 2);

let seq = 0;
function message(priority: Priority, text = 'report', extra: Partial<OutboxEntry> = {}): OutboxEntry {
  seq += 1;
  return {
    seq,
    id: uuidv7(),
    kind: 'message',
    priority,
    createdAt: 1_760_000_000_000,
    body: { text },
    bytes: 40,
    state: 'queued',
    attempts: 0,
    nextAttemptAt: 0,
    lastError: null,
    parkCode: null,
    parkReason: null,
    deliveredAt: null,
    attachmentId: null,
    ...extra,
  };
}

const inputs = (due: OutboxEntry[], overrides: Partial<PlanInputs> = {}): PlanInputs => ({
  due,
  vehicle: { vehicleId: 'mcv-07', seqOffset: 100, downAck: 0, centerAck: 0, lastContactAt: null },
  batchLimit: 200,
  routeFor: (trafficClass) => (trafficClass === 'bulk' ? HF : FIVE_G),
  fileComplete: () => true,
  unencodable: () => undefined,
  ...overrides,
});

describe('planExchange', () => {
  it('lets the most urgent item pick the link and gathers only items for that link', () => {
    const flash = message('flash');
    const bulk = message('bulk');
    const routine = message('routine');
    const plan = planExchange(inputs([flash, bulk, routine]))!;
    expect(plan.link.linkId).toBe('5g');
    expect(plan.priority).toBe('flash');
    expect(plan.entries.map((e) => e.seq)).toEqual([flash.seq, routine.seq]);
    expect(plan.encoded).toHaveLength(2);
  });

  it('numbers items on the wire after what the center held before this store (the seq offset)', () => {
    const entry = message('routine');
    const plan = planExchange(inputs([entry]))!;
    // CBOR map with the seq field: the wire seq is entry.seq + 100, not entry.seq.
    const again = planExchange(
      inputs([entry], { vehicle: { vehicleId: 'mcv-07', seqOffset: 0, downAck: 0, centerAck: 0, lastContactAt: null } }),
    )!;
    expect(Buffer.from(plan.encoded[0]!).equals(Buffer.from(again.encoded[0]!))).toBe(false);
  });

  it("keeps a batch to about four seconds of a narrow link's budget, but always sends one item", () => {
    const due = Array.from({ length: 50 }, () => message('bulk', '现场情况报告'.repeat(30)));
    const plan = planExchange(inputs(due))!;
    const bytes = plan.encoded.reduce((n, b) => n + b.length, 0);
    expect(plan.link.linkId).toBe('hf');
    // 2 kbit/s × 4 s = 1 KB, raised to the 4 KB floor.
    expect(bytes).toBeLessThanOrEqual(4096);
    expect(plan.entries.length).toBeGreaterThan(1);
    expect(plan.entries.length).toBeLessThan(50);
    const huge = message('bulk', '长'.repeat(2000));
    expect(planExchange(inputs([huge], { routeFor: () => HF }))!.entries).toHaveLength(1);
  });

  it('stops at the batch limit (halved after a refused request)', () => {
    const due = Array.from({ length: 10 }, () => message('routine'));
    expect(planExchange(inputs(due, { batchLimit: 3 }))!.entries).toHaveLength(3);
  });

  it("holds back an attachment's item until the center holds the whole file, and skips classes with no route", () => {
    const photo = message('bulk', 'x', { kind: 'attachment', attachmentId: 'a1', body: { attachmentId: 'a1' } });
    expect(planExchange(inputs([photo], { fileComplete: () => false }))).toBeUndefined();
    expect(planExchange(inputs([message('routine')], { routeFor: () => undefined }))).toBeUndefined();
  });

  it('reports an item that cannot be encoded and plans the rest', () => {
    const broken = message('flash', '');
    const fine = message('routine');
    const refused: Array<[number, string]> = [];
    const plan = planExchange(inputs([broken, fine], { unencodable: (entry, problem) => refused.push([entry.seq, problem.code]) }))!;
    expect(refused).toEqual([[broken.seq, 'malformed']]);
    expect(plan.entries.map((e) => e.seq)).toEqual([fine.seq]);
    expect(plan.priority).toBe('routine');
  });
});
