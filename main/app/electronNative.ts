import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * better-sqlite3 is built against Node's ABI by `npm ci` (the tests and the headless
 * host need that); Electron needs its own build. Rather than rebuilding in place (which
 * would break the tests), a copy is built for Electron under `out/native/electron/`,
 * and Electron's main process points better-sqlite3 at it (`nativeBinding`).
 * serialport's bindings use N-API and load in both. Plain Node; run by `npm start`.
 */
export function electronSqliteBinding(outDir: string): string {
  return join(outDir, 'native', 'electron', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
}

/** Builds the Electron copy if missing; returns false (with the reason printed) when it cannot. */
export function ensureElectronSqliteBinding(outDir: string, electronVersion: string): boolean {
  const binding = electronSqliteBinding(outDir);
  if (existsSync(binding)) return true;
  const require = createRequire(import.meta.url);
  const source = dirname(require.resolve('better-sqlite3/package.json'));
  const copy = dirname(dirname(dirname(binding)));
  rmSync(copy, { recursive: true, force: true });
  mkdirSync(dirname(copy), { recursive: true });
  cpSync(source, copy, { recursive: true, filter: (path) => !path.includes(`${join('build', '')}`) });
  const bin = (name: string) => join(dirname(require.resolve(`${name}/package.json`)), JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')).bin[name] as string);
  console.log(`Preparing SQLite for Electron ${electronVersion}…`);
  const prebuilt = spawnSync(process.execPath, [bin('prebuild-install'), '--runtime', 'electron', '--target', electronVersion], { cwd: copy, stdio: 'inherit' });
  if (prebuilt.status !== 0) {
    spawnSync(process.execPath, [bin('node-gyp'), 'rebuild', '--release', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'], { cwd: copy, stdio: 'inherit' });
  }
  if (!existsSync(binding)) {
    console.error('Could not build SQLite for Electron (no prebuilt binary and no build tools or headers).');
    return false;
  }
  return true;
}
