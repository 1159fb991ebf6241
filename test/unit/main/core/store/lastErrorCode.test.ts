import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { applyExchangeOutcome } from '../../../../../main/core/store/exchangeOutcome';
import { insertMessage, listMessages } from '../../../../../main/core/store/messagesRepo';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../../../main/core/store/migrations/index';
import { markDelivered, recordAttempt } from '../../../../../main/core/store/outboxRepo';
import { Store } from '../../../../../main/core/store/Store';
import { migrate, schemaVersion } from '../../../../../platform/sqlite/migrations';
import { uuidv7 } from '../../../../../protocol/sync/uuid';

const NOW = 1_800_000_000_000;
const dirs: string[] = [];

function dbFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mcv-last-error-'));
  dirs.push(dir);
  return join(dir, 'console.sqlite');
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function message(db: Database.Database, text: string, at: number): string {
  const id = uuidv7(at);
  insertMessage(db, { id, createdAt: at, priority: 'routine', body: { text }, bytes: 40 });
  return id;
}

const stored = (db: Database.Database) =>
  db.prepare('SELECT seq, last_error AS text, last_error_code AS code FROM outbox ORDER BY seq').all() as Array<{
    seq: number;
    text: string | null;
    code: string | null;
  }>;

const deliveries = (db: Database.Database) =>
  Object.fromEntries(listMessages(db, 10).map((m) => [m.text, [m.delivery.lastErrorCode, m.delivery.lastError]]));

describe('an outbox item’s last failed try (migration 90: its code stored beside its text)', () => {
  it('stores the code of a failed try and of a deferral, reads it back, and clears both on delivery', () => {
    const file = dbFile();
    const store = Store.open({ file });
    const db = store.db;
    expect(store.schemaVersion).toBe(LATEST_SCHEMA_VERSION);
    message(db, 'one', NOW);
    message(db, 'two', NOW + 1);
    recordAttempt(db, [1, 2], { code: 'timeout', message: 'no answer in 30 s' });
    expect(stored(db)).toEqual([
      { seq: 1, text: 'timeout: no answer in 30 s', code: 'timeout' },
      { seq: 2, text: 'timeout: no answer in 30 s', code: 'timeout' },
    ]);
    applyExchangeOutcome(db, {
      vehicleId: 'mcv-1',
      seqOffset: 0,
      sentSeqs: [2],
      response: {
        ack: 0,
        accepted: [],
        rejected: [],
        deferred: [{ seq: 2, code: 'upload-incomplete', message: 'the center holds 0 of 2048 bytes' }],
        down: [],
        moreDown: false,
        serverTime: NOW,
      },
      down: [],
      now: NOW,
      deferMs: 5_000,
    });
    expect(deliveries(db)).toEqual({
      one: ['timeout', 'timeout: no answer in 30 s'],
      two: ['upload-incomplete', 'upload-incomplete: the center holds 0 of 2048 bytes'],
    });
    // Read from its column, not from the text: a detail without the code keeps it.
    db.prepare("UPDATE outbox SET last_error = 'the detail alone' WHERE seq = 1").run();
    expect(deliveries(db).one).toEqual(['timeout', 'the detail alone']);
    // A code this release no longer knows is not passed on: the text's code, or none.
    db.prepare("UPDATE outbox SET last_error_code = 'gone-in-a-later-release' WHERE seq = 2").run();
    expect(deliveries(db).two).toEqual(['upload-incomplete', 'upload-incomplete: the center holds 0 of 2048 bytes']);
    db.prepare("UPDATE outbox SET last_error_code = 'gone-in-a-later-release' WHERE seq = 1").run();
    expect(deliveries(db).one).toEqual([null, 'the detail alone']);
    db.prepare("UPDATE outbox SET last_error_code = 'upload-incomplete' WHERE seq = 2").run();
    markDelivered(db, [1], NOW + 10);
    expect(stored(db)[0]).toEqual({ seq: 1, text: null, code: null });
    expect(deliveries(db).one).toEqual([null, null]);
    store.close();

    // The code survives closing and opening the file.
    const again = Store.open({ file });
    expect(deliveries(again.db).two).toEqual(['upload-incomplete', 'upload-incomplete: the center holds 0 of 2048 bytes']);
    again.close();
  });

  it('keeps the rows of a database written at migration 80: no code stored, the old text still read', () => {
    const file = dbFile();
    const old = new Database(file);
    expect(migrate(old, MIGRATIONS, 80)).toBe(80);
    message(old, 'coded text', NOW);
    message(old, 'english only', NOW + 1);
    message(old, 'never failed', NOW + 2);
    // What the console wrote before migration 90: the code at the start of the text, or (older) the text alone.
    const write = old.prepare('UPDATE outbox SET attempts = 1, last_error = ? WHERE seq = ?');
    write.run('unreachable: connect ECONNREFUSED 10.0.0.7:7000', 1);
    write.run('connect ECONNREFUSED 10.0.0.7:7000', 2);
    old.close();

    const store = Store.open({ file });
    expect(schemaVersion(store.db)).toBe(90);
    expect(stored(store.db).map((r) => r.code)).toEqual([null, null, null]);
    expect(deliveries(store.db)).toEqual({
      'coded text': ['unreachable', 'unreachable: connect ECONNREFUSED 10.0.0.7:7000'],
      'english only': [null, 'connect ECONNREFUSED 10.0.0.7:7000'],
      'never failed': [null, null],
    });
    // The next failed try of an old row stores its code.
    recordAttempt(store.db, [2], { code: 'stalled', message: 'no progress for 20 s' });
    expect(stored(store.db)[1]).toEqual({ seq: 2, text: 'stalled: no progress for 20 s', code: 'stalled' });
    expect(deliveries(store.db)['english only']).toEqual(['stalled', 'stalled: no progress for 20 s']);
    store.close();
  });
});
