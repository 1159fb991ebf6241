import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { LinkRelay } from '../../fixtures/net/LinkRelay';
import { UdpEchoResponder } from '../../fixtures/net/UdpEchoResponder';
import type { ImpairmentProfile, ProfileName } from '../../fixtures/net/impairment';
import type { ConsoleConfigInput } from '../../protocol/config/consoleConfig';
import { launchChromium, openConsolePage } from './chromium';
import { startHost, type RunningHost } from './headlessHost';
import { WeriftBackend } from './media/WeriftBackend';
import { startMediaCenter, type MediaCenter } from './mediaCenter';

export const MEDIA_FLAGS = [
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

export interface VideoRigOptions {
  /** The emulated path of the vehicle's media (its two transports); the desk's is clear. */
  vehicleProfile: ProfileName | ImpairmentProfile;
  /** The path of the console's HTTP and signaling to the center (sync, tickets, the media socket); default clear. */
  centerProfile?: ProfileName | ImpairmentProfile;
}

/**
 * A vehicle and the center desk with live media between them, every part real but the
 * radios: the center in this process with the werift test stand-in, whose transports
 * announce link relays (the vehicle's two with `vehicleProfile`, the desk's clear); the
 * console (headless host) with two satellite IP links, A (640 kbit/s) and B (512 kbit/s),
 * each probed by TCP through a relay of its own, so that taking A's relay down moves the
 * policy's `live` to B; two Chromiums with fake camera and microphone.
 */
export class VideoRig {
  vehicle!: Page;
  desk!: Page;
  readonly problems: string[] = [];
  #browsers: Browser[] = [];
  /** Relays of the console's own traffic (its path to the center). */
  readonly #otherRelays: LinkRelay[] = [];

  private constructor(
    readonly center: MediaCenter,
    readonly probeRelays: { a: LinkRelay; b: LinkRelay },
    readonly host: RunningHost,
    readonly dataDir: string,
    /** The relays the stand-in's transports announce, and whether each carries the vehicle's media. */
    readonly mediaRelays: Array<{ relay: LinkRelay; vehicle: boolean }>,
    private readonly echo: UdpEchoResponder,
    private readonly next: { vehicle: boolean },
  ) {}

  static async start(options: VideoRigOptions): Promise<VideoRig> {
    const mediaRelays: Array<{ relay: LinkRelay; vehicle: boolean }> = [];
    // Transports are made when a peer joins: whoever joins next gets this path.
    const next = { vehicle: true };
    const backend = new WeriftBackend({
      announce: async ({ ip, port }) => {
        const relay = await LinkRelay.start({
          profile: next.vehicle ? options.vehicleProfile : 'clear',
          udp: { target: { host: ip, port } },
        });
        mediaRelays.push({ relay, vehicle: next.vehicle });
        return { ip: '127.0.0.1', port: relay.udpPort };
      },
    });
    const center = await startMediaCenter(backend, { deskUiRoot: join(process.cwd(), 'out', 'renderer') });
    // Path probes (UDP echo) through a relay per link: taking a relay down takes its link down.
    const echo = new UdpEchoResponder({ host: '127.0.0.1' });
    await echo.start();
    const target = { host: '127.0.0.1', port: echo.port };
    const a = await LinkRelay.start({ profile: 'clear', udp: { target } });
    const b = await LinkRelay.start({ profile: 'clear', udp: { target } });
    const centerPort = Number(new URL(center.url).port);
    const centerRelay = options.centerProfile
      ? await LinkRelay.start({ profile: options.centerProfile, tcp: { target: { host: '127.0.0.1', port: centerPort } } })
      : undefined;
    const centerUrl = centerRelay ? `http://127.0.0.1:${centerRelay.tcpPort}` : center.url;
    const dataDir = mkdtempSync(join(tmpdir(), 'mcv-video-rig-'));
    const probe = (relay: LinkRelay) => ({
      target: `127.0.0.1:${relay.udpPort}`,
      intervalMs: 300,
      timeoutMs: 600,
      downAfter: 2,
      upAfter: 1,
    });
    const config: ConsoleConfigInput = {
      vehicle: { name: 'MCV-07' },
      links: [
        { id: 'sat-a', name: 'VSAT-A', kind: 'satellite-ip', metered: false, capacityKbps: 640, probe: probe(a) },
        { id: 'sat-b', name: 'VSAT-B', kind: 'satellite-ip', metered: false, capacityKbps: 512, probe: probe(b) },
      ],
      sync: { centerUrl, token: center.vehicleToken, pollSeconds: 2 } as ConsoleConfigInput['sync'],
    };
    writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
    const host = await startHost(['--port', '0', '--data-dir', dataDir, '--config', join(dataDir, 'config.json')]);
    const rig = new VideoRig(center, { a, b }, host, dataDir, mediaRelays, echo, next);
    if (centerRelay) rig.#otherRelays.push(centerRelay);
    const [vehicleBrowser, deskBrowser] = await Promise.all([launchChromium(MEDIA_FLAGS), launchChromium(MEDIA_FLAGS)]);
    rig.#browsers = [vehicleBrowser!, deskBrowser!];
    rig.vehicle = await openConsolePage(vehicleBrowser!, host.url, rig.problems);
    rig.desk = await deskBrowser!.newPage({ viewport: { width: 1366, height: 800 }, locale: 'en-US' });
    rig.desk.on('pageerror', (error) => rig.problems.push(`desk: ${String(error)}`));
    await rig.desk.goto(`${center.url}/ui/`);
    await rig.desk.locator('button[lang=en]').click();
    await rig.desk.getByTestId('desk-token').fill(center.staffToken);
    await rig.desk.getByRole('button', { name: 'Sign in' }).last().click();
    return rig;
  }

  /** The link the console's policy gives live media. */
  async liveLink(): Promise<string | null> {
    await this.vehicle.locator('.nav-rail').getByRole('button', { name: 'Links' }).click();
    const link = await this.vehicle.getByTestId('policy-live').getAttribute('data-policy-link');
    await this.vehicle.locator('.nav-rail').getByRole('button', { name: 'Video' }).click();
    return link;
  }

  /** The vehicle stops its live media (the desk keeps watching the room). */
  async stopLive(): Promise<void> {
    await this.vehicle.getByTestId('stop-live').click();
  }

  async goLive(): Promise<void> {
    this.next.vehicle = true;
    await this.vehicle.locator('.nav-rail').getByRole('button', { name: 'Video' }).click();
    await this.vehicle.getByTestId('go-live').click();
  }

  async watch(): Promise<void> {
    this.next.vehicle = false;
    // The desk opens on the fleet; live video is its own page.
    await this.desk.getByTestId('desk-nav-video').click();
    const row = this.desk.locator('[data-testid=desk-vehicle][data-vehicle-id=mcv-07]');
    await row.getByTestId('desk-watch').click();
    // Once the desk's transports exist, a later join (a vehicle rejoining) is the vehicle's again.
    await this.desk.getByTestId('desk-media-state').waitFor();
    setTimeout(() => (this.next.vehicle = true), 3000);
  }

  /** Video frames decoded at the desk so far (from getStats, shown in its quality table); NaN before any. */
  async deskFrames(): Promise<number> {
    return Number(
      (await this.desk
        .locator('[data-frames-decoded]')
        .first()
        .getAttribute('data-frames-decoded', { timeout: 1000 })
        .catch(() => null)) ?? 'NaN',
    );
  }

  /** Frames the desk's video element has decoded so far (exact, unlike the 1 s stats poll); 0 before any. */
  async deskVideoFrames(): Promise<number> {
    // A string, evaluated in the page: this file is compiled without the DOM's types.
    const frames = await this.desk.evaluate(
      `(() => { const v = document.querySelector('[data-testid=desk-remote-video]'); return v ? v.getVideoPlaybackQuality().totalVideoFrames : 0; })()`,
    );
    return Number(frames);
  }

  /** Audio samples the vehicle received from the desk (talk-back) so far. */
  async vehicleSamples(): Promise<number> {
    return Number(
      (await this.vehicle
        .locator('[data-samples-received]')
        .first()
        .getAttribute('data-samples-received', { timeout: 1000 })
        .catch(() => null)) ?? 'NaN',
    );
  }

  async deskSamples(): Promise<number> {
    return Number(
      (await this.desk
        .locator('[data-samples-received]')
        .first()
        .getAttribute('data-samples-received', { timeout: 1000 })
        .catch(() => null)) ?? 'NaN',
    );
  }

  /**
   * The carrying link fails over: the failing link's probes stop (the policy moves live
   * media to the other link) and the vehicle's media now reaches the center from new
   * source ports.
   */
  async failOver(from: 'a' | 'b'): Promise<void> {
    const other = from === 'a' ? 'b' : 'a';
    this.probeRelays[other].setProfile('clear');
    this.probeRelays[from].setProfile('down');
    for (const { relay } of this.mediaRelays.filter((m) => m.vehicle)) relay.rebindUdp();
  }

  async close(): Promise<void> {
    for (const browser of this.#browsers) await browser.close();
    await this.host.stop();
    await this.center.close();
    for (const relay of [...this.mediaRelays.map((m) => m.relay), this.probeRelays.a, this.probeRelays.b, ...this.#otherRelays])
      await relay.close();
    await this.echo.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
