import { z } from 'zod';
import { Language, Theme, Timestamp } from '../common';
import { Settings } from '../config/consoleConfig';
import { LinkStateChange, LinkStatus } from '../links/linkStatus';
import { PositionReport } from '../links/gnss';
import { LinkPolicy, PolicyPins } from '../links/policy';
import { Uuid } from '../sync/items';
import { incidentEvents, incidentMethods } from './incidents';
import { EventsQuery, HistoryQuery, HistorySeries, SerialPortList } from './history';
import { dutyEvents, dutyMethods } from './duty';
import { MapLayerId, mapsEvents, mapsMethods } from './maps';
import { fleetEvents, fleetMethods } from './fleet';
import { AttachmentView, InboxItemView, MessageView, OrderStepParams, SendMessageParams } from './messaging';
import { CenterMediaView, MediaTicketView, RecordingAppend, RecordingMime } from './media';
import { SyncStatus } from './syncStatus';

/**
 * The console API: every request the UI can make of the core, and every event the
 * core pushes. Declared once here; the core implements `CoreApiHandlers`, the
 * Electron IPC bridge and the headless host's WebSocket both carry it, and the
 * renderer's client is derived from it.
 */

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'headless']),
  vehicleName: z.string(),
  dataDir: z.string(),
  databaseFile: z.string(),
  schemaVersion: z.number().int(),
  demo: z.boolean(),
  startedAt: Timestamp,
});
export type AppInfo = z.infer<typeof AppInfo>;

export const AlertCode = z.enum(['store-write-failed', 'demo-needs-socat', 'demo-failed']);
export const Alert = z.object({
  id: z.string(),
  code: AlertCode,
  severity: z.enum(['info', 'warning', 'error']),
  detail: z.string().max(500).optional(),
  at: Timestamp,
});
export type Alert = z.infer<typeof Alert>;

const NoParams = z.object({}).strict();

export const coreMethods = {
  'app.info': { params: NoParams, result: AppInfo },
  'links.list': { params: NoParams, result: z.array(LinkStatus) },
  'settings.get': { params: NoParams, result: Settings },
  'settings.update': {
    params: z
      .object({
        language: Language.optional(),
        theme: Theme.optional(),
        allowMeteredBulk: z.boolean().optional(),
        pins: PolicyPins.optional(),
        alertsMutedUntil: z.number().int().nonnegative().nullable().optional(),
        mapLayer: MapLayerId.nullable().optional(),
      })
      .strict(),
    result: Settings,
  },
  'system.alerts': { params: NoParams, result: z.array(Alert) },
  /** Which link carries each traffic class now. */
  'links.policy': { params: NoParams, result: LinkPolicy },
  'links.history': { params: HistoryQuery, result: HistorySeries },
  /** State changes with reasons, newest first. */
  'links.events': { params: EventsQuery, result: z.array(LinkStateChange) },
  'position.latest': { params: NoParams, result: PositionReport.nullable() },
  /** The vehicle's track since `sinceMs` (default: the last hour), oldest first. */
  'position.track': {
    params: z
      .object({ sinceMs: z.number().int().nonnegative().optional(), limit: z.number().int().min(1).max(10_000).default(2000) })
      .strict(),
    result: z.array(PositionReport),
  },
  /** Serial ports of this machine, to help set up devices. */
  'devices.serialPorts': { params: NoParams, result: SerialPortList },
  /** The crew's messages to the center, newest first, with their delivery state. */
  'messages.list': { params: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(), result: z.array(MessageView) },
  /** Writes a message; it is queued at once and sent when a link allows. */
  'messages.send': { params: SendMessageParams, result: MessageView },
  /** Orders and directory updates from the center, newest first. */
  'inbox.list': { params: z.object({ limit: z.number().int().min(1).max(1000).default(200) }).strict(), result: z.array(InboxItemView) },
  'inbox.markRead': { params: z.object({ id: Uuid }).strict(), result: InboxItemView },
  /** The crew's step on an order (acknowledged, in-progress, done, cannot-do with the reason); CONFLICT when its state does not allow it. */
  'inbox.step': { params: OrderStepParams, result: InboxItemView },
  /** Orders not acknowledged and entries not read: the alert every view shows until they are. */
  'inbox.alerts': { params: NoParams, result: z.array(InboxItemView) },
  /** The outbox and what the sync engine is doing. */
  'sync.status': { params: NoParams, result: SyncStatus },
  /** Tries parked items again (one, or all). Returns how many were queued again. */
  'sync.retryParked': { params: z.object({ seq: z.number().int().min(1).optional() }).strict(), result: z.number().int() },
  /** A fresh ticket for the center's media signaling socket (error UNAVAILABLE, with why, when live media cannot start). */
  'media.ticket': { params: NoParams, result: MediaTicketView },
  /** Whether the center runs live media (asked over the live-media route; `unknown` when it cannot be asked). */
  'media.centerState': { params: NoParams, result: CenterMediaView },
  /** A local recording (full quality, while live media goes out at the link's quality): start, chunks in order, finish → a bulk attachment. */
  'recording.start': { params: z.object({ mime: RecordingMime }).strict(), result: z.object({ id: z.string() }) },
  'recording.append': { params: RecordingAppend, result: z.object({ bytes: z.number().int() }) },
  'recording.finish': { params: z.object({ id: z.string().min(1).max(64) }).strict(), result: AttachmentView },
  ...incidentMethods,
  ...dutyMethods,
  ...mapsMethods,
  ...fleetMethods,
} as const;

export const coreEvents = {
  /** Full status of one link, sent whenever any of its values, ages or states change. */
  'links.status': LinkStatus,
  'links.stateChanged': LinkStateChange,
  'settings.changed': Settings,
  /** The whole list of active alerts, sent whenever it changes. */
  'system.alerts': z.array(Alert),
  /** The link policy, sent whenever a class moves or its budget changes by more than 10 %. */
  'links.policy': LinkPolicy,
  /** A new point of the vehicle's track. */
  position: PositionReport,
  /** Messages that are new or whose delivery state changed. */
  'messages.changed': z.array(MessageView),
  /** Orders and updates that arrived or changed. */
  'inbox.changed': z.array(InboxItemView),
  /** The sync status, at most a few times a second while it changes. */
  'sync.status': SyncStatus,
  ...incidentEvents,
  ...dutyEvents,
  ...mapsEvents,
  ...fleetEvents,
} as const;

export type CoreMethods = typeof coreMethods;
export type CoreMethodName = keyof CoreMethods;
export type CoreParams<M extends CoreMethodName> = z.input<CoreMethods[M]['params']>;
export type CoreResult<M extends CoreMethodName> = z.infer<CoreMethods[M]['result']>;

export type CoreEvents = typeof coreEvents;
export type CoreEventName = keyof CoreEvents;
export type CoreEventData<E extends CoreEventName> = z.infer<CoreEvents[E]>;

/** What the core implements, once, for every bridge. Params arrive already validated. */
export type CoreApiHandlers = {
  [M in CoreMethodName]: (params: z.infer<CoreMethods[M]['params']>) => Promise<CoreResult<M>> | CoreResult<M>;
};

export const coreMethodNames = Object.keys(coreMethods) as CoreMethodName[];
export const coreEventNames = Object.keys(coreEvents) as CoreEventName[];

export function isCoreMethodName(name: string): name is CoreMethodName {
  return Object.hasOwn(coreMethods, name);
}
export function isCoreEventName(name: string): name is CoreEventName {
  return Object.hasOwn(coreEvents, name);
}

/** A pushed event as both bridges deliver it; `sentAt` lets a client estimate clock offset. */
export const CoreEventMessage = z.object({
  name: z.string(),
  data: z.unknown(),
  sentAt: Timestamp,
});
export type CoreEventMessage = z.infer<typeof CoreEventMessage>;
