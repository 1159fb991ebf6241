import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LinkHistoryWriter } from '../../../../../main/core/store/LinkHistoryWriter';
import { Store } from '../../../../../main/core/store/Store';
import { DatabaseError } from '../../../../../platform/sqlite/DatabaseError';
import { useTempDirs } from '../../../../support/tempDir';

const tempDir = useTempDirs();

function openError(file: string): DatabaseError {
  try {
    Store.open({ file, busyTimeoutMs: 50 }).close();
  } catch (error) {
    if (error instanceof DatabaseError) return error;
    throw error;
  }
  throw new Error('Store.open did not fail');
}

describe('Store', () => {
  it('creates its folder and opens in WAL with synchronous=FULL', () => {
    const file = join(tempDir(), 'nested', 'console.db');
    const store = Store.open({ file });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(store.schemaVersion).toBeGreaterThan(0);
    store.close();
  });

  it('keeps what was written across a reopen', () => {
    const file = join(tempDir(), 'console.db');
    const store = Store.open({ file });
    store.db.prepare("INSERT INTO settings (key, value) VALUES ('theme', '\"light\"')").run();
    store.close();
    const again = Store.open({ file });
    expect(again.db.prepare("SELECT value FROM settings WHERE key = 'theme'").get()).toEqual({ value: '"light"' });
    again.close();
  });

  it('refuses a second opener with a "locked" message naming the file', () => {
    const file = join(tempDir(), 'console.db');
    const first = Store.open({ file });
    const error = openError(file);
    expect(error.problem).toBe('locked');
    expect(error.message).toContain(file);
    expect(error.message).toMatch(/in use by another MCV Console process/);
    first.close();
  });

  it('reports a file that is not a database as corrupt, naming the file', () => {
    const file = join(tempDir(), 'console.db');
    writeFileSync(file, 'this is not an SQLite database, just text that fills a page '.repeat(200));
    const error = openError(file);
    expect(error.problem).toBe('corrupt');
    expect(error.message).toContain(file);
    expect(error.message).not.toMatch(/\n\s+at /); // no stack in the operator's message
  });

  it('reports a database of a newer console as too new', () => {
    const file = join(tempDir(), 'console.db');
    const store = Store.open({ file });
    store.db.pragma('user_version = 990');
    store.close();
    expect(openError(file).problem).toBe('too-new');
  });

  it('reports a file it may not write as read-only (run as an unprivileged user)', () => {
    const dir = tempDir();
    const file = join(dir, 'console.db');
    Store.open({ file }).close();
    chmodSync(dir, 0o755);
    chmodSync(file, 0o444);
    // Root ignores file modes, so the opener runs as "nobody" in a child process.
    const script = `
      import('${join(process.cwd(), 'main/core/store/Store.ts')}').then(({ Store }) => {
        try { Store.open({ file: ${JSON.stringify(file)} }); console.log('opened'); }
        catch (e) { console.log(JSON.stringify({ problem: e.problem, message: e.message })); }
      });`;
    const isRoot = process.getuid?.() === 0;
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      ...(isRoot ? { uid: 65534, gid: 65534 } : {}),
    });
    const answer = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { problem?: string; message?: string };
    expect(answer.problem).toBe('read-only');
    expect(answer.message).toContain(file);
  });

  it('reports a folder it cannot create as cannot-open or read-only', () => {
    const dir = tempDir();
    const blocker = join(dir, 'file-not-folder');
    writeFileSync(blocker, 'x');
    const error = openError(join(blocker, 'console.db'));
    expect(['cannot-open', 'read-only', 'io']).toContain(error.problem);
    expect(error.message).toContain(blocker);
  });
});

describe('LinkHistoryWriter', () => {
  it('never queues a value SQLite would refuse (NaN, a fractional time), so one bad sample cannot block a batch', () => {
    const file = join(tempDir(), 'console.db');
    const store = Store.open({ file });
    const writer = new LinkHistoryWriter({ db: store.db, file, flushIntervalMs: 60_000 });
    writer.recordSample({ linkId: 'a', metric: 'rsrpDbm', at: 1, value: Number.NaN });
    writer.recordSample({ linkId: 'a', metric: 'rsrpDbm', at: 1.5, value: -90 });
    writer.recordSample({ linkId: 'a', metric: 'rsrpDbm', at: 2, value: -91 });
    expect(writer.queued).toBe(1);
    expect(writer.flush()).toBe(true);
    writer.close();
    store.close();
  });
});

describe('LinkHistoryWriter on a full disk', () => {
  it('reports "full", keeps the rows, and writes them when space returns', () => {
    const file = join(tempDir(), 'console.db');
    const store = Store.open({ file });
    const pageCount = store.db.pragma('page_count', { simple: true }) as number;
    const health: Array<string | undefined> = [];
    const writer = new LinkHistoryWriter({ db: store.db, file, flushIntervalMs: 60_000, onHealth: (e) => health.push(e?.problem) });
    // SQLite's max_page_count makes the next growth fail with SQLITE_FULL: a full disk, for real.
    store.db.pragma(`max_page_count = ${pageCount}`);
    for (let i = 0; i < 2000; i++) writer.recordSample({ linkId: 'cell-1', metric: 'rsrpDbm', at: i, value: -90 });
    expect(writer.flush()).toBe(false);
    expect(health).toEqual(['full']);
    expect(writer.queued).toBe(2000);
    expect(store.db.prepare('SELECT count(*) AS n FROM link_samples').get()).toEqual({ n: 0 });
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');

    store.db.pragma('max_page_count = 1073741823');
    expect(writer.flush()).toBe(true);
    expect(health).toEqual(['full', undefined]);
    expect(store.db.prepare('SELECT count(*) AS n FROM link_samples').get()).toEqual({ n: 2000 });
    writer.close();
    store.close();
  });

  it('bounds its queue while failing, dropping the oldest samples but no state change', () => {
    const file = join(tempDir(), 'console.db');
    const store = Store.open({ file });
    store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`);
    const writer = new LinkHistoryWriter({ db: store.db, file, flushIntervalMs: 60_000, maxQueued: 100 });
    writer.recordStateChange({ linkId: 'cell-1', from: 'up', to: 'down', reason: { code: 'searching' }, at: 1 });
    for (let i = 0; i < 500; i++) writer.recordSample({ linkId: 'cell-1', metric: 'rsrpDbm', at: i, value: i });
    expect(writer.queued).toBe(100);
    expect(writer.droppedSamples).toBe(401);
    store.db.pragma('max_page_count = 1073741823');
    expect(writer.flush()).toBe(true);
    expect(store.db.prepare('SELECT count(*) AS n FROM link_events').get()).toEqual({ n: 1 });
    expect(store.db.prepare('SELECT min(value) AS first FROM link_samples').get()).toEqual({ first: 401 });
    writer.close();
    store.close();
  });
});
