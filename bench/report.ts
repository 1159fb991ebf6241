/**
 * npm run bench:report
 *
 * Operator speed of incident reporting, two parts in one run:
 * 1. The shortest path to a located first report with one photo, driven in Chromium
 *    against the headless host in demo mode (GNSS from the simulator): open Reports, new,
 *    type, level, one line, GNSS fix, photo, send. Counts the operator's steps and times
 *    them (the page's own waits included, no think time).
 * 2. A 3 MB photo report from the console through the link relay's `satellite` profile
 *    (300 ms each way, bursty loss, 512 kbit/s) to the real center: ms from Send until the
 *    desk API serves the thumbnail, and until it serves the full photo.
 * Last line: `ui_steps=… ui_ms=… thumb_at_desk_ms=… full_at_desk_ms=… ratio=…` (ratio =
 * thumbnail time / full-photo time: what the thumbnail-first order saves the desk).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import type { DeskIncidentDetail, DeskIncidentsResponse } from '../protocol/sync/deskIncidents';
import { startCenter } from '../test/support/centerProcess';
import { launchChromium } from '../test/support/chromium';
import { startHost } from '../test/support/headlessHost';
import { deskRequest, rigConsoleConfig, startCenterBehindRelay } from '../test/support/syncRig';
import { round } from './stats';

const log = (line: string) => console.log(`[bench:report] ${line}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A camera-like JPEG of about `bytes` (noise keeps it from compressing away). */
async function photo(bytes: number): Promise<Buffer> {
  for (let side = 1600; ; side += 200) {
    const jpeg = await sharp({
      create: {
        width: side,
        height: Math.round(side * 0.75),
        channels: 3,
        background: '#6a8',
        noise: { type: 'gaussian', mean: 128, sigma: 40 },
      },
    })
      .jpeg({ quality: 90 })
      .toBuffer();
    if (jpeg.length >= bytes) return jpeg;
  }
}

async function openConsole(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, locale: 'en-US' });
  await page.goto(url);
  await page.locator('button[lang="en"]').click();
  return page;
}

/** Part 1: the shortest UI path; returns the steps taken and the time they took. */
async function uiPath(browser: Browser, image: Buffer): Promise<{ steps: number; ms: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mcv-bench-report-ui-'));
  const center = await startCenter();
  writeFileSync(
    join(dataDir, 'config.json'),
    JSON.stringify({ sync: { centerUrl: center.url, token: center.vehicleToken, pollSeconds: 1 } }),
  );
  const host = await startHost(['--demo', '--port', '0', '--data-dir', dataDir]);
  try {
    const page = await openConsole(browser, host.url);
    // The demo's GNSS simulator has its first fix within a few seconds of start: not counted as the operator's time.
    await sleep(5000);
    let steps = 0;
    const step = async (action: Promise<unknown>) => {
      await action;
      steps++;
    };
    const started = performance.now();
    await step(page.getByRole('button', { name: 'Reports', exact: true }).click());
    await step(page.getByTestId('reports-new').click());
    await step(page.getByTestId('report-type').selectOption('earthquake'));
    await step(page.getByTestId('report-level').locator('[data-level=II]').click());
    await step(page.getByTestId('report-text').fill('Houses collapsed in the old town, people trapped'));
    await step(page.getByTestId('report-use-gnss').click());
    for (const deadline = Date.now() + 15_000; !/^\d+\.\d+$/.test(await page.getByTestId('report-latitude').inputValue()); await sleep(50))
      if (Date.now() > deadline) throw new Error('no GNSS position in the form after 15 s');
    await step(page.getByTestId('report-add-photo').setInputFiles({ name: 'old-town.jpg', mimeType: 'image/jpeg', buffer: image }));
    await page.locator('[data-testid=picked-file][data-state=staged]').waitFor({ timeout: 30_000 });
    await step(page.getByTestId('report-send').click());
    await page.getByTestId('incident-page').waitFor();
    return { steps, ms: Math.round(performance.now() - started) };
  } finally {
    await host.stop();
    await center.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** Part 2: a photo report over the satellite profile; ms from Send to the thumbnail and to the full photo at the desk. */
async function overSatellite(browser: Browser, image: Buffer): Promise<{ thumbMs: number; fullMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mcv-bench-report-sat-'));
  const { center, relay } = await startCenterBehindRelay({ profile: 'satellite' });
  const configFile = join(dataDir, 'config.json');
  writeFileSync(configFile, JSON.stringify(rigConsoleConfig(center, relay)));
  const host = await startHost(['--port', '0', '--data-dir', dataDir, '--config', configFile]);
  try {
    const page = await openConsole(browser, host.url);
    await page.getByRole('button', { name: 'Reports', exact: true }).click();
    await page.getByTestId('reports-new').click();
    await page.getByTestId('report-type').selectOption('flood');
    await page.getByTestId('report-level').locator('[data-level=III]').click();
    await page.getByTestId('report-text').fill('Levee breach at km 4, water into the fields');
    await page.getByTestId('report-latitude').fill('30.61');
    await page.getByTestId('report-longitude').fill('114.30');
    await page.getByTestId('report-add-photo').setInputFiles({ name: 'breach.jpg', mimeType: 'image/jpeg', buffer: image });
    await page.locator('[data-testid=picked-file][data-state=staged]').waitFor({ timeout: 30_000 });
    const sentAt = Date.now();
    await page.getByTestId('report-send').click();
    let thumbMs: number | undefined;
    for (const deadline = Date.now() + 15 * 60_000; Date.now() < deadline; await sleep(200)) {
      const { incidents } = await deskRequest<DeskIncidentsResponse>(center, '/desk/v1/incidents').catch(() => ({ incidents: [] }));
      if (incidents.length === 0) continue;
      const detail = await deskRequest<DeskIncidentDetail>(center, `/desk/v1/incidents/${incidents[0]!.id}`);
      const file = detail.reports[0]?.files[0];
      if (file?.thumbnailUrl && thumbMs === undefined) thumbMs = Date.now() - sentAt;
      if (file?.originalUrl) return { thumbMs: thumbMs ?? Date.now() - sentAt, fullMs: Date.now() - sentAt };
    }
    throw new Error('the full photo did not reach the desk within 15 min');
  } finally {
    await host.stop();
    await relay.close();
    await center.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const browser = await launchChromium();
  try {
    const small = await photo(400_000);
    const ui = await uiPath(browser, small);
    log(`UI: ${ui.steps} steps in ${ui.ms} ms (goal ≤ 8 steps)`);
    const big = await photo(3_000_000);
    log(`satellite: sending a ${round(big.length / 1e6, 2)} MB photo report through the relay's satellite profile`);
    const sat = await overSatellite(browser, big);
    log(`satellite: thumbnail at the desk after ${sat.thumbMs} ms (goal ≤ 15 000), full photo after ${sat.fullMs} ms`);
    console.log(
      `ui_steps=${ui.steps} ui_ms=${ui.ms} thumb_at_desk_ms=${sat.thumbMs} full_at_desk_ms=${sat.fullMs} ratio=${round(sat.thumbMs / sat.fullMs, 3)}`,
    );
  } finally {
    await browser.close();
  }
}

await main();
