import { describe, expect, it } from 'vitest';
import { CellularLinkConfig } from '../../../../../protocol/config/linkConfig';
import { DeviceLink } from '../../../../../main/core/links/DeviceLink';
import { cellularFamily } from '../../../../../main/core/links/families/cellular';
import type { FamilySpec } from '../../../../../main/core/links/families/family';
import { FakeCellularDriver } from '../../../../support/fakeCellularDriver';

const config = CellularLinkConfig.parse({ id: 'cell-1', name: '5G-1', kind: 'cellular', port: '/dev/ttyUSB2', staleAfterMs: 10_000 });

/** A link with a hand-driven monotonic clock; `at` (wall clock) is set per reading. */
function setup() {
  const driver = new FakeCellularDriver();
  const clock = { mono: 0 };
  const link = new DeviceLink({ config, family: cellularFamily as FamilySpec, driver, monotonic: () => clock.mono });
  let changes = 0;
  link.on('changed', () => changes++);
  return { driver, link, clock, changes: () => changes };
}

describe('DeviceLink with a cellular modem', () => {
  it('keeps each value with the time it was seen and reports a change', () => {
    const { driver, link, changes } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({
      at: 1000,
      registration: 'home',
      sim: 'ready',
      technology: 'nr5g-sa',
      rsrpDbm: -86,
      sinrDb: 14,
      operatorName: 'CHINA MOBILE',
    });
    const snapshot = link.snapshot();
    expect(snapshot.sections.cellular).toMatchObject({
      rsrpDbm: { value: -86, at: 1000, stale: false },
      technology: { value: 'nr5g-sa', at: 1000, stale: false },
      bars: { value: 4, at: 1000, stale: false },
    });
    expect(snapshot.evaluation).toEqual({ state: 'up', reason: { code: 'ok' } });
    expect(snapshot.samples).toEqual({ rsrpDbm: { value: -86, at: 1000 }, sinrDb: { value: 14, at: 1000 }, bars: { value: 4, at: 1000 } });
    expect(changes()).toBe(2);
  });

  it('marks values stale after staleAfterMs and then stops claiming the link is up', () => {
    const { driver, link, clock } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: 1000, registration: 'home', rsrpDbm: -86 });
    clock.mono += 10_000;
    expect(link.snapshot().sections.cellular?.rsrpDbm?.stale).toBe(false);
    clock.mono += 1;
    const later = link.snapshot();
    expect(later.sections.cellular?.rsrpDbm?.stale).toBe(true);
    expect(later.sections.cellular?.bars).toBeUndefined();
    expect(later.samples).toEqual({});
    expect(later.evaluation).toEqual({ state: 'unknown', reason: { code: 'stale' } });
  });

  it('forgets a value the modem reports as gone (null), keeps the untouched ones', () => {
    const { driver, link } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: 1000, registration: 'home', rsrpDbm: -86, operatorName: 'CHINA MOBILE' });
    driver.read({ at: 2000, registration: 'searching', rsrpDbm: null, technology: null });
    const snapshot = link.snapshot();
    expect(snapshot.sections.cellular?.rsrpDbm).toBeUndefined();
    expect(snapshot.sections.cellular?.operatorName).toEqual({ value: 'CHINA MOBILE', at: 1000, stale: false });
    expect(snapshot.evaluation).toEqual({ state: 'down', reason: { code: 'searching' } });
  });

  it('describes the device with the identity the modem gave', () => {
    const { driver, link } = setup();
    driver.emit('identity', { manufacturer: 'Quectel', model: 'RM520N-GL', revision: undefined });
    driver.setConnection({ state: 'lost', problem: { code: 'port-missing', detail: '/dev/ttyUSB2: not found' } });
    const snapshot = link.snapshot();
    expect(snapshot.device).toEqual({
      driver: 'at-cellular',
      address: '/dev/ttyUSB2',
      manufacturer: 'Quectel',
      model: 'RM520N-GL',
      connection: 'lost',
    });
    expect(snapshot.evaluation).toEqual({ state: 'unknown', reason: { code: 'port-missing', detail: '/dev/ttyUSB2: not found' } });
  });

  it('ages values on the monotonic clock, so a wall clock stepped back does not make them fresh', () => {
    const { driver, link, clock } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: 5_000_000, registration: 'home', rsrpDbm: -86 });
    clock.mono += 10_001;
    driver.read({ at: 1_000, sinrDb: 9 }); // the wall clock jumped back by ~83 min
    const snapshot = link.snapshot();
    expect(snapshot.sections.cellular?.rsrpDbm?.stale).toBe(true);
    expect(snapshot.sections.cellular?.sinrDb).toEqual({ value: 9, at: 1_000, stale: false });
  });

  it('gives values polled every fifth time (SIM, operator) five more intervals before they are stale', () => {
    const { driver, link, clock } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: 0, registration: 'home', operatorName: 'CHINA MOBILE', rsrpDbm: -86 });
    clock.mono += 10_001;
    expect(link.snapshot().sections.cellular?.operatorName?.stale).toBe(false);
    expect(link.snapshot().sections.cellular?.rsrpDbm?.stale).toBe(true);
    clock.mono += 5 * 1000;
    expect(link.snapshot().sections.cellular?.operatorName?.stale).toBe(true);
  });

  it('starts and closes its driver', async () => {
    const { driver, link } = setup();
    link.start();
    expect(driver.started).toBe(true);
    await link.close();
    expect(driver.closed).toBe(true);
  });
});
