import { describe, expect, it } from 'vitest';
import { evaluateGnss } from '../../../../../main/core/links/families/gnss';
import { evaluateHf } from '../../../../../main/core/links/families/hf';
import { evaluateSbd } from '../../../../../main/core/links/families/sbd';
import type { SbdSession } from '../../../../../protocol/links/sbd';

const m = <T>(value: T, stale = false, at = 1000) => ({ value, at, stale });
const ready = { state: 'ready' } as const;
const session = (outcome: SbdSession['outcome'], moStatus = 0): SbdSession => ({
  moStatus,
  outcome,
  momsn: 1,
  mtStatus: 0,
  mtmsn: 0,
  mtLength: 0,
  mtQueued: 0,
});

describe('evaluateSbd', () => {
  const good = { bars: m(4), service: m(true), antennaFault: m(false) };

  it('is up with service and bars after a successful session', () => {
    expect(evaluateSbd(ready, good)).toEqual({ state: 'up', reason: { code: 'ok' } });
    expect(evaluateSbd(ready, { ...good, lastSession: m(session('success')) }).state).toBe('up');
  });

  it('is down on an antenna fault or without service', () => {
    expect(evaluateSbd(ready, { ...good, antennaFault: m(true) })).toEqual({ state: 'down', reason: { code: 'antenna-fault' } });
    expect(evaluateSbd(ready, { ...good, service: m(false) })).toEqual({ state: 'down', reason: { code: 'no-service' } });
    expect(evaluateSbd(ready, { ...good, bars: m(0) }).state).toBe('down');
  });

  it('is down after a session that needs someone to act, degraded after any other failure', () => {
    expect(evaluateSbd(ready, { ...good, lastSession: m(session('locked', 16)) })).toEqual({
      state: 'down',
      reason: { code: 'sbd-session-failed', detail: 'locked' },
    });
    expect(evaluateSbd(ready, { ...good, lastSession: m(session('rf-drop', 18)) })).toEqual({
      state: 'degraded',
      reason: { code: 'sbd-session-failed', detail: 'rf-drop' },
    });
    expect(evaluateSbd(ready, { ...good, lastSession: m(session('gateway-failure', 13)) }).state).toBe('degraded');
  });

  it('is degraded for 3 minutes after a "wait" answer, then up again', () => {
    const waiting = { ...good, lastSession: m(session('wait-after-registration', 36)) };
    expect(evaluateSbd(ready, waiting, 60_000)).toEqual({
      state: 'degraded',
      reason: { code: 'sbd-wait', detail: 'wait-after-registration' },
    });
    expect(evaluateSbd(ready, waiting, 4 * 60_000).state).toBe('up');
  });

  it('stops judging by a session once its verdict is stale', () => {
    expect(evaluateSbd(ready, { ...good, lastSession: m(session('locked', 16), true) }).state).toBe('up');
  });

  it('is degraded at one bar, unknown before any reading or when they are stale', () => {
    expect(evaluateSbd(ready, { ...good, bars: m(1) }).reason.code).toBe('weak-signal');
    expect(evaluateSbd(ready, {})).toEqual({ state: 'unknown', reason: { code: 'starting' } });
    expect(evaluateSbd(ready, { bars: m(4, true), service: m(true, true) })).toEqual({ state: 'unknown', reason: { code: 'stale' } });
    expect(evaluateSbd({ state: 'lost', problem: { code: 'port-missing' } }, good).reason.code).toBe('port-missing');
  });
});

describe('evaluateHf', () => {
  it('is up when the radio answers, powered, with its frequency', () => {
    expect(evaluateHf(ready, { frequencyHz: m(7_074_000), powerOn: m(true) })).toEqual({ state: 'up', reason: { code: 'ok' } });
  });

  it('is down when the radio is off, unknown when rigctld or the radio does not answer', () => {
    expect(evaluateHf(ready, { frequencyHz: m(7_074_000), powerOn: m(false) })).toEqual({ state: 'down', reason: { code: 'radio-off' } });
    expect(evaluateHf({ state: 'unresponsive', problem: { code: 'radio-silent' } }, {})).toEqual({
      state: 'unknown',
      reason: { code: 'radio-silent' },
    });
    expect(evaluateHf({ state: 'lost', problem: { code: 'service-unreachable', detail: '127.0.0.1:4532' } }, {}).reason.code).toBe(
      'service-unreachable',
    );
    expect(evaluateHf(ready, { frequencyHz: m(7_074_000, true) })).toEqual({ state: 'unknown', reason: { code: 'stale' } });
  });
});

describe('evaluateGnss', () => {
  it('follows the fix: 3D up, 2D degraded, none down', () => {
    expect(evaluateGnss(ready, { fixMode: m('3d') })).toEqual({ state: 'up', reason: { code: 'ok' } });
    expect(evaluateGnss(ready, { fixMode: m('2d') })).toEqual({ state: 'degraded', reason: { code: 'fix-2d' } });
    expect(evaluateGnss(ready, { fixMode: m('none') })).toEqual({ state: 'down', reason: { code: 'no-fix' } });
    expect(evaluateGnss(ready, { fixMode: m('3d', true) }).state).toBe('unknown');
    expect(evaluateGnss({ state: 'unresponsive', problem: { code: 'not-responding' } }, { fixMode: m('3d') }).state).toBe('unknown');
  });

  it('says when a fix is estimated (degraded) or simulated (down), whatever its mode', () => {
    expect(evaluateGnss(ready, { fixMode: m('3d'), quality: m('dead-reckoning') })).toEqual({
      state: 'degraded',
      reason: { code: 'fix-estimated' },
    });
    expect(evaluateGnss(ready, { fixMode: m('2d'), quality: m('simulation') })).toEqual({
      state: 'down',
      reason: { code: 'fix-simulated' },
    });
    expect(evaluateGnss(ready, { fixMode: m('3d'), quality: m('rtk-fixed') }).reason.code).toBe('ok');
    expect(evaluateGnss(ready, { fixMode: m('3d'), quality: m('simulation', true) }).reason.code).toBe('ok');
    expect(evaluateGnss(ready, { fixMode: m('none'), quality: m('simulation') }).reason.code).toBe('no-fix');
  });
});
