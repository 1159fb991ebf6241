import { isDeepStrictEqual } from 'node:util';
import type { LinkStateChange, LinkStatus } from '../../../protocol/links/linkStatus';
import { SafeEmitter } from '../../../platform/events/SafeEmitter';
import type { LinkSample } from '../store/LinkHistoryWriter';
import type { LinkSource, SamplePoint } from './LinkSource';
import type { SbdPort } from './sbdPort';
import { createLogger } from '../../../platform/log/logger';

const log = createLogger('LinkHub');

export interface LinkHubOptions {
  links: readonly LinkSource[];
  /** Where samples and state changes go; optional so the hub can run without a store. */
  history?: { recordSample(sample: LinkSample): void; recordStateChange(change: LinkStateChange): void };
  /** How often ages are re-checked so values turn stale on time. Default 1000 ms. */
  tickMs?: number;
  /** An unchanged value is still written to history this often. Default 10 000 ms. */
  sampleEveryMs?: number;
  now?: () => number;
}

export interface LinkHubEvents {
  status: [status: LinkStatus];
  stateChanged: [change: LinkStateChange];
}

interface Tracked {
  source: LinkSource;
  status: LinkStatus | undefined;
  /** Metric → last value written to history. */
  written: Map<string, SamplePoint>;
}

/**
 * One `LinkStatus` per link: takes a snapshot whenever a link reports a change (and
 * every tick, so values turn stale on time), emits the status when anything in it
 * changed, records state changes with their reasons, and feeds history.
 */
export class LinkHub extends SafeEmitter<LinkHubEvents> {
  readonly #links = new Map<string, Tracked>();
  readonly #history: LinkHubOptions['history'];
  readonly #tickMs: number;
  readonly #sampleEveryMs: number;
  readonly #now: () => number;
  #timer: NodeJS.Timeout | undefined;
  /** Links whose refresh is already scheduled for this turn, so a burst of changes costs one snapshot. */
  readonly #dirty = new Set<string>();

  constructor(options: LinkHubOptions) {
    super();
    this.#history = options.history;
    this.#tickMs = options.tickMs ?? 1000;
    this.#sampleEveryMs = options.sampleEveryMs ?? 10_000;
    this.#now = options.now ?? Date.now;
    for (const source of options.links) {
      if (this.#links.has(source.id)) throw new TypeError(`duplicate link id "${source.id}"`);
      this.#links.set(source.id, { source, status: undefined, written: new Map() });
      source.on('changed', () => this.#schedule(source.id));
    }
  }

  start(): void {
    for (const tracked of this.#links.values()) {
      this.#refresh(tracked);
      tracked.source.start();
    }
    this.#timer = setInterval(() => {
      for (const tracked of this.#links.values()) this.#refresh(tracked);
    }, this.#tickMs);
    this.#timer.unref();
  }

  list(): LinkStatus[] {
    return [...this.#links.values()].map((t) => t.status).filter((s): s is LinkStatus => s !== undefined);
  }

  get(id: string): LinkStatus | undefined {
    return this.#links.get(id)?.status;
  }

  /** The links that carry binary messages (Iridium SBD), with their status now (none before the first snapshot). */
  sbdPorts(): Array<{ status: LinkStatus | undefined; port: SbdPort }> {
    return [...this.#links.values()].flatMap(({ source, status }) => (source.sbdPort ? [{ status, port: source.sbdPort }] : []));
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    // One link failing to close must not keep the others (and the store behind us) open.
    await Promise.allSettled([...this.#links.values()].map((t) => t.source.close()));
    this.removeAllListeners();
  }

  #schedule(id: string): void {
    if (this.#dirty.has(id)) return;
    this.#dirty.add(id);
    queueMicrotask(() => {
      this.#dirty.delete(id);
      const tracked = this.#links.get(id);
      if (tracked) this.#refresh(tracked);
    });
  }

  /** A snapshot that throws (a bug in a family) costs that link's update, never the core. */
  #refresh(tracked: Tracked): void {
    try {
      this.#refreshUnsafe(tracked);
    } catch (error) {
      log.error(`link ${tracked.source.id}: snapshot failed`, error);
    }
  }

  #refreshUnsafe(tracked: Tracked): void {
    const now = this.#now();
    const { source } = tracked;
    const snapshot = source.snapshot();
    const previous = tracked.status;
    const { state, reason } = snapshot.evaluation;
    const changedState = previous === undefined || previous.state !== state;
    const status: LinkStatus = {
      id: source.id,
      name: source.name,
      kind: source.kind,
      state,
      reason,
      since: changedState ? now : previous.since,
      metered: source.metered,
      capacityKbps: snapshot.capacityKbps,
      device: snapshot.device,
      ...snapshot.sections,
      ...(snapshot.path ? { path: snapshot.path } : {}),
    };
    this.#recordSamples(tracked, snapshot.samples);
    if (previous && isDeepStrictEqual(previous, status)) return;
    tracked.status = status;
    if (changedState && previous) {
      const change: LinkStateChange = { linkId: source.id, from: previous.state, to: state, reason, at: now };
      this.#history?.recordStateChange(change);
      this.safeEmit('stateChanged', change);
    }
    this.safeEmit('status', status);
  }

  #recordSamples(tracked: Tracked, samples: Record<string, SamplePoint>): void {
    if (!this.#history) return;
    for (const [metric, point] of Object.entries(samples)) {
      const last = tracked.written.get(metric);
      if (last && point.at === last.at) continue; // the same reading again
      // |…| so a wall clock stepped back does not silence history until it catches up.
      if (last && last.value === point.value && Math.abs(point.at - last.at) < this.#sampleEveryMs) continue;
      tracked.written.set(metric, point);
      this.#history.recordSample({ linkId: tracked.source.id, metric, at: point.at, value: point.value });
    }
  }
}
