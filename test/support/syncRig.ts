import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { PLAIN_TOKEN_FILE } from '../../main/core/config/VehicleTokenStore';
import { join } from 'node:path';
import type { CoreEventMessage } from '../../protocol/api/coreApi';
import type { MessageView } from '../../protocol/api/messaging';
import type { SyncStatus } from '../../protocol/api/syncStatus';
import type { ConsoleConfigInput } from '../../protocol/config/consoleConfig';
import type { DeskItem, DeskVehicle } from '../../protocol/sync/desk';
import { createCore, type Core } from '../../main/core/createCore';
import { LinkRelay, type LinkRelayOptions } from '../../fixtures/net/LinkRelay';
import { startCenter, type CenterProcess, type StartCenterOptions } from './centerProcess';
import { waitFor, type PollResult } from './waitFor';

/** The emulated link's id in the console's configuration. */
export const RIG_LINK = 'vsat-1';

export interface RigOptions {
  profile: LinkRelayOptions['profile'];
  /** The link's capacity as the console believes it, kbit/s (the policy's budgets follow it). */
  capacityKbps?: number;
  /** Probe figures for the emulated link (narrow, slow links need longer timeouts). */
  probe?: { intervalMs?: number; timeoutMs?: number; downAfter?: number; upAfter?: number };
  center?: StartCenterOptions;
  /** Extra `sync` keys for the console. */
  sync?: Record<string, unknown>;
  /** Links besides the emulated IP one (an Iridium transceiver on a pty, …). */
  links?: ConsoleConfigInput['links'];
}

/**
 * A vehicle and its center for sync tests: the real center process, a link relay (TCP for
 * sync, UDP for the path probes to the center's echo responder), and the console core
 * whose only IP link is probed through the relay — so taking the relay down really takes
 * the link down in the console, and the policy, and the sync engine, follow.
 */
export class SyncRig {
  readonly events: CoreEventMessage[] = [];
  #core: Core | undefined;

  private constructor(
    readonly center: CenterProcess,
    readonly relay: LinkRelay,
    readonly dataDir: string,
    readonly configFile: string,
  ) {}

  static async start(dataDir: string, options: RigOptions): Promise<SyncRig> {
    const { center, relay } = await startCenterBehindRelay(options);
    const configFile = join(dataDir, 'config.json');
    writeFileSync(configFile, JSON.stringify(rigConsoleConfig(center, relay, options), null, 2));
    const rig = new SyncRig(center, relay, dataDir, configFile);
    await rig.startCore();
    return rig;
  }

  get core(): Core {
    if (!this.#core) throw new Error('the console core is not running');
    return this.#core;
  }

  async startCore(): Promise<Core> {
    const core = await createCore({
      host: 'headless',
      version: 'test',
      hostOptions: { dataDir: this.dataDir, configFile: this.configFile, demo: false, help: false },
      env: {},
    });
    core.subscribe((message) => this.events.push(message));
    this.#core = core;
    return core;
  }

  /** Another console (another data directory) with this rig's configuration and vehicle token: a second install, a cloned disk. */
  async openConsole(dataDir: string): Promise<Core> {
    const configFile = join(dataDir, 'config.json');
    writeFileSync(configFile, readFileSync(this.configFile));
    // The first start moved the token out of config.json into the data directory (docs/sync.md, "The vehicle token").
    copyFileSync(join(this.dataDir, PLAIN_TOKEN_FILE), join(dataDir, PLAIN_TOKEN_FILE));
    return createCore({ host: 'headless', version: 'test', hostOptions: { dataDir, configFile, demo: false, help: false }, env: {} });
  }

  async stopCore(): Promise<void> {
    await this.#core?.close();
    this.#core = undefined;
  }

  async call<T>(method: string, params: unknown = {}): Promise<T> {
    const result = await this.core.dispatch(method, params);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  }

  send(text: string, priority: MessageView['priority'] = 'routine'): Promise<MessageView> {
    return this.call<MessageView>('messages.send', { text, priority });
  }

  status(): Promise<SyncStatus> {
    return this.call<SyncStatus>('sync.status');
  }

  desk<T>(path: string, init: DeskInit = {}): Promise<T> {
    return deskRequest<T>(this.center, path, init);
  }

  /**
   * Every item the center received from the vehicle, in ingest order — but the duty log's:
   * the console writes its own entries (links up and down, …) with the rig's timing, and
   * they are checked where the duty log is (test/integration/duty, syncCrash).
   */
  async deskItems(): Promise<DeskItem[]> {
    return (await deskItemsOf(this.center)).filter((item) => item.kind !== 'duty');
  }

  async deskVehicle(): Promise<DeskVehicle | undefined> {
    const { vehicles } = await this.desk<{ vehicles: DeskVehicle[] }>('/desk/v1/vehicles');
    return vehicles.find((v) => v.id === this.center.vehicleId);
  }

  async close(): Promise<void> {
    await this.stopCore();
    await this.relay.close();
    await this.center.dispose();
  }
}

export interface DeskInit {
  method?: string;
  body?: unknown;
}

/** A desk API request as the center's staff member. */
export async function deskRequest<T>(center: CenterProcess, path: string, init: DeskInit = {}): Promise<T> {
  const response = await fetch(new URL(path, center.url), {
    method: init.method ?? 'GET',
    headers: { authorization: `Bearer ${center.staffToken}`, ...(init.body ? { 'content-type': 'application/json' } : {}) },
    ...(init.body ? { body: JSON.stringify(init.body) } : {}),
  });
  if (!response.ok) throw new Error(`desk ${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** Every item the center received from any vehicle, in ingest order. */
export async function deskItemsOf(center: CenterProcess): Promise<DeskItem[]> {
  const items: DeskItem[] = [];
  let after = 0;
  for (;;) {
    const page = await deskRequest<{ items: DeskItem[]; next: number }>(center, `/desk/v1/items?after=${after}&limit=500`);
    items.push(...page.items);
    if (page.items.length < 500) return items;
    after = page.next;
  }
}

/** The real center, and a relay in front of it: TCP for sync, UDP for the probes to its echo responder. */
export async function startCenterBehindRelay(
  options: Pick<RigOptions, 'profile' | 'center'>,
): Promise<{ center: CenterProcess; relay: LinkRelay }> {
  const center = await startCenter(options.center);
  try {
    const relay = await LinkRelay.start({
      profile: options.profile,
      tcp: { target: { host: '127.0.0.1', port: center.port } },
      udp: { target: { host: '127.0.0.1', port: center.echoPort } },
    });
    return { center, relay };
  } catch (error) {
    await center.dispose();
    throw error;
  }
}

/** A console whose only IP link is probed through the relay and whose center is reached through it. */
export function rigConsoleConfig(
  center: CenterProcess,
  relay: LinkRelay,
  options: Omit<RigOptions, 'profile' | 'center'> = {},
): ConsoleConfigInput {
  return {
    vehicle: { name: 'MCV-07' },
    links: [
      {
        id: RIG_LINK,
        name: 'VSAT-1',
        kind: 'satellite-ip',
        metered: false,
        capacityKbps: options.capacityKbps ?? 512,
        probe: { target: `127.0.0.1:${relay.udpPort}`, intervalMs: 300, timeoutMs: 1500, downAfter: 2, upAfter: 2, ...options.probe },
      },
      ...(options.links ?? []),
    ],
    sync: {
      centerUrl: `http://127.0.0.1:${relay.tcpPort}`,
      token: center.vehicleToken,
      pollSeconds: 1,
      ...options.sync,
    } as ConsoleConfigInput['sync'],
  };
}

/** `waitFor` with the sync tests' patience: the center and the console talk over a slow relay. */
export function waitForAsync<T>(what: string, check: () => Promise<PollResult<T>>, timeoutMs = 20_000, intervalMs = 100): Promise<T> {
  return waitFor(what, check, timeoutMs, intervalMs);
}

/** Texts the center holds more than once (must be empty), and texts missing from `expected`. */
export function deliveryProblems(items: readonly DeskItem[], expected: readonly string[]): { duplicates: string[]; missing: string[] } {
  const counts = new Map<string, number>();
  for (const item of items) if (item.kind === 'message') counts.set(String(item.body.text), (counts.get(String(item.body.text)) ?? 0) + 1);
  return { duplicates: [...counts].filter(([, n]) => n > 1).map(([text]) => text), missing: expected.filter((text) => !counts.has(text)) };
}
