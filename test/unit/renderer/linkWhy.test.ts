import { describe, expect, it } from 'vitest';
import type { PathHealth } from '../../../protocol/links/path';
import { probesTakeAnotherPath, stateWhy } from '../../../renderer/views/links/linkWhy';

const path = (over: Partial<PathHealth> = {}): PathHealth => ({
  method: 'udp-echo',
  target: '10.0.0.1:7',
  latencyMs: { value: 42.4, at: 1000, stale: false },
  lossPct: { value: 0, at: 1000, stale: false },
  lostInARow: 0,
  ...over,
});

describe('why a link is in its state (tile and timeline)', () => {
  it('leads a recovering down link with why it is down, the countdown after it', () => {
    expect(stateWhy('down', { code: 'not-registered', recovery: { done: 4, of: 15, unit: 's' } })).toEqual({
      lead: { key: 'reason.not-registered' },
      recovery: { key: 'linkWhy.recoveringSeconds', params: { done: 4, of: 15 } },
    });
    expect(
      stateWhy('down', { code: 'probes-lost', detail: '3 probes lost in a row', recovery: { done: 2, of: 5, unit: 'probes' } }, path()),
    ).toEqual({
      lead: { key: 'linkWhy.probesLost', params: { count: 3 } },
      recovery: { key: 'linkWhy.recoveringProbes', params: { done: 2, of: 5 } },
    });
  });

  it('says path reasons with the live probe figures, translated, instead of the English detail', () => {
    expect(stateWhy('down', { code: 'probes-lost', detail: '3 probes lost in a row' }, path({ lostInARow: 5 })).lead).toEqual({
      key: 'linkWhy.probesLost',
      params: { count: 5 },
    });
    expect(
      stateWhy('degraded', { code: 'high-loss', detail: '25 % lost (≥ 20 %)' }, path({ lossPct: { value: 31.6, at: 1, stale: false } })),
    ).toEqual({
      lead: { key: 'linkWhy.highLoss', params: { loss: 32 } },
    });
    // A past event has no live figures: the figure comes from the detail.
    expect(stateWhy('degraded', { code: 'high-latency', detail: '950 ms (≥ 800 ms)' }).lead).toEqual({
      key: 'linkWhy.highLatency',
      params: { latency: 950 },
    });
    expect(stateWhy('down', { code: 'probes-lost' }).lead).toEqual({ key: 'reason.probes-lost' });
  });

  it("keeps the device's own words as the detail of a device reason", () => {
    expect(stateWhy('down', { code: 'port-error', detail: 'EIO on /dev/ttyUSB2' })).toEqual({
      lead: { key: 'reason.port-error' },
      detail: 'EIO on /dev/ttyUSB2',
    });
    expect(stateWhy('up', { code: 'ok' })).toEqual({ lead: { key: 'reason.ok' } });
  });

  it('never lets "Up" stand beside a device problem unexplained ("Unknown → Up: connecting")', () => {
    expect(stateWhy('up', { code: 'connecting' })).toEqual({ lead: { key: 'reason.connecting' }, note: { key: 'linkWhy.probesAnswer' } });
    expect(stateWhy('down', { code: 'connecting' }).note).toBeUndefined();
  });
});

describe('probes of another path', () => {
  it('flags healthy probes beside a link its device calls down', () => {
    expect(probesTakeAnotherPath('down', { code: 'searching' }, path())).toBe(true);
  });

  it('does not flag a link down by its probes, an up link, lost or stale probes, or no probes', () => {
    expect(probesTakeAnotherPath('down', { code: 'probes-lost' }, path())).toBe(false);
    expect(probesTakeAnotherPath('up', { code: 'ok' }, path())).toBe(false);
    expect(probesTakeAnotherPath('down', { code: 'searching' }, path({ lostInARow: 1 }))).toBe(false);
    expect(probesTakeAnotherPath('down', { code: 'searching' }, path({ latencyMs: { value: 40, at: 1, stale: true } }))).toBe(false);
    expect(probesTakeAnotherPath('down', { code: 'searching' }, path({ latencyMs: undefined }))).toBe(false);
    expect(probesTakeAnotherPath('down', { code: 'searching' }, undefined)).toBe(false);
    // Registered again and holding for the hysteresis: the probes may be on this link again.
    expect(probesTakeAnotherPath('down', { code: 'searching', recovery: { done: 1, of: 3, unit: 's' } }, path())).toBe(false);
  });
});
