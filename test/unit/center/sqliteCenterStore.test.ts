import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import DatabaseConstructor from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { centerStoreError, DuplicateIdError, StoreFullError } from '../../../center/store/errors';
import { DatabaseError } from '../../../platform/sqlite/DatabaseError';
import { InstanceLock } from '../../../center/store/sqlite/instanceLock';
import { LATEST_SCHEMA_VERSION } from '../../../center/store/sqlite/migrations';
import { SqliteCenterStore } from '../../../center/store/sqlite/SqliteCenterStore';
import { hashToken } from '../../../center/credentials/tokens';
import { useTempDirs } from '../../support/tempDir';
import { T0 } from './helpers';

const tempDir = useTempDirs();
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function open(file: string): SqliteCenterStore {
  const store = SqliteCenterStore.open({ file });
  closers.push(() => store.close());
  return store;
}

describe('SqliteCenterStore', () => {
  it('creates the schema in WAL with synchronous=FULL and records its version', async () => {
    const file = join(tempDir(), 'sub', 'center.db');
    const store = open(file);
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    await store.close();
    const db = new DatabaseConstructor(file);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    db.close();
    // Opening again migrates nothing and keeps the data.
    expect(open(file).schemaVersion).toBe(LATEST_SCHEMA_VERSION);
  });

  it('keeps credentials by role and id, refuses a duplicate id, and revokes once', async () => {
    const store = open(join(tempDir(), 'center.db'));
    await store.addCredential({ role: 'vehicle', id: 'mcv-07', name: 'MCV-07', tokenSha256: hashToken('a'), createdAt: T0 });
    await store.addCredential({
      role: 'staff',
      staffRole: 'desk',
      id: 'mcv-07',
      name: 'Same id, other role',
      tokenSha256: hashToken('b'),
      createdAt: T0,
    });
    await expect(
      store.addCredential({ role: 'vehicle', id: 'mcv-07', name: 'again', tokenSha256: hashToken('c'), createdAt: T0 }),
    ).rejects.toBeInstanceOf(DuplicateIdError);
    const stored = await store.getCredential('vehicle', 'mcv-07');
    expect(stored).toMatchObject({ name: 'MCV-07', revokedAt: null });
    expect(Buffer.from(stored!.tokenSha256).equals(hashToken('a'))).toBe(true);
    expect(await store.revokeCredential('vehicle', 'mcv-07', T0 + 1)).toBe(true);
    expect(await store.revokeCredential('vehicle', 'mcv-07', T0 + 2)).toBe(true);
    expect((await store.getCredential('vehicle', 'mcv-07'))!.revokedAt).toBe(T0 + 1);
    expect(await store.revokeCredential('vehicle', 'nobody', T0)).toBe(false);
    expect(await store.deskVehicles()).toEqual([]);
    expect((await store.listCredentials('staff')).map((c) => c.name)).toEqual(['Same id, other role']);
  });

  it('refuses a damaged file with a message naming it', () => {
    const file = join(tempDir(), 'center.db');
    writeFileSync(file, Buffer.alloc(8192, 'garbage!'));
    expect(() => SqliteCenterStore.open({ file })).toThrow(DatabaseError);
    try {
      SqliteCenterStore.open({ file });
    } catch (error) {
      expect((error as DatabaseError).problem).toBe('corrupt');
      expect((error as Error).message).toContain(file);
    }
  });

  it('refuses a database from a newer center', () => {
    const file = join(tempDir(), 'center.db');
    const db = new DatabaseConstructor(file);
    db.pragma('user_version = 9990');
    db.close();
    expect(() => SqliteCenterStore.open({ file })).toThrow(/newer MCV center/);
  });

  it('lets one center hold a data directory at a time', () => {
    const dir = tempDir();
    const first = InstanceLock.acquire(join(dir, 'center.lock'), join(dir, 'center.db'));
    closers.push(() => first.release());
    expect(() => InstanceLock.acquire(join(dir, 'center.lock'), join(dir, 'center.db'))).toThrow(/another MCV center is already running/);
    first.release();
    InstanceLock.acquire(join(dir, 'center.lock'), join(dir, 'center.db')).release();
  });

  it('classifies a full disk as StoreFullError', () => {
    const full = centerStoreError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }), 'x.db');
    expect(full).toBeInstanceOf(StoreFullError);
    expect(centerStoreError(Object.assign(new Error('no space'), { code: 'ENOSPC' }), 'x.db')).toBeInstanceOf(StoreFullError);
    expect(centerStoreError(Object.assign(new Error('busy'), { code: 'SQLITE_BUSY' }), 'x.db').problem).toBe('locked');
  });

  it('queues downlink per vehicle from 1 and keeps upload offsets', async () => {
    const store = open(join(tempDir(), 'center.db'));
    for (const id of ['a', 'b']) await store.addCredential({ role: 'vehicle', id, name: id, tokenSha256: hashToken(id), createdAt: T0 });
    const make = (kind: 'order') => ({
      id: crypto.randomUUID(),
      kind,
      priority: 'flash' as const,
      createdAt: T0,
      wire: new Uint8Array([1]),
      body: {},
    });
    await store.queueDownlink(['a'], () => make('order'));
    const queued = await store.queueDownlink(['a', 'b'], () => make('order'));
    expect(queued.map((q) => [q.vehicleId, q.seq])).toEqual([
      ['a', 2],
      ['b', 1],
    ]);
    const upload = { vehicleId: 'a', attachmentId: 'x', name: 'n', mime: 'text/plain', size: 5, sha256: 'f'.repeat(64), createdAt: T0 };
    expect(await store.createUpload(upload)).toMatchObject({ offset: 0, completedAt: null });
    await store.setUploadOffset('a', 'x', 3);
    expect(await store.createUpload({ ...upload, size: 9 })).toMatchObject({ size: 5, offset: 3 });
    await store.completeUpload('a', 'x', T0 + 9);
    await store.setUploadOffset('a', 'x', 1);
    expect(await store.getUpload('a', 'x')).toMatchObject({ offset: 5, completedAt: T0 + 9 });
    expect(await store.incompleteUploads()).toEqual([]);
  });
});
