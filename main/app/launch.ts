import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSupportedBrowser, noElectronNotice } from '../core/config/startupHints';
import { electronPackageDir, findElectronBinary } from './electronBinary';

/**
 * `npm start`: runs the console in Electron where Electron's binary exists; where it
 * cannot be had (no binary, no download possible) it says so in one line and runs the
 * headless host, which prints the URL to open. Plain Node; imports nothing of Electron.
 */

const outDir = dirname(dirname(fileURLToPath(import.meta.url)));
const appDir = dirname(outDir);
const args = process.argv.slice(2);

/** The Electron binary, fetched once if the package has not yet (silently unless it takes a while). */
async function electronBinary(): Promise<string | undefined> {
  const found = findElectronBinary();
  const packageDir = electronPackageDir();
  if (found || !packageDir || process.env.MCV_NO_ELECTRON_DOWNLOAD) return found;
  const child = spawn(process.execPath, [join(packageDir, 'install.js')], { stdio: 'ignore' });
  const notice = setTimeout(() => console.log('Fetching Electron’s binary… (MCV_NO_ELECTRON_DOWNLOAD=1 skips this)'), 2000);
  const giveUp = setTimeout(() => child.kill(), 60_000);
  await new Promise((resolve) => child.once('exit', resolve).once('error', resolve));
  clearTimeout(notice);
  clearTimeout(giveUp);
  return findElectronBinary(packageDir);
}

function run(command: string, commandArgs: string[]): void {
  const child = spawn(command, commandArgs, { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
}

const binary = await electronBinary();
// Native modules (better-sqlite3, serialport) are N-API prebuilt binaries: the same files load in Node and Electron.
if (binary) {
  run(binary, [appDir, ...args]);
} else {
  console.log(noElectronNotice(findSupportedBrowser()));
  run(process.execPath, [join(outDir, 'serve', 'main.js'), ...args]);
}
