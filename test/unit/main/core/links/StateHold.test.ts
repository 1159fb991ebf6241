import { describe, expect, it } from 'vitest';
import { StateHold, combineEvaluations } from '../../../../../main/core/links/StateHold';
import type { Evaluation } from '../../../../../main/core/links/LinkSource';

const up: Evaluation = { state: 'up', reason: { code: 'ok' } };
const down: Evaluation = { state: 'down', reason: { code: 'searching' } };
const degraded: Evaluation = { state: 'degraded', reason: { code: 'weak-signal' } };
const unknown: Evaluation = { state: 'unknown', reason: { code: 'port-closed' } };

describe('StateHold', () => {
  it('shows the first verdict and every worsening at once', () => {
    const hold = new StateHold(3000);
    expect(hold.settle(up, 0)).toEqual(up);
    expect(hold.settle(degraded, 100)).toEqual(degraded);
    expect(hold.settle(down, 200)).toEqual(down);
  });

  it('holds a better verdict back until it has lasted holdMs', () => {
    const hold = new StateHold(3000);
    hold.settle(down, 0);
    // Still down, still for its reason (the why leads); the countdown rides along.
    expect(hold.settle(up, 1000)).toEqual({ state: 'down', reason: { code: 'searching', recovery: { done: 0, of: 3, unit: 's' } } });
    expect(hold.settle(up, 3000)).toEqual({ state: 'down', reason: { code: 'searching', recovery: { done: 2, of: 3, unit: 's' } } });
    expect(hold.settle(up, 4000)).toEqual(up);
  });

  it('lets a link through that alternates between up and degraded while coming back', () => {
    const hold = new StateHold(3000);
    hold.settle(down, 0);
    const shown: string[] = [];
    for (let t = 1000; t <= 5000; t += 1000) shown.push(hold.settle(t % 2000 === 0 ? up : degraded, t).state);
    // 3 s after it first got better it shows; a worse verdict then shows at once.
    expect(shown).toEqual(['down', 'down', 'down', 'up', 'degraded']);
  });

  it('keeps a flapping link down', () => {
    const hold = new StateHold(3000);
    const shown: string[] = [];
    for (let t = 0; t < 20_000; t += 1000) shown.push(hold.settle(Math.floor(t / 2000) % 2 === 0 ? down : up, t).state);
    expect(new Set(shown)).toEqual(new Set(['down']));
  });

  it('shows unknown at once, and judges a return from unknown against the last definite state', () => {
    const hold = new StateHold(3000);
    hold.settle(down, 0);
    expect(hold.settle(unknown, 500)).toEqual(unknown);
    expect(hold.settle(up, 1000).reason).toEqual({ code: 'port-closed', recovery: { done: 0, of: 3, unit: 's' } });
    expect(hold.settle(up, 4000)).toEqual(up);
    const fresh = new StateHold(3000);
    fresh.settle(unknown, 0);
    expect(fresh.settle(up, 10)).toEqual(up); // nothing to recover from
  });
});

describe('combineEvaluations', () => {
  it('lets the worse definite verdict win', () => {
    expect(combineEvaluations(up, { state: 'down', reason: { code: 'probes-lost' } })).toEqual({
      state: 'down',
      reason: { code: 'probes-lost' },
    });
    expect(combineEvaluations(down, up)).toEqual(down);
    expect(combineEvaluations(degraded, up)).toEqual(degraded);
  });

  it('lets a definite verdict beat unknown on the other side', () => {
    expect(combineEvaluations(unknown, up)).toEqual({ state: 'up', reason: { code: 'port-closed' } });
    expect(combineEvaluations(unknown, degraded)).toEqual(degraded);
    expect(combineEvaluations(up, { state: 'unknown', reason: { code: 'starting' } })).toEqual(up);
    expect(combineEvaluations(unknown, { state: 'unknown', reason: { code: 'starting' } })).toEqual(unknown);
  });

  it('uses whichever side exists', () => {
    expect(combineEvaluations(undefined, up)).toEqual(up);
    expect(combineEvaluations(down, undefined)).toEqual(down);
    expect(combineEvaluations(undefined, undefined)).toEqual({ state: 'unknown', reason: { code: 'starting' } });
  });
});
