import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeskOrder } from '../../protocol/sync/desk';
import { DESK_PATHS } from '../../protocol/sync/http';
import { desk as deskCall, json } from '../integration/center/centerHttp';
import { addCredential, startCenter, type CenterProcess } from '../support/centerProcess';
import { launchChromium } from '../support/chromium';
import { SyncVehicle } from '../support/syncVehicle';

/**
 * The desk's pages against the real center, in real Chromium: sign-in (refused, then
 * accepted), the fleet with a silent vehicle marked, an order with a deadline composed to
 * one vehicle and shown issued, a message sent; then every page photographed at 1280×800
 * and 1600×1000, in Chinese and English, dark and light (test-output/desk/).
 */

const SHOTS = join(process.cwd(), 'test-output', 'desk');
/** Above the desk's slow refresh (15 s) plus the vehicle's sync interval, so a vehicle in contact never looks silent. */
const STALE_AFTER_MS = 20_000;

let center: CenterProcess;
let browser: Browser;
let configDir: string;
let mcv07: SyncVehicle;
let mcv03: SyncVehicle;
let keepAlive: ReturnType<typeof setInterval> | undefined;
const problems: string[] = [];

const LINKS_07 = [
  { id: 'lte-a', name: 'LTE A', kind: 'cellular', state: 'up' as const, latencyMs: 48 },
  { id: 'bgan', name: 'BGAN', kind: 'satellite-ip', state: 'degraded' as const, latencyMs: 820 },
  { id: 'sbd', name: 'Iridium', kind: 'satellite-sbd', state: 'up' as const },
];

async function issueByApi(body: unknown): Promise<DeskOrder> {
  const answer = await deskCall(center.url, center.staffToken, DESK_PATHS.orders, body);
  if (answer.status !== 201) throw new Error(`order answered ${answer.status}: ${answer.body.toString()}`);
  return DeskOrder.parse(json<{ order: unknown }>(answer).order);
}

beforeAll(async () => {
  configDir = mkdtempSync(join(tmpdir(), 'mcv-desk-e2e-'));
  const config = join(configDir, 'center.json');
  writeFileSync(config, JSON.stringify({ staleAfterMs: STALE_AFTER_MS }));
  center = await startCenter({ vehicleName: 'MCV-07 成都', args: ['--config', config], echo: false });
  const v03 = await addCredential(center.dataDir, 'vehicles', 'MCV-03 Mianyang', ['--id', 'mcv-03']);
  await addCredential(center.dataDir, 'vehicles', 'Field kit 01', ['--id', 'kit-01']);
  mcv07 = new SyncVehicle(center.url, center.vehicleId, center.vehicleToken, LINKS_07);
  mcv03 = new SyncVehicle(center.url, v03.id, v03.token, [
    { id: 'lte-a', name: 'LTE A', kind: 'cellular', state: 'down' },
    { id: 'hf', name: 'HF', kind: 'hf', state: 'unknown' },
  ]);

  // An order to two vehicles with a deadline that passes during the test: MCV-03 takes it and
  // reports it cannot be done, then falls silent; the field kit never syncs (overdue).
  await issueByApi({
    to: { vehicleIds: [v03.id, 'kit-01'] },
    text: '前往都江堰集结点，建立现场通信保障',
    priority: 'immediate',
    deadline: Date.now() + 15_000,
    target: { latitude: 30.99, longitude: 103.62, label: '都江堰集结点' },
  });
  await mcv03.exchange([{ kind: 'position', body: { latitude: 31.4675, longitude: 104.6796, fix: '2d' } }]);
  const order03 = mcv03.down.find((item) => item.kind === 'order');
  if (!order03) throw new Error('MCV-03 got no order');
  await mcv03.exchange([{ kind: 'order-state', body: { orderId: order03.id, state: 'cannot-do', reason: '道路塌方，无法通行' } }]);

  // MCV-07 reports, writes, and keeps in contact; it acknowledges and starts each order it receives.
  await mcv07.exchange([
    { kind: 'position', body: { latitude: 30.65731, longitude: 104.06542, fix: '3d' } },
    { kind: 'message', body: { text: '已到达现场，道路通畅。' } },
    { kind: 'message', body: { text: 'Bridge at km 12 is damaged; taking the north road.' } },
  ]);
  const seen = new Set<string>();
  keepAlive = setInterval(() => {
    const steps = mcv07.down
      .filter((item) => item.kind === 'order' && !seen.has(item.id))
      .flatMap((item) => {
        seen.add(item.id);
        return [
          { kind: 'order-state' as const, body: { orderId: item.id, state: 'acknowledged' as const } },
          { kind: 'order-state' as const, body: { orderId: item.id, state: 'in-progress' as const } },
        ];
      });
    void mcv07.exchange(steps).catch((error: unknown) => problems.push(`vehicle: ${String(error)}`));
  }, 2500);

  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});

afterAll(async () => {
  clearInterval(keepAlive);
  await browser?.close();
  await center?.dispose();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

async function openDesk(options: {
  width: number;
  height: number;
  lang: 'zh-CN' | 'en';
  theme: 'dark' | 'light';
  token?: string;
}): Promise<Page> {
  const page = await browser.newPage({
    viewport: { width: options.width, height: options.height },
    locale: options.lang === 'en' ? 'en-US' : 'zh-CN',
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
  });
  await page.addInitScript(
    ([lang, theme, token]) => {
      localStorage.setItem('mcv-desk-language', lang!);
      localStorage.setItem('mcv-desk-theme', theme!);
      if (token) sessionStorage.setItem('mcv-desk-token', token);
    },
    [options.lang, options.theme, options.token ?? ''],
  );
  await page.goto(`${center.url}/ui/`);
  return page;
}

describe('the desk in its center role', () => {
  let page: Page;

  it('refuses a wrong token and says why, then signs in and shows the fleet', { timeout: 60_000 }, async () => {
    page = await openDesk({ width: 1280, height: 800, lang: 'en', theme: 'dark' });
    await page.getByTestId('desk-token').fill('mcv-s.desk-wang.not-the-secret');
    await page.locator('form button[type=submit]').click();
    await expect
      .poll(() => page.getByTestId('desk-sign-in-problem').textContent())
      .toContain('Sign-in refused: The center did not accept the token');
    await page.screenshot({ path: join(SHOTS, 'signin-refused-1280x800-en-dark.png') });

    await page.getByTestId('desk-token').fill(center.staffToken);
    await page.locator('form button[type=submit]').click();
    await expect.poll(() => page.getByTestId('desk-staff').textContent()).toBe('On duty: Desk Wang');
    await expect.poll(() => page.getByTestId('fleet-row').count()).toBe(3);
    // MCV-03 fell silent: marked with the time and why; the field kit never synced.
    await expect
      .poll(() => page.locator('[data-testid=fleet-row][data-vehicle-id=mcv-03]').getAttribute('data-contact'), { timeout: 45_000 })
      .toBe('stale');
    expect(await page.locator('[data-testid=fleet-row][data-vehicle-id=mcv-03]').textContent()).toMatch(
      /silent for \d+ s, expected every 20 s/,
    );
    expect(await page.locator('[data-testid=fleet-row][data-vehicle-id=kit-01]').getAttribute('data-contact')).toBe('never');
    expect(await page.locator('[data-testid=fleet-row][data-vehicle-id=mcv-07]').getAttribute('data-contact')).toBe('ok');
  });

  it(
    'composes an order with a deadline to one vehicle and shows it issued, then the crew acknowledging it',
    { timeout: 60_000 },
    async () => {
      await page.getByTestId('desk-nav-orders').click();
      const composer = page.getByTestId('order-composer');
      await composer.getByTestId('to-one').click();
      await composer.getByTestId('to-vehicle').selectOption('mcv-07');
      await composer.getByTestId('order-text').fill('Set up the relay at the north road junction');
      await composer.getByTestId('priority-flash').click();
      await composer.getByTestId('deadline-60').click();
      expect(await composer.getByTestId('order-deadline').inputValue()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
      await composer.getByTestId('order-issue').click();
      await expect.poll(() => composer.getByTestId('order-issued').textContent()).toMatch(/Issued to 1 vehicle\(s\) at \d{2}:\d{2}/);

      const card = page.locator('[data-testid=order-card]', { hasText: 'Set up the relay at the north road junction' });
      const recipient = card.locator('[data-testid=order-recipient][data-vehicle-id=mcv-07]');
      expect(['issued', 'delivered', 'acknowledged', 'in-progress']).toContain(await recipient.getAttribute('data-state'));
      expect(await card.getByTestId('order-deadline-text').textContent()).toMatch(/\d{2}:\d{2} \(in (59 min|1 h 0 min)\)/);
      // The vehicle takes it and steps it on; the desk shows each step with its time and who (within the slow refresh).
      await expect.poll(() => recipient.getAttribute('data-state'), { timeout: 30_000 }).toBe('in-progress');
      expect(await recipient.textContent()).toMatch(/Issued \d{2}:\d{2} · Desk Wang.*Acknowledged \d{2}:\d{2}/);

      // The first order's deadline has passed: it stands out as overdue for the field kit; MCV-03's reason is shown.
      const first = page.locator('[data-testid=order-card]', { hasText: '都江堰' });
      await expect.poll(() => first.getAttribute('data-overdue'), { timeout: 30_000 }).toBe('true');
      expect(await first.locator('[data-testid=order-recipient][data-vehicle-id=kit-01]').getAttribute('data-overdue')).toBe('true');
      expect(await first.locator('[data-testid=order-recipient][data-vehicle-id=mcv-03]').textContent()).toContain('道路塌方，无法通行');
    },
  );

  it('reads the vehicle’s messages (marked read on opening) and sends one back', { timeout: 60_000 }, async () => {
    await page.getByTestId('desk-nav-messages').click();
    await page.locator('[data-testid=messages-vehicle][data-vehicle-id=mcv-07]').click();
    const conversation = page.getByTestId('conversation');
    const incoming = conversation.locator('[data-testid=conversation-entry][data-direction=in]');
    await expect.poll(() => incoming.count()).toBe(2);
    await expect
      .poll(async () => (await Promise.all((await incoming.all()).map((entry) => entry.getAttribute('data-receipt')))).join(), {
        timeout: 20_000,
      })
      .toBe('read,read');
    expect(await incoming.first().textContent()).toMatch(/read \d{2}:\d{2} by Desk Wang/);

    await page.getByTestId('message-text').fill('收到，请每 30 分钟报告一次。');
    await page.getByTestId('message-send').click();
    const out = conversation.locator('[data-testid=conversation-entry][data-direction=out]', { hasText: '每 30 分钟' });
    await expect.poll(() => out.count()).toBe(1);
    // Sent, then delivered once the vehicle takes it (it syncs every 2.5 s; the desk refetches within 15 s).
    await expect.poll(() => out.getAttribute('data-receipt'), { timeout: 30_000 }).toBe('delivered');
    await expect.poll(() => page.locator('[data-testid=fleet-unread]').count()).toBe(0);
    await page.close();
  });

  it('photographs every page at two sizes, in both languages and both themes', { timeout: 240_000 }, async () => {
    const pages = ['#/fleet', '#/vehicle/mcv-07', '#/messages/mcv-07', '#/orders', '#/video', '#/directory'];
    for (const [width, height] of [
      [1280, 800],
      [1600, 1000],
    ] as const) {
      for (const lang of ['zh-CN', 'en'] as const) {
        for (const theme of ['dark', 'light'] as const) {
          const tag = `${width}x${height}-${lang}-${theme}`;
          const signedOut = await openDesk({ width, height, lang, theme });
          await signedOut.getByTestId('desk-sign-in').waitFor();
          await signedOut.screenshot({ path: join(SHOTS, `signin-${tag}.png`) });
          await signedOut.close();
          const shot = await openDesk({ width, height, lang, theme, token: center.staffToken });
          await shot.getByTestId('fleet-page').waitFor();
          for (const hash of pages) {
            await shot.evaluate(`location.hash = ${JSON.stringify(hash)}`);
            await shot.locator('.desk-page').first().waitFor();
            // Not 'networkidle': the live feed keeps one request open for good.
            await expect.poll(() => shot.locator('[data-loading=true]').count()).toBe(0);
            const name = hash.replace(/^#\//, '').replace(/\//g, '-');
            await shot.screenshot({ path: join(SHOTS, `${name}-${tag}.png`) });
          }
          if (lang === 'zh-CN') {
            // No English word of the desk's own may be left on a Chinese page (names, ids, units and numbers aside).
            const text = await shot.locator('main').innerText();
            expect(text).not.toMatch(/\b(Fleet|Orders|Messages|Issued|Delivered|Overdue|Unread|Sign out|Loading)\b/);
          }
          await shot.close();
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
