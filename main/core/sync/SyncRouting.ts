import type { SyncConfig } from '../../../protocol/config/consoleConfig';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { LinkPolicy, TrafficClass } from '../../../protocol/links/policy';
import type { Priority } from '../../../protocol/sync/items';
import { dueOutbox } from '../store/outboxRepo';
import type { Store } from '../store/Store';
import { routeFor, type LinkRoute } from './linkRoute';
import { uploadBackoffKey, type RetryState } from './RetryState';
import type { IpState } from './sbd/SbdLane';
import { trafficClassOf } from '../../../protocol/sync/trafficClass';

export interface SyncRoutingOptions {
  /** Without a center nothing has a route. */
  config: SyncConfig | undefined;
  links: () => readonly LinkStatus[];
  /** The local address of a link's interface, if configured. */
  bindAddress: (linkId: string) => string | undefined;
  retry: RetryState;
}

/**
 * Where the sync engine sends each traffic class now: the link the policy gives it (see
 * `routeFor`), held back while that link backs off — exchanges and uploads apart, so a
 * failing file does not hold back flash items on the same link, nor the reverse.
 */
export class SyncRouting {
  readonly #options: SyncRoutingOptions;

  constructor(options: SyncRoutingOptions) {
    this.#options = options;
  }

  /** The route for exchanges of `trafficClass`, unless that link is backing off (or `ignoreBackoff`, for the status). */
  exchange(trafficClass: TrafficClass, policy: LinkPolicy, ignoreBackoff = false): LinkRoute | undefined {
    const { config, links, bindAddress, retry } = this.#options;
    if (!config) return undefined;
    const route = routeFor(trafficClass, { config, policy, links: links(), bindAddress });
    if (!route) return undefined;
    return ignoreBackoff || retry.linkReady(route.linkId) ? route : undefined;
  }

  /** The route for a file of `priority`, unless uploads on that link are backing off. */
  upload(priority: Priority, policy: LinkPolicy): LinkRoute | undefined {
    const route = this.exchange(trafficClassOf(priority), policy, true);
    return route && this.#options.retry.linkReady(uploadBackoffKey(route.linkId)) ? route : undefined;
  }

  /** Whether IP can carry items of `priority` now: a working route, one backing off, or none (for the Iridium lane). */
  ipState(priority: Priority, policy: LinkPolicy): IpState {
    if (!this.exchange(trafficClassOf(priority), policy, true)) return 'none';
    return this.open(priority, policy) ? 'open' : 'backing-off';
  }

  /** The route of the most urgent waiting item (for the status), ignoring backoff. */
  nextRoute(store: Store, policy: LinkPolicy): LinkRoute | undefined {
    const next = dueOutbox(store.db, Number.MAX_SAFE_INTEGER, 1)[0];
    return this.exchange(next ? trafficClassOf(next.priority) : 'control', policy, true);
  }

  /** Whether items of `priority` can go now. */
  open(priority: Priority, policy: LinkPolicy): boolean {
    return this.exchange(trafficClassOf(priority), policy) !== undefined;
  }
}
