import { join } from 'node:path';
import { afterEach } from 'vitest';
import { insertMessage } from '../../main/core/store/messagesRepo';
import { maxOutboxSeq, outboxEntry, type OutboxEntry } from '../../main/core/store/outboxRepo';
import { Store } from '../../main/core/store/Store';
import { SyncEngine } from '../../main/core/sync/SyncEngine';
import { FleetExchange } from '../../main/core/sync/fleetExchange';
import type { SyncConfig } from '../../protocol/config/consoleConfig';
import type { LinkStatus } from '../../protocol/links/linkStatus';
import type { LinkPolicy, TrafficClass } from '../../protocol/links/policy';
import type { Priority } from '../../protocol/sync/items';
import { uuidv7 } from '../../protocol/sync/uuid';
import { ScriptedCenter } from './scriptedCenter';
import { DEFAULT_SBD_SEND } from '../../protocol/config/sbdSendConfig';
import { useTempDirs } from './tempDir';

export const VEHICLE_ID = 'mcv-07';
/** The engine's clock at the start of every test; it moves only when a test moves it. */
export const T0 = 1_800_000_000_000;

/** The vehicle's links, each reaching the center at `http://<id>.center.test`, and their budgets (kbit/s). */
const BUDGETS: Readonly<Record<string, number>> = { '5g': 5000, vsat: 500, hf: 2.4 };
const KINDS: Readonly<Record<string, LinkStatus['kind']>> = { '5g': 'cellular', vsat: 'satellite-ip', hf: 'hf' };
const LINKS = Object.keys(BUDGETS).map((id) => ({ id, name: id.toUpperCase(), kind: KINDS[id], state: 'up' }) as unknown as LinkStatus);

export type Routes = Record<TrafficClass, string | null>;
/** Where each class goes unless a test says otherwise: everything on 5G, bulk on VSAT. */
const DEFAULT_ROUTES: Routes = { control: '5g', flash: '5g', live: '5g', routine: '5g', bulk: 'vsat' };

function policyOf(routes: Routes): LinkPolicy {
  const decisions = (Object.entries(routes) as Array<[TrafficClass, string | null]>).map(([trafficClass, linkId]) => ({
    trafficClass,
    linkId,
    budgetKbps: linkId ? BUDGETS[linkId]! : 0,
    reason: linkId ? ('best' as const) : ('held-no-link' as const),
  }));
  return { decisions, at: T0 };
}

export interface SyncEngineRig {
  engine: SyncEngine;
  center: ScriptedCenter;
  store: Store;
  /** Where the engine reads attachment files. */
  attachmentsDir: string;
  /** The engine's clock (ms); tests move it to end a backoff. */
  clock: { now: number };
  /** Routes classes anew (the rest as they were) and tells the engine, as the policy engine does. */
  route(routes: Partial<Routes>): void;
  /** Queues a message as the message service does (without waking the engine); returns its seq. */
  message(text: string, priority?: Priority): number;
  outbox(seq: number): OutboxEntry;
  /** The fleet part of the exchanges, when the options asked for it. */
  fleet: FleetExchange | undefined;
}

export interface RigOptions {
  routes?: Partial<Routes>;
  /** The engine's jitter source (default 0.5: backoffs are 3/4 of their ceiling). */
  random?: () => number;
  /** Prepares the store before the engine opens it. */
  prepare?: (store: Store) => void;
  /** Ask for other vehicles' positions with the exchanges (as the console does); default off. */
  fleet?: boolean;
}

/**
 * A sync engine on a temp SQLite store, talking to a ScriptedCenter (no network, no
 * center process), with its clock and jitter in the test's hands. Engines close and
 * stores close after each test.
 */
export function useSyncEngineRig(): (options?: RigOptions) => SyncEngineRig {
  const tempDir = useTempDirs();
  const open: Array<{ engine: SyncEngine; store: Store }> = [];
  afterEach(async () => {
    for (const { engine, store } of open.splice(0)) {
      await engine.close();
      store.close();
    }
  });
  return (options = {}) => {
    const dir = tempDir();
    const store = Store.open({ file: join(dir, 'console.db') });
    options.prepare?.(store);
    const center = new ScriptedCenter(VEHICLE_ID);
    const clock = { now: T0 };
    let routes: Routes = { ...DEFAULT_ROUTES, ...options.routes };
    const config: SyncConfig = {
      centerUrl: 'http://5g.center.test',
      token: `mcv-v.${VEHICLE_ID}.${'a'.repeat(43)}`,
      linkUrls: Object.fromEntries(Object.keys(BUDGETS).map((id) => [id, `http://${id}.center.test`])),
      pollSeconds: 15,
      positionEverySeconds: 60,
      positionEveryMeters: 500,
      narrowLinkKbps: 64,
      sbd: DEFAULT_SBD_SEND,
    };
    const attachmentsDir = join(dir, 'attachments');
    const fleet = options.fleet ? new FleetExchange({ store }) : undefined;
    const engine = new SyncEngine({
      ...(fleet ? { fleet } : {}),
      store,
      attachmentsDir,
      config,
      policy: () => policyOf(routes),
      links: () => LINKS,
      bindAddress: () => undefined,
      createClient: () => center,
      now: () => clock.now,
      random: options.random ?? (() => 0.5),
    });
    open.push({ engine, store });
    return {
      engine,
      center,
      store,
      attachmentsDir,
      clock,
      route(changed) {
        routes = { ...routes, ...changed };
        engine.onPolicy(policyOf(routes));
      },
      message(text, priority = 'routine') {
        insertMessage(store.db, { id: uuidv7(clock.now), createdAt: clock.now, priority, body: { text }, bytes: 40 });
        return maxOutboxSeq(store.db);
      },
      outbox: (seq) => outboxEntry(store.db, seq)!,
      fleet,
    };
  };
}
