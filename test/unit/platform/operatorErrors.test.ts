import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../../platform/config/jsonConfigFile';
import { osDataDir } from '../../../platform/dataDir';
import { OperatorError } from '../../../platform/OperatorError';
import { DatabaseError, classifyDatabaseError, isDiskFull } from '../../../platform/sqlite/DatabaseError';
import { describeStartupFailure } from '../../../platform/startupFailure';

const coded = (code: string) => Object.assign(new Error(code), { code });

describe('database errors', () => {
  it('classify SQLite and file-system codes', () => {
    expect(classifyDatabaseError(coded('SQLITE_BUSY_SNAPSHOT'))).toBe('locked');
    expect(classifyDatabaseError(coded('SQLITE_NOTADB'))).toBe('corrupt');
    expect(classifyDatabaseError(coded('EROFS'))).toBe('read-only');
    expect(classifyDatabaseError(coded('ENOSPC'))).toBe('full');
    expect(classifyDatabaseError(coded('SQLITE_CANTOPEN'))).toBe('cannot-open');
    expect(classifyDatabaseError(new Error('?'))).toBe('io');
    expect(isDiskFull(coded('SQLITE_FULL'))).toBe(true);
    expect(isDiskFull(new DatabaseError('full', '/d/x.db', 'MCV center'))).toBe(true);
  });

  it('name the file, the product and what to do', () => {
    const error = DatabaseError.from(coded('SQLITE_BUSY'), '/data/mcv-console.db', 'MCV Console');
    expect(error).toBeInstanceOf(OperatorError);
    expect(error.message).toBe(
      'Database /data/mcv-console.db: the database is in use by another MCV Console process; close it (or use another --data-dir) and start again (SQLITE_BUSY)',
    );
    expect(new DatabaseError('too-new', 'c.db', 'MCV center').message).toContain('written by a newer MCV center');
  });
});

describe('the start-up failure line', () => {
  it('is the message of an operator error, and known', () => {
    expect(describeStartupFailure(new ConfigError('/etc/mcv.json', 'port: expected number'))).toEqual({
      line: 'Config file /etc/mcv.json: port: expected number',
      known: true,
    });
  });

  it('explains listen failures and marks anything else as unknown', () => {
    expect(describeStartupFailure(coded('EADDRINUSE'))).toMatchObject({ known: true, line: expect.stringContaining('--port') });
    expect(describeStartupFailure(new TypeError('x is undefined\n  at f()'))).toEqual({
      line: 'Unexpected error: x is undefined',
      known: false,
    });
  });
});

describe('the OS data folder', () => {
  const names = { windows: 'MCV Console', mac: 'MCV Console', xdg: 'mcv-console' };
  it('follows each OS', () => {
    expect(osDataDir(names, { APPDATA: 'C:\\Users\\w\\AppData\\Roaming' }, 'win32', '/h')).toMatch(/Roaming.MCV Console$/);
    expect(osDataDir(names, {}, 'darwin', '/Users/w')).toBe('/Users/w/Library/Application Support/MCV Console');
    expect(osDataDir(names, { XDG_DATA_HOME: '/x' }, 'linux', '/home/w')).toBe('/x/mcv-console');
    expect(osDataDir(names, {}, 'linux', '/home/w')).toBe('/home/w/.local/share/mcv-console');
  });
});
