import { describe, expect, it } from 'vitest';
import type { CellularRadio } from '../../../../../protocol/links/linkStatus';
import { cellularCapacityKbps, evaluateCellular } from '../../../../../main/core/links/families/cellular';
import { barsFromRsrp, barsFromRssi, signalBars } from '../../../../../main/core/links/signalBars';

const m = <T>(value: T, stale = false) => ({ value, at: 1000, stale });
const ready = { state: 'ready' } as const;
const registered: CellularRadio = { sim: m('ready'), registration: m('home'), bars: m(4) };

describe('evaluateCellular', () => {
  it('is up when registered with usable signal', () => {
    expect(evaluateCellular(ready, registered)).toEqual({ state: 'up', reason: { code: 'ok' } });
    expect(evaluateCellular(ready, { ...registered, registration: m('roaming') })).toEqual({ state: 'up', reason: { code: 'ok' } });
  });

  it('is degraded when registered with one bar or none', () => {
    expect(evaluateCellular(ready, { ...registered, bars: m(1) })).toEqual({ state: 'degraded', reason: { code: 'weak-signal' } });
    expect(evaluateCellular(ready, { ...registered, bars: m(0) }).state).toBe('degraded');
  });

  it('ignores stale bars for degradation', () => {
    expect(evaluateCellular(ready, { ...registered, bars: m(0, true) }).state).toBe('up');
  });

  it.each([
    ['searching', 'searching'],
    ['denied', 'denied'],
    ['not-registered', 'not-registered'],
    ['emergency-only', 'emergency-only'],
    ['sms-only', 'not-registered'],
    ['unknown', 'not-registered'],
  ] as const)('is down with reason %s when registration is %s', (registration, code) => {
    expect(evaluateCellular(ready, { ...registered, registration: m(registration) })).toEqual({ state: 'down', reason: { code } });
  });

  it('puts SIM problems before registration', () => {
    expect(evaluateCellular(ready, { ...registered, sim: m('absent') })).toEqual({ state: 'down', reason: { code: 'no-sim' } });
    expect(evaluateCellular(ready, { ...registered, sim: m('pin-required') }).reason.code).toBe('sim-locked');
    expect(evaluateCellular(ready, { ...registered, sim: m('puk-required') }).reason.code).toBe('sim-locked');
    expect(evaluateCellular(ready, { ...registered, sim: m('failure') }).reason.code).toBe('sim-failure');
  });

  it("is unknown while the port is lost, the modem silent or connecting, with the driver's reason", () => {
    expect(evaluateCellular({ state: 'lost', problem: { code: 'port-missing', detail: '/dev/ttyUSB2' } }, registered)).toEqual({
      state: 'unknown',
      reason: { code: 'port-missing', detail: '/dev/ttyUSB2' },
    });
    expect(evaluateCellular({ state: 'unresponsive' }, registered)).toEqual({ state: 'unknown', reason: { code: 'not-responding' } });
    expect(evaluateCellular({ state: 'connecting' }, registered)).toEqual({ state: 'unknown', reason: { code: 'connecting' } });
  });

  it('is unknown before the first registration reading and when it is stale', () => {
    expect(evaluateCellular(ready, {})).toEqual({ state: 'unknown', reason: { code: 'starting' } });
    expect(evaluateCellular(ready, { ...registered, registration: m('home', true) })).toEqual({
      state: 'unknown',
      reason: { code: 'stale' },
    });
  });
});

describe('signal bars', () => {
  it.each([
    [-70, 5],
    [-80, 5],
    [-81, 4],
    [-95, 3],
    [-105, 2],
    [-115, 1],
    [-121, 0],
  ])('RSRP %i dBm is %i bars', (rsrp, bars) => expect(barsFromRsrp(rsrp)).toBe(bars));

  it.each([
    [-51, 5],
    [-70, 4],
    [-85, 3],
    [-100, 1],
    [-113, 0],
  ])('RSSI %i dBm is %i bars', (rssi, bars) => expect(barsFromRssi(rssi)).toBe(bars));

  it('prefers RSRP (best of LTE and NR) over RSSI', () => {
    expect(signalBars({ rsrpDbm: -112, nrRsrpDbm: -85, rssiDbm: -51 })).toBe(4);
    expect(signalBars({ rssiDbm: -70 })).toBe(4);
    expect(signalBars({})).toBeUndefined();
  });
});

describe('cellular capacity estimate', () => {
  it('scales the technology figure by bars and is 0 when the link is not usable', () => {
    const radio = { technology: m('lte' as const), bars: m(5) };
    expect(cellularCapacityKbps({}, radio, 'up')).toBe(20_000);
    expect(cellularCapacityKbps({}, { ...radio, bars: m(2) }, 'degraded')).toBe(5000);
    expect(cellularCapacityKbps({}, { ...radio, technology: m('nr5g-sa' as const) }, 'up')).toBe(80_000);
    expect(cellularCapacityKbps({}, radio, 'down')).toBe(0);
    expect(cellularCapacityKbps({ capacityKbps: 3000 }, radio, 'up')).toBe(3000);
  });
});
