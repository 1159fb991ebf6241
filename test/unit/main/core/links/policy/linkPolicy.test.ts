import { describe, expect, it } from 'vitest';
import { decidePolicy, samePolicy, type PolicyLink } from '../../../../../../main/core/links/policy/linkPolicy';
import type { ClassDecision, LinkPolicy, TrafficClass } from '../../../../../../protocol/links/policy';

const link = (id: string, patch: Partial<PolicyLink>): PolicyLink => ({
  id,
  name: id.toUpperCase(),
  kind: 'cellular',
  state: 'up',
  capacityKbps: 10_000,
  metered: true,
  ...patch,
});
const fiveG = link('5g', { capacityKbps: 64_000, latencyMs: 35 });
const lte = link('lte', { capacityKbps: 5000, latencyMs: 70 });
const vsat = link('vsat', { kind: 'satellite-ip', capacityKbps: 512, latencyMs: 620 });
const iridium = link('sbd', { kind: 'satellite-sbd', capacityKbps: 0.05 });
const hf = link('hf', { kind: 'hf', capacityKbps: 0, metered: false });
const gnss = link('gps', { kind: 'gnss', capacityKbps: 0, metered: false });
const vehicle = [fiveG, lte, vsat, iridium, hf, gnss];

function decide(
  links: PolicyLink[],
  options: { allowMeteredBulk?: boolean; pins?: Record<string, string>; previous?: LinkPolicy; liveActive?: boolean } = {},
) {
  const policy = decidePolicy({
    links,
    pins: options.pins ?? {},
    allowMeteredBulk: options.allowMeteredBulk ?? false,
    previous: options.previous,
    liveActive: options.liveActive,
    at: 1,
  });
  const of = (c: TrafficClass) => policy.decisions.find((d) => d.trafficClass === c)!;
  return { policy, of };
}

describe('decidePolicy', () => {
  it('sends live video and routine traffic the widest way, control the fastest', () => {
    const { of } = decide(vehicle);
    expect(of('live')).toEqual<ClassDecision>({ trafficClass: 'live', linkId: '5g', budgetKbps: 4000, reason: 'best' });
    expect(of('routine')).toMatchObject({ linkId: '5g', budgetKbps: 19_200, reason: 'best' });
    expect(of('control')).toMatchObject({ linkId: '5g', reason: 'best' });
  });

  it('holds bulk while only metered links are up, and lets it go when the operator allows', () => {
    expect(decide(vehicle).of('bulk')).toEqual({ trafficClass: 'bulk', linkId: null, budgetKbps: 0, reason: 'held-metered' });
    expect(decide(vehicle, { allowMeteredBulk: true }).of('bulk')).toMatchObject({ linkId: '5g', reason: 'best' });
    // Once allowed, a wide metered link beats a slow unmetered one.
    const hfData = link('hfdata', { kind: 'hf', capacityKbps: 2.4, metered: false });
    expect(decide([...vehicle, hfData], { allowMeteredBulk: true }).of('bulk')).toMatchObject({ linkId: '5g' });
    // With no metered link up, "only metered links" would be untrue.
    const degradedWifi = link('wlan', { kind: 'wifi', state: 'degraded', metered: false });
    expect(decide([degradedWifi]).of('bulk')).toMatchObject({ linkId: null, reason: 'held-no-link' });
    const wired = link('lan', { kind: 'wired', capacityKbps: 100_000, metered: false, latencyMs: 2 });
    // Bulk takes most of the link while no live media runs, and leaves room when it does.
    expect(decide([...vehicle, wired]).of('bulk')).toMatchObject({ linkId: 'lan', budgetKbps: 90_000 });
    expect(decide([...vehicle, wired], { liveActive: true }).of('bulk')).toMatchObject({ linkId: 'lan', budgetKbps: 50_000 });
  });

  it('moves live to the next best link when the 5G link fails', () => {
    const { of } = decide([{ ...fiveG, state: 'down', capacityKbps: 0 }, lte, vsat, iridium]);
    expect(of('live')).toMatchObject({ linkId: 'lte', budgetKbps: 3000, reason: 'best' });
  });

  it('falls back to audio only on a narrow link, and holds live when nothing can carry even audio', () => {
    expect(decide([vsat, iridium]).of('live')).toEqual({ trafficClass: 'live', linkId: 'vsat', budgetKbps: 307.2, reason: 'best' });
    const narrow = link('bgan', { kind: 'satellite-ip', capacityKbps: 150 });
    expect(decide([narrow]).of('live')).toMatchObject({ linkId: 'bgan', budgetKbps: 90, reason: 'audio-only' });
    const tiny = link('hfdata', { kind: 'hf', capacityKbps: 2.4, metered: false });
    expect(decide([tiny]).of('live')).toEqual({ trafficClass: 'live', linkId: null, budgetKbps: 0, reason: 'held-narrow' });
    expect(decide([tiny]).of('routine')).toMatchObject({ linkId: 'hfdata' });
  });

  it('sends control and flash over Iridium SBD when no IP link is up', () => {
    const { of } = decide([{ ...fiveG, state: 'down' }, iridium, hf, gnss]);
    expect(of('flash')).toEqual({ trafficClass: 'flash', linkId: 'sbd', budgetKbps: 0.05, reason: 'only-sbd' });
    expect(of('control')).toMatchObject({ linkId: 'sbd', reason: 'only-sbd' });
    expect(of('routine')).toEqual({ trafficClass: 'routine', linkId: null, budgetKbps: 0, reason: 'held-no-link' });
    expect(of('live').linkId).toBeNull();
  });

  it('honours a pin of control to Iridium SBD even while IP links are up', () => {
    expect(decide(vehicle, { pins: { control: 'sbd' } }).of('control')).toEqual({
      trafficClass: 'control',
      linkId: 'sbd',
      budgetKbps: 0.05,
      reason: 'pinned',
    });
    expect(decide(vehicle, { pins: { live: 'sbd' } }).of('live')).toMatchObject({ linkId: '5g', reason: 'pin-unavailable', detail: 'SBD' });
  });

  it('honours a pin while the pinned link is usable, and says when it is not', () => {
    expect(decide(vehicle, { pins: { live: 'vsat' } }).of('live')).toMatchObject({ linkId: 'vsat', reason: 'pinned' });
    const gone = decide([{ ...vsat, state: 'down', capacityKbps: 0 }, fiveG], { pins: { live: 'vsat' } }).of('live');
    expect(gone).toMatchObject({ linkId: '5g', reason: 'pin-unavailable', detail: 'VSAT' });
  });

  it('keeps a class on its working link unless another is clearly better', () => {
    const first = decide([lte, vsat]).policy;
    expect(first.decisions.find((d) => d.trafficClass === 'live')?.linkId).toBe('lte');
    const betterButNotClearly = link('5g', { capacityKbps: 8000, latencyMs: 40 });
    expect(decide([lte, vsat, betterButNotClearly], { previous: first }).of('live')).toMatchObject({ linkId: 'lte', reason: 'kept' });
    expect(decide([lte, vsat, fiveG], { previous: first }).of('live')).toMatchObject({ linkId: '5g', reason: 'best' });
    expect(decide([{ ...lte, state: 'degraded' }, vsat, betterButNotClearly], { previous: first }).of('live')).toMatchObject({
      linkId: '5g',
    });
  });

  it('prefers an up link over a degraded one, whatever its width', () => {
    expect(decide([{ ...fiveG, state: 'degraded' }, lte]).of('live').linkId).toBe('lte');
  });

  it('ignores links that carry no IP (HF voice, GNSS) for data', () => {
    const { policy } = decide([hf, gnss]);
    expect(policy.decisions.every((d) => d.linkId === null)).toBe(true);
  });
});

describe('samePolicy', () => {
  it('treats "kept" and "best" on the same link as no change', () => {
    const a = decide([lte, vsat]).policy;
    const kept = { ...a, decisions: a.decisions.map((d) => (d.reason === 'best' ? { ...d, reason: 'kept' as const } : d)) };
    expect(samePolicy(a, kept)).toBe(true);
  });

  it('ignores budget changes under 10 % but not a change of link or reason', () => {
    const a = decide(vehicle).policy;
    const b = decide([{ ...fiveG, capacityKbps: 60_000 }, lte, vsat, iridium]).policy;
    expect(samePolicy(a, b)).toBe(true);
    expect(samePolicy(a, decide([lte, vsat]).policy)).toBe(false);
    expect(samePolicy(undefined, a)).toBe(false);
  });
});
