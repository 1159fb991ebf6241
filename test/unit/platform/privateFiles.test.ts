import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeDataPrivate } from '../../../platform/privateFiles';
import { useTempDirs } from '../../support/tempDir';

const tempDir = useTempDirs();
const before = process.umask();
afterEach(() => {
  process.umask(before);
});

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('private data (POSIX)', () => {
  it('creates the data directory 0700, and files made afterwards are 0600', () => {
    process.umask(0o022);
    const dir = join(tempDir(), 'data');
    makeDataPrivate(dir);
    expect(mode(dir)).toBe(0o700);
    writeFileSync(join(dir, 'mcv-console.db'), 'x');
    mkdirSync(join(dir, 'recordings'));
    expect(mode(join(dir, 'mcv-console.db'))).toBe(0o600);
    expect(mode(join(dir, 'recordings'))).toBe(0o700);
  });

  it('tightens a data directory an older version left open', () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    makeDataPrivate(dir);
    expect(mode(dir)).toBe(0o700);
  });

  it('leaves Windows to its ACLs', () => {
    process.umask(0o022);
    const dir = tempDir();
    chmodSync(dir, 0o755);
    makeDataPrivate(dir, 'win32');
    expect(mode(dir)).toBe(0o755);
    expect(process.umask()).toBe(0o022);
  });
});
