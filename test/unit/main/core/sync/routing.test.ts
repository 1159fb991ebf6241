import { describe, expect, it } from 'vitest';
import { backoffMs } from '../../../../../main/core/sync/backoff';
import { requestLimits, routeFor } from '../../../../../main/core/sync/linkRoute';
import { trafficClassOf } from '../../../../../protocol/sync/trafficClass';
import type { SyncConfig } from '../../../../../protocol/config/consoleConfig';
import type { LinkStatus } from '../../../../../protocol/links/linkStatus';
import { DEFAULT_SBD_SEND } from '../../../../../protocol/config/sbdSendConfig';
import type { LinkPolicy } from '../../../../../protocol/links/policy';

const config: SyncConfig = {
  centerUrl: 'https://center.example.org:7000',
  token: `mcv-v.veh-1.${'a'.repeat(43)}`,
  linkUrls: { vsat: 'http://10.9.0.1:7000' },
  pollSeconds: 15,
  positionEverySeconds: 60,
  positionEveryMeters: 500,
  narrowLinkKbps: 64,
  sbd: DEFAULT_SBD_SEND,
};

const link = (id: string, kind: LinkStatus['kind'], latency?: number) =>
  ({
    id,
    name: id.toUpperCase(),
    kind,
    state: 'up',
    ...(latency ? { path: { latencyMs: { value: latency, at: 0, stale: false } } } : {}),
  }) as unknown as LinkStatus;

const policy = (decisions: Array<[string, string | null, number]>): LinkPolicy => ({
  at: 0,
  decisions: decisions.map(([trafficClass, linkId, budgetKbps]) => ({
    trafficClass,
    linkId,
    budgetKbps,
    reason: linkId ? 'best' : 'held-no-link',
  })) as LinkPolicy['decisions'],
});

describe('routeFor', () => {
  const links = [link('5g', 'cellular', 40), link('vsat', 'satellite-ip', 620), link('iridium', 'satellite-sbd')];
  const inputs = (p: LinkPolicy) => ({ config, policy: p, links, bindAddress: (id: string) => (id === '5g' ? '10.64.0.2' : undefined) });

  it('goes where the policy sends the class, bound to the link and to its center address', () => {
    const p = policy([
      ['flash', '5g', 200],
      ['bulk', 'vsat', 460],
    ]);
    expect(routeFor('flash', inputs(p))).toEqual({
      linkId: '5g',
      linkName: '5G',
      route: { baseUrl: config.centerUrl, localAddress: '10.64.0.2' },
      budgetKbps: 200,
      latencyMs: 40,
    });
    expect(routeFor('bulk', inputs(p))).toMatchObject({ linkId: 'vsat', route: { baseUrl: 'http://10.9.0.1:7000' }, latencyMs: 620 });
  });

  it('has no route for a held class, nor over Iridium SBD (no IP)', () => {
    const p = policy([
      ['flash', 'iridium', 0.05],
      ['routine', null, 0],
    ]);
    expect(routeFor('flash', inputs(p))).toBeUndefined();
    expect(routeFor('routine', inputs(p))).toBeUndefined();
  });
});

describe('sync timing rules', () => {
  it('maps priorities to the policy classes', () => {
    expect(['flash', 'immediate', 'priority', 'routine', 'bulk'].map((p) => trafficClassOf(p as never))).toEqual([
      'flash',
      'routine',
      'routine',
      'routine',
      'bulk',
    ]);
  });

  it('backs off exponentially with jitter, capped', () => {
    expect(backoffMs(1, 60_000, () => 0)).toBe(500);
    expect(backoffMs(1, 60_000, () => 1)).toBe(1000);
    expect(backoffMs(4, 60_000, () => 1)).toBe(8000);
    expect(backoffMs(30, 60_000, () => 1)).toBe(60_000);
    expect(backoffMs(30, 60_000, () => 0)).toBe(30_000);
  });

  it('gives a narrow link long enough for what it must carry', () => {
    // 64 KiB at 2.4 kbit/s takes about 220 s: the total timeout allows three times that.
    const hf = requestLimits({ budgetKbps: 2.4, latencyMs: 1500 }, 64 * 1024);
    expect(hf.totalTimeoutMs).toBeGreaterThan(3 * 218_000);
    expect(hf.idleTimeoutMs).toBe(30_000);
    expect(requestLimits({ budgetKbps: 20_000, latencyMs: 40 }, 100).totalTimeoutMs).toBe(60_000);
  });
});
