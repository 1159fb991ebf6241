import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openConsolePage } from '../support/chromium';
import { startHost, type RunningHost } from '../support/headlessHost';

/**
 * Errors from the core and the sync path are shown by their code in the UI's language,
 * the English message only as detail: the demo vehicle is configured with a center at a
 * port where nothing listens, so every try fails with `unreachable`.
 */

const SHOTS = join(process.cwd(), 'test-output', 'e2e');
let dataDir: string;
let host: RunningHost;
let browser: Browser;
let page: Page;
const problems: string[] = [];

/** A loopback port that was free a moment ago: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  dataDir = mkdtempSync(join(tmpdir(), 'mcv-e2e-errors-'));
  const token = `mcv-v.mcv-07.${'A'.repeat(43)}`;
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ demo: true, sync: { centerUrl: `http://127.0.0.1:${await closedPort()}`, token, pollSeconds: 2 } }),
  );
  host = await startHost(['--port', '0', '--data-dir', dataDir]);
  browser = await launchChromium();
  page = await openConsolePage(browser, host.url, problems);
  await page.setViewportSize({ width: 1280, height: 800 });
});

afterAll(async () => {
  await browser?.close();
  await host?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('errors in the UI language', () => {
  it('shows why the center cannot be reached in English and in Chinese, with the English message as detail', async () => {
    await page.locator('.nav-rail').getByRole('button', { name: 'Sync' }).click();
    const failure = page.locator('.sync-error');
    await expect.poll(() => failure.textContent(), { timeout: 30_000 }).toContain('Cannot reach the center');
    expect(await failure.getAttribute('title')).toMatch(/^cannot reach the center at 127\.0\.0\.1:\d+: ECONNREFUSED$/);
    await page.screenshot({ path: join(SHOTS, 'sync-unreachable-en.png') });

    await page.locator('button[lang=zh-CN]').click();
    await expect.poll(() => failure.textContent()).toContain('无法连接指挥中心');
    expect(await failure.textContent()).not.toContain('ECONNREFUSED');
    await page.screenshot({ path: join(SHOTS, 'sync-unreachable-zh-CN.png') });
    await page.locator('button[lang=en]').click();
    expect(problems).toEqual([]);
  });

  it('gives no time estimate while the center cannot be reached, and never "next try in 0 s"', async () => {
    // The demo vehicle's positions wait in the queue.
    await expect.poll(async () => Number(await page.getByTestId('queue-total').textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('.sync-eta').textContent())
      .toBe('No estimate while the center cannot be reached; everything waits here, nothing is lost.');
    for (let i = 0; i < 10; i++) {
      expect((await page.locator('.sync-card').allTextContents()).join(' ')).not.toContain('Next try in 0 s');
      await page.waitForTimeout(250);
    }
  });
});

describe('video without a way to the center', () => {
  it('keeps "Go live" enabled when a center is configured, even if unreachable (the session says why it fails)', async () => {
    await page.locator('.nav-rail').getByRole('button', { name: 'Video' }).click();
    expect(await page.getByTestId('go-live').isEnabled()).toBe(true);
    expect(await page.getByTestId('go-live-why').count()).toBe(0);
  });
});
