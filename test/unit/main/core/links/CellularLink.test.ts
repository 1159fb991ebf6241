import { describe, expect, it } from 'vitest';
import { CellularLinkConfig } from '../../../../../protocol/config/consoleConfig';
import { CellularLink } from '../../../../../main/core/links/CellularLink';
import { FakeCellularDriver } from '../../../../support/fakeCellularDriver';

const config = CellularLinkConfig.parse({ id: 'cell-1', name: '5G-1', kind: 'cellular', port: '/dev/ttyUSB2', staleAfterMs: 10_000 });

function setup() {
  const driver = new FakeCellularDriver();
  const link = new CellularLink(config, driver);
  let changes = 0;
  link.on('changed', () => changes++);
  return { driver, link, changes: () => changes };
}

describe('CellularLink', () => {
  it('keeps each value with the time it was seen and reports a change', () => {
    const { driver, link, changes } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: 1000, registration: 'home', sim: 'ready', technology: 'nr5g-sa', rsrpDbm: -86, sinrDb: 14, operatorName: 'CHINA MOBILE' });
    const snapshot = link.snapshot(1500);
    expect(snapshot.cellular).toMatchObject({
      rsrpDbm: { value: -86, at: 1000, stale: false },
      technology: { value: 'nr5g-sa', at: 1000, stale: false },
      bars: { value: 4, at: 1000, stale: false },
    });
    expect(snapshot.evaluation).toEqual({ state: 'up', reason: { code: 'ok' } });
    expect(snapshot.samples).toEqual({ rsrpDbm: { value: -86, at: 1000 }, sinrDb: { value: 14, at: 1000 }, bars: { value: 4, at: 1000 } });
    expect(changes()).toBe(2);
  });

  it('marks values stale after staleAfterMs and then stops claiming the link is up', () => {
    const { driver, link } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: 1000, registration: 'home', rsrpDbm: -86 });
    const later = link.snapshot(1000 + 10_001);
    expect(later.cellular?.rsrpDbm?.stale).toBe(true);
    expect(later.cellular?.bars).toBeUndefined();
    expect(later.samples).toEqual({});
    expect(later.evaluation).toEqual({ state: 'unknown', reason: { code: 'stale' } });
  });

  it('forgets a value the modem reports as gone (null), keeps the untouched ones', () => {
    const { driver, link } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: 1000, registration: 'home', rsrpDbm: -86, operatorName: 'CHINA MOBILE' });
    driver.read({ at: 2000, registration: 'searching', rsrpDbm: null, technology: null });
    const snapshot = link.snapshot(2100);
    expect(snapshot.cellular?.rsrpDbm).toBeUndefined();
    expect(snapshot.cellular?.operatorName).toEqual({ value: 'CHINA MOBILE', at: 1000, stale: false });
    expect(snapshot.evaluation).toEqual({ state: 'down', reason: { code: 'searching' } });
  });

  it('describes the device with the identity the modem gave', () => {
    const { driver, link } = setup();
    driver.emit('identity', { manufacturer: 'Quectel', model: 'RM520N-GL', revision: undefined });
    driver.setConnection({ state: 'lost', problem: { code: 'port-missing', detail: '/dev/ttyUSB2: not found' } });
    const snapshot = link.snapshot(0);
    expect(snapshot.device).toEqual({ driver: 'at-cellular', address: '/dev/ttyUSB2', manufacturer: 'Quectel', model: 'RM520N-GL', connection: 'lost' });
    expect(snapshot.evaluation).toEqual({ state: 'unknown', reason: { code: 'port-missing', detail: '/dev/ttyUSB2: not found' } });
  });

  it('starts and closes its driver', async () => {
    const { driver, link } = setup();
    link.start();
    expect(driver.started).toBe(true);
    await link.close();
    expect(driver.closed).toBe(true);
  });
});
