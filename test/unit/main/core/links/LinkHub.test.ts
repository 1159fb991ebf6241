import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LinkStateChange, LinkStatus } from '../../../../../protocol/links/linkStatus';
import { CellularLinkConfig } from '../../../../../protocol/config/linkConfig';
import { DeviceLink } from '../../../../../main/core/links/DeviceLink';
import { cellularFamily } from '../../../../../main/core/links/families/cellular';
import type { FamilySpec } from '../../../../../main/core/links/families/family';
import { LinkHub } from '../../../../../main/core/links/LinkHub';
import type { LinkSample } from '../../../../../main/core/store/LinkHistoryWriter';
import { FakeCellularDriver } from '../../../../support/fakeCellularDriver';

function setup() {
  const driver = new FakeCellularDriver();
  const link = new DeviceLink({
    config: CellularLinkConfig.parse({ id: 'cell-1', name: '5G-1', kind: 'cellular', port: '/dev/x', staleAfterMs: 5000 }),
    family: cellularFamily as FamilySpec,
    driver,
  });
  const samples: LinkSample[] = [];
  const changes: LinkStateChange[] = [];
  const hub = new LinkHub({
    links: [link],
    history: { recordSample: (s) => samples.push(s), recordStateChange: (c) => changes.push(c) },
    sampleEveryMs: 10_000,
  });
  const statuses: LinkStatus[] = [];
  const stateEvents: LinkStateChange[] = [];
  hub.on('status', (s) => statuses.push(s));
  hub.on('stateChanged', (c) => stateEvents.push(c));
  hub.start();
  return { driver, hub, samples, changes, statuses, stateEvents };
}

const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000, toFake: ['Date', 'performance', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('LinkHub', () => {
  it('has a status for every link from the start', () => {
    const { hub, statuses } = setup();
    expect(hub.list()).toHaveLength(1);
    expect(hub.get('cell-1')).toMatchObject({
      id: 'cell-1',
      name: '5G-1',
      kind: 'cellular',
      state: 'unknown',
      reason: { code: 'connecting' },
      metered: true,
    });
    expect(statuses).toHaveLength(1);
  });

  it('emits one status for a burst of changes and a state change with its reason', async () => {
    const { driver, hub, statuses, stateEvents, changes } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: Date.now(), registration: 'home', rsrpDbm: -90 });
    await flush();
    expect(statuses).toHaveLength(2);
    expect(hub.get('cell-1')).toMatchObject({ state: 'up', since: 1_000_000 });
    expect(stateEvents).toEqual([{ linkId: 'cell-1', from: 'unknown', to: 'up', reason: { code: 'ok' }, at: 1_000_000 }]);
    expect(changes).toEqual(stateEvents);
  });

  it('does not emit when nothing changed', async () => {
    const { driver, statuses } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: 1_000_000, registration: 'home', rsrpDbm: -90 });
    await flush();
    const count = statuses.length;
    vi.advanceTimersByTime(1000);
    driver.emit('connection', { state: 'ready' });
    await flush();
    expect(statuses).toHaveLength(count);
  });

  it('turns values stale on the tick even when the driver goes quiet', async () => {
    const { driver, hub, stateEvents } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: Date.now(), registration: 'home', rsrpDbm: -90 });
    await flush();
    vi.advanceTimersByTime(5000);
    expect(hub.get('cell-1')?.state).toBe('up');
    vi.advanceTimersByTime(1000);
    expect(hub.get('cell-1')).toMatchObject({ state: 'unknown', reason: { code: 'stale' } });
    expect(hub.get('cell-1')?.cellular?.rsrpDbm?.stale).toBe(true);
    expect(stateEvents.map((e) => e.to)).toEqual(['up', 'unknown']);
  });

  it('keeps `since` while the state holds', async () => {
    const { driver, hub } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: Date.now(), registration: 'home', rsrpDbm: -90 });
    await flush();
    vi.advanceTimersByTime(3000);
    driver.read({ at: Date.now(), registration: 'home', rsrpDbm: -95 });
    await flush();
    expect(hub.get('cell-1')).toMatchObject({ state: 'up', since: 1_000_000 });
    expect(hub.get('cell-1')?.cellular?.rsrpDbm?.value).toBe(-95);
  });

  it('writes a sample when a value changes or every sampleEveryMs when it holds', async () => {
    const { driver, samples } = setup();
    driver.setConnection({ state: 'ready' });
    const read = (rsrp: number) => {
      driver.read({ at: Date.now(), registration: 'home', rsrpDbm: rsrp });
    };
    read(-90);
    await flush();
    for (let i = 0; i < 5; i++) {
      vi.advanceTimersByTime(1000);
      read(-90);
      await flush();
    }
    read(-100);
    await flush();
    vi.advanceTimersByTime(10_000);
    read(-100);
    await flush();
    const rsrp = samples.filter((s) => s.metric === 'rsrpDbm').map((s) => s.value);
    expect(rsrp).toEqual([-90, -100, -100]);
    expect(samples.some((s) => s.metric === 'bars')).toBe(true);
  });

  it('keeps writing history after the wall clock steps back', async () => {
    const { driver, samples } = setup();
    driver.setConnection({ state: 'ready' });
    driver.read({ at: Date.now(), registration: 'home', rsrpDbm: -90 });
    await flush();
    vi.setSystemTime(Date.now() - 3_600_000);
    driver.read({ at: Date.now(), registration: 'home', rsrpDbm: -95 });
    await flush();
    expect(samples.filter((s) => s.metric === 'rsrpDbm').map((s) => s.value)).toEqual([-90, -95]);
  });

  it('refuses two links with the same id', () => {
    const make = () =>
      new DeviceLink({
        config: CellularLinkConfig.parse({ id: 'same', name: 'x', kind: 'cellular', port: '/dev/x' }),
        family: cellularFamily as FamilySpec,
        driver: new FakeCellularDriver(),
      });
    expect(() => new LinkHub({ links: [make(), make()] })).toThrow(/duplicate link id/);
  });
});
