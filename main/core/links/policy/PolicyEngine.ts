import type { LinkStatus } from '../../../../protocol/links/linkStatus';
import type { LinkPolicy, PolicyPins } from '../../../../protocol/links/policy';
import { SafeEmitter } from '../../../../platform/events/SafeEmitter';
import { decidePolicy, samePolicy, type PolicyLink } from './linkPolicy';

export interface PolicyChoices {
  pins: PolicyPins;
  allowMeteredBulk: boolean;
}

function toPolicyLink(status: LinkStatus): PolicyLink {
  const latency = status.path?.latencyMs;
  return {
    id: status.id,
    name: status.name,
    kind: status.kind,
    state: status.state,
    capacityKbps: status.capacityKbps,
    ...(latency && !latency.stale ? { latencyMs: latency.value } : {}),
    metered: status.metered,
  };
}

/**
 * Keeps the link policy current: decides it again whenever a link's status or the
 * operator's choices change, and tells subscribers only when a class moved or a budget
 * changed by more than 10 % — the sync engine and the media client react to it.
 */
export class PolicyEngine extends SafeEmitter<{ policy: [policy: LinkPolicy] }> {
  #policy: LinkPolicy;
  #statuses: readonly LinkStatus[] = [];
  #choices: PolicyChoices;
  #liveActive = false;
  #scheduled = false;
  readonly #now: () => number;

  constructor(choices: PolicyChoices, now: () => number = Date.now) {
    super();
    this.#choices = choices;
    this.#now = now;
    this.#policy = decidePolicy({ links: [], ...choices, at: now() });
  }

  get current(): LinkPolicy {
    return this.#policy;
  }

  setLinks(statuses: readonly LinkStatus[]): void {
    this.#statuses = statuses;
    this.#schedule();
  }

  setChoices(choices: PolicyChoices): void {
    this.#choices = choices;
    this.#schedule();
  }

  /** Live media started or stopped sending: bulk makes room for it, or takes the link back. */
  setLiveActive(active: boolean): void {
    this.#liveActive = active;
    this.#schedule();
  }

  /** Many status events in one turn cost one decision. */
  #schedule(): void {
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.decideNow();
    });
  }

  decideNow(): void {
    const next = decidePolicy({
      links: this.#statuses.map(toPolicyLink),
      ...this.#choices,
      liveActive: this.#liveActive,
      previous: this.#policy,
      at: this.#now(),
    });
    if (samePolicy(this.#policy, next)) return;
    this.#policy = next;
    this.safeEmit('policy', next);
  }
}
