import { describe, expect, it, vi } from 'vitest';
import { NotFoundError } from '../../../../../main/core/ops/MessageService';
import { ChunkOrderError } from '../../../../../main/core/ops/RecordingService';
import { UnavailableError } from '../../../../../main/core/sync/mediaTicket';
import type { CoreApiHandlers } from '../../../../../protocol/api/coreApi';
import { incidentMethods } from '../../../../../protocol/api/incidents';
import { dutyMethods } from '../../../../../protocol/api/duty';
import { mapsMethods } from '../../../../../protocol/api/maps';
import { fleetMethods } from '../../../../../protocol/api/fleet';
import { dispatch } from '../../../../../main/core/api/dispatch';
import { DatabaseError } from '../../../../../platform/sqlite/DatabaseError';

/** Handlers of an area this test does not call. */
function notInThisTest<M extends object>(methods: M): Pick<CoreApiHandlers, keyof M & keyof CoreApiHandlers> {
  const fail = () => {
    throw new Error('not in this test');
  };
  return Object.fromEntries(Object.keys(methods).map((name) => [name, fail])) as unknown as Pick<
    CoreApiHandlers,
    keyof M & keyof CoreApiHandlers
  >;
}

function handlers(overrides: Partial<CoreApiHandlers> = {}): CoreApiHandlers {
  return {
    'app.info': () => ({
      version: '1',
      host: 'headless',
      vehicleName: 'MCV-01',
      dataDir: '/d',
      databaseFile: '/d/x.db',
      schemaVersion: 10,
      demo: false,
      startedAt: 0,
    }),
    'links.list': () => [],
    'settings.get': () => ({ language: 'en', theme: 'dark', allowMeteredBulk: false, pins: {}, alertsMutedUntil: null }),
    'settings.update': vi.fn((patch) => ({
      language: patch.language ?? 'en',
      theme: patch.theme ?? 'dark',
      allowMeteredBulk: false,
      pins: {},
      alertsMutedUntil: null,
    })),
    'system.alerts': () => [],
    'links.policy': () => ({ decisions: [], at: 0 }),
    'links.history': (query) => ({ linkId: query.linkId, range: query.range, bucketMs: 10_000, at: [], values: {} }),
    'links.events': () => [],
    'position.latest': () => null,
    'position.track': () => [],
    'devices.serialPorts': () => ({ ports: [] }),
    'messages.list': () => [],
    'messages.send': () => {
      throw new Error('not in this test');
    },
    'inbox.list': () => [],
    'inbox.markRead': () => {
      throw new Error('not in this test');
    },
    'inbox.step': () => {
      throw new Error('not in this test');
    },
    'inbox.alerts': () => [],
    'sync.status': () => {
      throw new Error('not in this test');
    },
    'sync.retryParked': () => 0,
    'media.ticket': async () => {
      throw new UnavailableError('no command center is configured');
    },
    'media.centerState': async () => ({ state: 'unknown', reason: 'no command center is configured', checkedAt: 0 }),
    'recording.start': () => ({ id: 'r1' }),
    'recording.append': () => {
      throw new ChunkOrderError('recording r1: chunk 3 arrived but 1 is next');
    },
    'recording.finish': () => {
      throw new NotFoundError('no recording r2 in progress');
    },
    ...notInThisTest(incidentMethods),
    ...notInThisTest(dutyMethods),
    ...notInThisTest(mapsMethods),
    ...notInThisTest(fleetMethods),
    ...overrides,
  };
}

describe('dispatch', () => {
  it('runs the handler with validated params and wraps the value', async () => {
    const h = handlers();
    await expect(dispatch(h, 'settings.update', { language: 'zh-CN' })).resolves.toEqual({
      ok: true,
      value: { language: 'zh-CN', theme: 'dark', allowMeteredBulk: false, pins: {}, alertsMutedUntil: null },
    });
    expect(h['settings.update']).toHaveBeenCalledWith({ language: 'zh-CN' });
  });

  it('treats missing params as empty', async () => {
    await expect(dispatch(handlers(), 'links.list', undefined)).resolves.toEqual({ ok: true, value: [] });
  });

  it('answers UNKNOWN_METHOD for a method not in the contract, including prototype names', async () => {
    await expect(dispatch(handlers(), 'links.delete', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
    await expect(dispatch(handlers(), 'constructor', {})).resolves.toMatchObject({ ok: false, error: { code: 'UNKNOWN_METHOD' } });
  });

  it('answers BAD_REQUEST naming the bad key, without calling the handler', async () => {
    const h = handlers();
    const result = await dispatch(h, 'settings.update', { language: 'fr' });
    expect(result).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(!result.ok && result.error.message).toContain('language');
    expect(await dispatch(h, 'settings.update', { colour: 'red' })).toMatchObject({ ok: false, error: { code: 'BAD_REQUEST' } });
    expect(h['settings.update']).not.toHaveBeenCalled();
  });

  it("answers STORE_UNAVAILABLE with the store's own message", async () => {
    const h = handlers({
      'settings.get': () => {
        throw new DatabaseError('full', '/d/x.db', 'MCV Console');
      },
    });
    const result = await dispatch(h, 'settings.get', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'STORE_UNAVAILABLE' } });
    expect(!result.ok && result.error.message).toContain('/d/x.db');
  });

  it('answers BAD_REQUEST for a recording chunk out of order, and checks chunks are base64', async () => {
    expect(await dispatch(handlers({}), 'recording.append', { id: 'r1', seq: 3, data: 'AAAA' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('1 is next') },
    });
    expect(await dispatch(handlers({}), 'recording.append', { id: 'r1', seq: 0, data: 'not base64!' })).toMatchObject({
      ok: false,
      error: { code: 'BAD_REQUEST', message: expect.stringContaining('base64') },
    });
  });

  it('answers UNAVAILABLE with why live media cannot start', async () => {
    expect(await dispatch(handlers({}), 'media.ticket', {})).toEqual({
      ok: false,
      error: { code: 'UNAVAILABLE', message: 'no command center is configured' },
    });
  });

  it('answers INTERNAL without leaking the error text or stack', async () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const h = handlers({
      'links.list': () => {
        throw new Error('secret internal detail');
      },
    });
    const result = await dispatch(h, 'links.list', {});
    expect(result).toEqual({ ok: false, error: { code: 'INTERNAL', message: "links.list failed; see the console's log" } });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});
