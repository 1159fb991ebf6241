import { makeDataPrivate } from '../../platform/privateFiles';
import { join } from 'node:path';
import type { AppInfo, CoreEventData, CoreEventMessage, CoreEventName } from '../../protocol/api/coreApi';
import type { ApiResult } from '../../protocol/api/errors';
import type { LinkConfig } from '../../protocol/config/linkConfig';
import { createHandlers } from './api/handlers';
import { dispatch } from './api/dispatch';
import type { HostOptions } from './config/hostOptions';
import { resolveConfig, type ResolvedConfig } from './config/loadConfig';
import type { Keystore } from './config/VehicleTokenStore';
import { socatAvailable, startDemoVehicle, type RunningDemo, type SimulatorSpawner } from './demo/demoVehicle';
import { DeviceLink } from './links/DeviceLink';
import { familyFor } from './links/families/registry';
import { LinkHub } from './links/LinkHub';
import type { LinkSource } from './links/LinkSource';
import { PolicyEngine } from './links/policy/PolicyEngine';
import { TrackRecorder } from './links/TrackRecorder';
import { AttachmentService } from './ops/AttachmentService';
import { MessageService } from './ops/MessageService';
import { PositionReporter } from './ops/PositionReporter';
import { positionOutboxItem } from './ops/positionItem';
import { SettingsService } from './SettingsService';
import { maintainHistory } from './store/historyRepo';
import { LinkHistoryWriter } from './store/LinkHistoryWriter';
import { lastPositionReport } from './store/outboxRepo';
import { Store } from './store/Store';
import { latestTrackPoint } from './store/trackRepo';
import { storeError } from './store/StoreError';
import { CenterClient } from './sync/CenterClient';
import { routeFor } from './sync/linkRoute';
import { fetchCenterMedia, fetchMediaTicket } from './sync/mediaTicket';
import { SyncEngine } from './sync/SyncEngine';
import { wireSbd } from './sync/sbd/wireSbd';
import { FleetExchange } from './sync/fleetExchange';
import { RecordingService } from './ops/RecordingService';
import { wireIncidents } from './ops/wireIncidents';
import { wireDuty } from './ops/duty/wireDuty';
import { AlertCenter } from './system/AlertCenter';
import { MapService } from './maps/MapService';
import { SafeEmitter } from '../../platform/events/SafeEmitter';
import { createLogger } from '../../platform/log/logger';

const log = createLogger('core');

/** How often history is downsampled and old rows deleted. */
const MAINTENANCE_INTERVAL_MS = 10 * 60_000;

export interface CoreOptions {
  host: AppInfo['host'];
  version: string;
  hostOptions: HostOptions;
  /** Electron's userData; the headless host uses the OS default. */
  osDataDir?: string;
  /** How to start a simulator for demo mode; without it there is no demo. */
  spawnSimulator?: SimulatorSpawner;
  env?: NodeJS.ProcessEnv;
  /** The OS keystore that seals the vehicle token (Electron's safeStorage); without it the token is an owner-only file. */
  keystore?: Keystore;
}

export interface Core {
  readonly info: AppInfo;
  readonly resolved: ResolvedConfig;
  /** Demo devices with their control sockets, when demo mode runs. */
  readonly demo: RunningDemo | undefined;
  /** Files for the center; hosts and tests add them here. */
  readonly attachments: AttachmentService;
  readonly sync: SyncEngine;
  /** Base layers and their tiles, for the hosts' tile routes. */
  readonly maps: MapService;
  dispatch(method: string, params: unknown): Promise<ApiResult>;
  /** Every event the core pushes; returns an unsubscribe function. */
  subscribe(listener: (message: CoreEventMessage) => void): () => void;
  close(): Promise<void>;
}

/** A link source for each configured link: its device family (if any) and its path probes (if any). */
function createLinkSource(config: LinkConfig): LinkSource {
  return new DeviceLink({ config, family: familyFor(config) });
}

/** Starts the demo vehicle; what stops it is told to the operator as an alert, not thrown. */
async function startDemoWithAlerts(dataDir: string, spawn: SimulatorSpawner, alerts: AlertCenter): Promise<RunningDemo | undefined> {
  if (!socatAvailable()) {
    alerts.raise('demo-needs-socat', 'warning', 'apt-get install -y socat');
    log.warn('demo mode needs socat to simulate serial ports: apt-get install -y socat');
    return undefined;
  }
  try {
    return await startDemoVehicle(dataDir, spawn);
  } catch (error) {
    alerts.raise('demo-failed', 'error', error instanceof Error ? error.message : String(error));
    log.error('demo vehicle did not start', error);
    return undefined;
  }
}

/**
 * The console core: configuration, store, links, policy, history and the API, hosted
 * alike by Electron and by the headless host. Composition root only. Throws
 * ConfigError, DatabaseError or UsageError with a message fit for the operator.
 */
export async function createCore(options: CoreOptions): Promise<Core> {
  const startedAt = Date.now();
  const resolved = await resolveConfig(options.hostOptions, options.env ?? process.env, options.osDataDir, options.keystore);
  const { config, dataDir } = resolved;
  makeDataPrivate(dataDir);
  const store = Store.open({ file: join(dataDir, 'mcv-console.db') });
  let demo: RunningDemo | undefined;
  let history: LinkHistoryWriter | undefined;
  let sync: SyncEngine | undefined;
  let closeMaps = () => {};
  let closeSbd = () => {};
  try {
    const events = new SafeEmitter<{ event: [message: CoreEventMessage] }>((_, error) => log.error('an event listener threw', error));
    // One listener per window and per WebSocket client of the headless host: no cap.
    events.setMaxListeners(0);
    const emit = <E extends CoreEventName>(name: E, data: CoreEventData<E>) => {
      events.safeEmit('event', { name, data, sentAt: Date.now() });
    };

    const alerts = new AlertCenter();
    alerts.on('changed', (list) => emit('system.alerts', list));
    const demoRequested = resolved.demo && options.spawnSimulator !== undefined;
    if (demoRequested) demo = await startDemoWithAlerts(dataDir, options.spawnSimulator!, alerts);
    const linkConfigs: LinkConfig[] = [...config.links, ...(demo?.links ?? [])];

    history = new LinkHistoryWriter({
      db: store.db,
      file: store.file,
      onOutbox: () => sync?.wake(),
      onHealth: (error) => {
        if (error) {
          alerts.raise('store-write-failed', 'error', error.message);
          log.error(error.message);
        } else {
          alerts.clear('store-write-failed');
        }
      },
    });
    const settings = new SettingsService(store);
    const initial = settings.get();
    const policy = new PolicyEngine({ pins: initial.pins, allowMeteredBulk: initial.allowMeteredBulk });
    const trackIntervals = new Map(linkConfigs.filter((l) => l.kind === 'gnss').map((l) => [l.id, l.trackIntervalMs]));
    const writer = history;
    const reporter = config.sync
      ? new PositionReporter({
          everyMs: config.sync.positionEverySeconds * 1000,
          everyMeters: config.sync.positionEveryMeters,
          last: lastPositionReport(store.db),
        })
      : undefined;
    const track = new TrackRecorder({
      intervalMs: (id) => trackIntervals.get(id) ?? 5000,
      store: (point) => writer.recordTrackPoint(point, reporter?.shouldReport(point) ? positionOutboxItem(point) : undefined),
    });
    const hub = new LinkHub({ links: linkConfigs.map(createLinkSource), history });
    const bindAddresses = new Map(
      linkConfigs.flatMap((l) => ('probe' in l && l.probe?.bindAddress ? [[l.id, l.probe.bindAddress] as const] : [])),
    );
    const fleet = new FleetExchange({ store });
    fleet.on('changed', (positions) => emit('fleet.changed', positions));
    const engine = new SyncEngine({
      store,
      fleet,
      attachmentsDir: join(dataDir, 'attachments'),
      config: config.sync,
      policy: () => policy.current,
      links: () => hub.list(),
      bindAddress: (id) => bindAddresses.get(id),
    });
    sync = engine;
    closeSbd = wireSbd({ store, hub, engine, config: config.sync });
    const messages = new MessageService({
      store,
      position: () => track.latest ?? latestTrackPoint(store.db),
      onOutbox: () => engine.wake(),
    });
    const attachments = new AttachmentService({ store, dir: join(dataDir, 'attachments'), onOutbox: () => engine.wake() });

    hub.on('status', (status) => {
      emit('links.status', status);
      track.observe(status);
      policy.setLinks(hub.list());
    });
    hub.on('stateChanged', (change) => emit('links.stateChanged', change));
    policy.on('policy', (decided) => {
      emit('links.policy', decided);
      engine.onPolicy(decided);
    });
    engine.on('status', (status) => emit('sync.status', status));
    engine.on('messages', (changed) => emit('messages.changed', changed));
    engine.on('inbox', (items) => emit('inbox.changed', items));
    messages.on('messages', (changed) => emit('messages.changed', changed));
    messages.on('inbox', (items) => emit('inbox.changed', items));
    track.on('position', (point) => emit('position', point));
    settings.on('changed', (changed) => {
      emit('settings.changed', changed);
      policy.setChoices({ pins: changed.pins, allowMeteredBulk: changed.allowMeteredBulk });
    });

    const maintain = () => {
      try {
        const { aggregated, deleted } = maintainHistory(store.db, Date.now());
        log.debug(`history: ${aggregated} minute aggregates, ${deleted} old rows removed`);
      } catch (error) {
        const problem = storeError(error, store.file);
        alerts.raise('store-write-failed', 'error', problem.message);
      }
    };
    maintain();
    const maintenance = setInterval(maintain, MAINTENANCE_INTERVAL_MS);
    maintenance.unref();

    const info: AppInfo = {
      version: options.version,
      host: options.host,
      vehicleName: config.vehicle.name,
      dataDir,
      databaseFile: store.file,
      schemaVersion: store.schemaVersion,
      demo: demoRequested,
      startedAt,
    };
    // Its own client: tickets must not wait behind an upload on the sync client's connections.
    const mediaClient = config.sync ? new CenterClient(config.sync.token) : undefined;
    const liveRoute = () =>
      config.sync &&
      routeFor('live', { config: config.sync, policy: policy.current, links: hub.list(), bindAddress: (id) => bindAddresses.get(id) });
    const mediaTicket = () => fetchMediaTicket(mediaClient, liveRoute());
    const centerMedia = () => fetchCenterMedia(mediaClient, liveRoute());
    const recordings = new RecordingService({ dir: join(dataDir, 'recordings'), attachments });
    const reporting = wireIncidents({ store, dataDir, config, policy, engine, emit });
    recordings.recover().catch((error: unknown) => log.error('interrupted recordings could not be queued', error));
    const duty = wireDuty({ store, hub, engine, messages, settings, onChanged: (changed) => emit('duty.changed', changed) });
    const maps = new MapService({ dir: join(dataDir, 'maps') });
    closeMaps = () => maps.close();
    maps.on('changed', (layers) => emit('maps.changed', layers));
    const handlers = createHandlers({
      info,
      hub,
      store,
      settings,
      policy,
      track,
      alerts: () => alerts.list(),
      messages,
      sync: engine,
      mediaTicket,
      centerMedia,
      recordings,
      incidents: reporting,
      duty: duty.duty,
      dutyVideoSession: duty.videoSession,
      maps,
    });

    hub.start();
    engine.start();
    log.info(
      `data in ${dataDir}${resolved.configFile ? `, config ${resolved.configFile}` : ', no config file (defaults)'}; ${linkConfigs.length} link(s)${demoRequested ? ', demo vehicle' : ''}${config.sync ? `; vehicle token in ${resolved.tokenFile}` : ''}`,
    );

    let closed = false;
    return {
      info,
      resolved,
      demo,
      attachments,
      sync: engine,
      maps,
      dispatch: (method, params) => dispatch(handlers, method, params),
      subscribe(listener) {
        events.on('event', listener);
        return () => events.off('event', listener);
      },
      async close() {
        if (closed) return;
        closed = true;
        events.removeAllListeners();
        clearInterval(maintenance);
        recordings.close();
        reporting.files.close();
        duty.close();
        maps.close();
        closeSbd();
        await engine.close();
        mediaClient?.close();
        await hub.close();
        writer.close();
        demo?.stop();
        store.close();
      },
    };
  } catch (error) {
    // Nothing half-started outlives a failed start: simulators stop, the database closes.
    demo?.stop();
    closeMaps();
    closeSbd();
    await sync?.close();
    history?.close();
    store.close();
    throw error;
  }
}
