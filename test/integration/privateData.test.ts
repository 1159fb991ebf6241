import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCenter, type CenterProcess } from '../support/centerProcess';
import { startHost, type RunningHost } from '../support/headlessHost';

/** What the console and the center write is theirs alone: data folders 0700, every file in them 0600. */
const mode = (path: string) => statSync(path).mode & 0o777;

function openToOthers(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if ((entry.isFile() || entry.isDirectory()) && (mode(path) & 0o077) !== 0) found.push(`${path} ${mode(path).toString(8)}`);
  }
  return found;
}

let center: CenterProcess | undefined;
let host: RunningHost | undefined;
const dirs: string[] = [];
afterAll(async () => {
  await host?.stop();
  await center?.dispose();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(process.platform === 'win32')('private data on disk', () => {
  it('the center: its data folder, database and credentials', async () => {
    center = await startCenter();
    expect(mode(center.dataDir)).toBe(0o700);
    expect(openToOthers(center.dataDir)).toEqual([]);
  });

  it('the console: its data folder, database and WAL', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'mcv-private-'));
    dirs.push(parent);
    const dataDir = join(parent, 'data');
    host = await startHost(['--port', '0', '--data-dir', dataDir]);
    expect(mode(dataDir)).toBe(0o700);
    expect(readdirSync(dataDir)).toContain('mcv-console.db');
    expect(openToOthers(dataDir)).toEqual([]);
  });
});
