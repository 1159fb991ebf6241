import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoreEventMessage } from '../../protocol/api/coreApi';
import type { LinkStatus } from '../../protocol/links/linkStatus';
import { createCore, type Core } from '../../main/core/createCore';
import { CellularModemSimulator } from '../../fixtures/devices/cellular/CellularModemSimulator';
import { PtyDevice } from '../../fixtures/devices/PtyDevice';
import { useTempDirs } from '../support/tempDir';
import { waitFor } from '../support/waitFor';

/** The console core with a real SQLite file and a modem on a real pty: config → driver → hub → API → store. */

const tempDir = useTempDirs();
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup() {
  const dir = tempDir();
  const device = await PtyDevice.open(
    join(dir, 'modem.tty'),
    (write) => new CellularModemSimulator({ write, initial: { technology: 'lte', rsrpDbm: -91 } }),
  );
  cleanups.push(() => device.close());
  writeFileSync(
    join(dir, 'config.json'),
    JSON.stringify({
      vehicle: { name: 'MCV-07' },
      links: [{ id: 'cell-1', name: 'LTE-1', kind: 'cellular', port: device.devicePath, pollIntervalMs: 250 }],
    }),
  );
  const start = async () => {
    const core = await createCore({ host: 'headless', version: 'test', hostOptions: { dataDir: dir, demo: false, help: false }, env: {} });
    cleanups.push(() => core.close());
    const events: CoreEventMessage[] = [];
    core.subscribe((message) => events.push(message));
    return { core, events };
  };
  return { dir, device, start };
}

const statusOf = async (core: Core): Promise<LinkStatus | undefined> => {
  const result = await core.dispatch('links.list', {});
  return result.ok ? (result.value as LinkStatus[])[0] : undefined;
};

describe('console core', () => {
  it('serves live link status through the API and records state changes and samples in SQLite', async () => {
    const { dir, device, start } = await setup();
    const { core, events } = await start();
    expect(await core.dispatch('app.info', {})).toMatchObject({ ok: true, value: { vehicleName: 'MCV-07', demo: false, dataDir: dir } });

    await waitFor('link up with signal', () =>
      events.some(
        (e) =>
          e.name === 'links.status' && (e.data as LinkStatus).state === 'up' && (e.data as LinkStatus).cellular?.rsrpDbm?.value === -91,
      ),
    );
    expect(await statusOf(core)).toMatchObject({
      id: 'cell-1',
      name: 'LTE-1',
      state: 'up',
      device: { driver: 'at-cellular', model: 'RM520N-GL', connection: 'ready' },
      cellular: { technology: { value: 'lte', stale: false }, operatorName: { value: 'CHINA MOBILE' } },
    });

    device.simulator.set({ registration: 'searching' });
    await waitFor('down event', () => events.find((e) => e.name === 'links.stateChanged' && (e.data as { to: string }).to === 'down'));
    expect(await statusOf(core)).toMatchObject({ state: 'down', reason: { code: 'searching' } });

    await core.close();
    const db = new Database(join(dir, 'mcv-console.db'), { readonly: true });
    const changes = db.prepare('SELECT from_state, to_state, reason FROM link_events WHERE link_id = ? ORDER BY id').all('cell-1');
    expect(changes).toEqual([
      { from_state: 'unknown', to_state: 'up', reason: 'ok' },
      { from_state: 'up', to_state: 'down', reason: 'searching' },
    ]);
    const rsrp = db.prepare("SELECT value FROM link_samples WHERE link_id = 'cell-1' AND metric = 'rsrpDbm'").all() as Array<{
      value: number;
    }>;
    expect(rsrp.length).toBeGreaterThan(0);
    expect(rsrp[0]?.value).toBe(-91);
    db.close();
  });

  it('keeps settings across a restart and announces changes', async () => {
    const { start } = await setup();
    const first = await start();
    // The alert mute too: it outlives a restart until its time.
    const chosen = {
      language: 'zh-CN',
      theme: 'light',
      allowMeteredBulk: true,
      pins: { live: 'cell-1' },
      alertsMutedUntil: 1_900_000_000_000,
    };
    expect(await first.core.dispatch('settings.update', chosen)).toEqual({ ok: true, value: chosen });
    expect(first.events.find((e) => e.name === 'settings.changed')?.data).toEqual(chosen);
    await first.core.close();
    const second = await start();
    expect(await second.core.dispatch('settings.get', {})).toEqual({ ok: true, value: chosen });
  });

  it('rejects a bad request without changing anything', async () => {
    const { start } = await setup();
    const { core, events } = await start();
    const before = await core.dispatch('settings.get', {});
    expect(await core.dispatch('settings.update', { language: 'klingon' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(await core.dispatch('settings.get', {})).toEqual(before);
    expect(events.some((e) => e.name === 'settings.changed')).toBe(false);
  });
});
