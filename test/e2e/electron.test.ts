import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { findElectronBinary } from '../../main/app/electronBinary';

/**
 * The real Electron shell, where Electron's binary exists. On machines where it cannot
 * be downloaded the suite is skipped and says why; the shell's settings are still
 * covered by the unit test with Electron mocked, and the renderer by the Chromium E2E.
 */

const binary = findElectronBinary();
const reason = binary ? '' : "Electron's binary is not installed (node_modules/electron has no dist/; this machine cannot download it)";
if (reason) console.warn(`[skip] Electron E2E: ${reason}`);

describe.skipIf(!binary)(`Electron shell${reason ? ` — skipped: ${reason}` : ''}`, () => {
  it('opens the console from app://mcv, sandboxed, with live link tiles', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mcv-electron-'));
    const app = await _electron.launch({ executablePath: binary, args: ['.', '--demo', '--data-dir', dataDir] });
    try {
      const window = await app.firstWindow();
      expect(window.url()).toBe('app://mcv/index.html');
      await window.locator('[data-testid=link-tile]').first().waitFor({ timeout: 30_000 });
      // No Node in the page (sandbox, no integration); only the bridge's two functions reach it.
      expect(
        await window.evaluate(() => [
          typeof (globalThis as { require?: unknown }).require,
          typeof (globalThis as { process?: unknown }).process,
        ]),
      ).toEqual(['undefined', 'undefined']);
      expect(await window.evaluate(() => Object.keys((globalThis as unknown as { mcvBridge: object }).mcvBridge).sort())).toEqual([
        'call',
        'onEvent',
      ]);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
