import { describe, expect, it } from 'vitest';
import type { LinkStatus } from '../../../../../../protocol/links/linkStatus';
import type { LinkPolicy } from '../../../../../../protocol/links/policy';
import { PolicyEngine } from '../../../../../../main/core/links/policy/PolicyEngine';

function status(id: string, patch: Partial<LinkStatus>): LinkStatus {
  return {
    id,
    name: id,
    kind: 'cellular',
    state: 'up',
    reason: { code: 'ok' },
    since: 0,
    metered: true,
    capacityKbps: 10_000,
    device: { driver: 'at-cellular', connection: 'ready' },
    ...patch,
  };
}
const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));
const liveOf = (p: LinkPolicy) => p.decisions.find((d) => d.trafficClass === 'live');

describe('PolicyEngine', () => {
  it('decides once per burst of status changes and announces only real changes', async () => {
    const engine = new PolicyEngine({ pins: {}, allowMeteredBulk: false }, () => 7);
    const announced: LinkPolicy[] = [];
    engine.on('policy', (p) => announced.push(p));
    const a = status('a', { capacityKbps: 50_000 });
    const b = status('b', { capacityKbps: 4000 });
    engine.setLinks([a, b]);
    engine.setLinks([a, b]);
    await flush();
    expect(announced).toHaveLength(1);
    expect(liveOf(engine.current)).toMatchObject({ linkId: 'a' });
    engine.setLinks([{ ...a, capacityKbps: 48_000 }, b]); // budget capped at 4000 either way
    await flush();
    expect(announced).toHaveLength(1);
    engine.setLinks([{ ...a, state: 'down', capacityKbps: 0 }, b]);
    await flush();
    expect(announced).toHaveLength(2);
    expect(liveOf(engine.current)).toMatchObject({ linkId: 'b' });
  });

  it('uses the measured path latency when it is fresh', async () => {
    const engine = new PolicyEngine({ pins: {}, allowMeteredBulk: false });
    const probed = status('sat', {
      kind: 'satellite-ip',
      capacityKbps: 512,
      path: { method: 'udp-echo', target: 'x:1', lostInARow: 0, latencyMs: { value: 40, at: 0, stale: false } },
    });
    const cell = status('cell', { capacityKbps: 10_000 });
    engine.setLinks([probed, cell]);
    await flush();
    expect(engine.current.decisions.find((d) => d.trafficClass === 'control')?.linkId).toBe('sat');
  });

  it("applies the operator's pins when they change", async () => {
    const engine = new PolicyEngine({ pins: {}, allowMeteredBulk: false });
    engine.setLinks([status('a', { capacityKbps: 50_000 }), status('b', { capacityKbps: 4000 })]);
    engine.setChoices({ pins: { live: 'b' }, allowMeteredBulk: true });
    await flush();
    expect(liveOf(engine.current)).toMatchObject({ linkId: 'b', reason: 'pinned' });
    expect(engine.current.decisions.find((d) => d.trafficClass === 'bulk')?.linkId).toBe('a');
  });
});
