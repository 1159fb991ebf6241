import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { ResolvedConfig } from './loadConfig';

/** The browsers the console's UI is built and tested for (it is tested in Debian's Chromium). */
export const SUPPORTED_BROWSERS = 'Chromium or Google Chrome';

/**
 * One line for the start banner: which config file was read, or where to create one, and
 * that it is read only at start (the README's first-run steps rely on this line).
 */
export function configLocationLine(resolved: Pick<ResolvedConfig, 'configFile' | 'dataDir'>): string {
  if (resolved.configFile) return `  config: ${resolved.configFile} (read at start: restart the console after editing it)`;
  return `  config: none yet; create ${join(resolved.dataDir, 'config.json')} (README, "Configuration") and restart the console to read it. Until then: defaults and the demo vehicle`;
}

/** Debian/Ubuntu paths of the browsers that run the UI; the first one found, or undefined. */
export function findSupportedBrowser(
  candidates: readonly string[] = [
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
    '/usr/bin/google-chrome',
    '/usr/bin/google-chrome-stable',
  ],
  exists: (path: string) => boolean = existsSync,
): string | undefined {
  return candidates.find(exists);
}

/** What `npm start` says when Electron's binary is missing: the host it runs instead, and which browser to open. */
export function noElectronNotice(browser: string | undefined): string {
  const open = `open the URL it prints in ${SUPPORTED_BROWSERS}`;
  return browser
    ? `Electron’s binary is not available on this machine, so the console runs as the headless host instead: ${open} (${browser} is installed).`
    : `Electron’s binary is not available on this machine, so the console runs as the headless host instead: ${open} (none found here: sudo apt-get install -y chromium).`;
}
