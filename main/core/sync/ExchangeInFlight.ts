import type { LinkPolicy, TrafficClass } from '../../../protocol/links/policy';
import { PRIORITY_RANK, type Priority } from '../../../protocol/sync/items';
import type { OutboxEntry } from '../store/outboxRepo';
import { preempts, type ExchangePlan } from './exchangePlan';
import type { LinkRoute } from './linkRoute';
import { dueOutbox } from '../store/outboxRepo';
import type { Store } from '../store/Store';
import { trafficClassOf } from '../../../protocol/sync/trafficClass';

interface Running {
  controller: AbortController;
  /** The class it went as (`control` for an empty exchange). */
  trafficClass: TrafficClass;
  linkId: string;
  /** Its most urgent item's rank; an empty exchange ranks below bulk. */
  rank: number;
  preempted: boolean;
}

/**
 * The exchange on the air (one at a time) and what stops it early: the policy taking
 * its class off its link (a stalled link going down), a more urgent item whose class
 * goes on another link (`preempts`), or the engine closing.
 */
export class ExchangeInFlight {
  #running: Running | undefined;

  /** `plan` goes on the air: the signal that stops it. */
  begin(plan: ExchangePlan): AbortSignal {
    const carries = plan.entries.length > 0;
    const controller = new AbortController();
    this.#running = {
      controller,
      trafficClass: carries ? trafficClassOf(plan.priority) : 'control',
      linkId: plan.link.linkId,
      rank: carries ? PRIORITY_RANK[plan.priority] : PRIORITY_RANK.bulk + 1,
      preempted: false,
    };
    return controller.signal;
  }

  end(): void {
    this.#running = undefined;
  }

  /** It was stopped for a more urgent item: not a failure; it goes again (the center takes a replay as held). */
  get preempted(): boolean {
    return this.#running?.preempted ?? false;
  }

  /** The policy changed: stop it if its class no longer goes on its link. */
  onPolicy(policy: LinkPolicy): void {
    const running = this.#running;
    if (running && policy.decisions.find((d) => d.trafficClass === running.trafficClass)?.linkId !== running.linkId) {
      // Stopped on purpose (its class left that link), not a failure: it goes again on the new route.
      running.preempted = true;
      running.controller.abort();
    }
  }

  /** Stops it for the most urgent due item above its rank if that item goes on another link (see `preempts`). */
  preemptFor(
    mostUrgentDue: (priorities: readonly Priority[]) => OutboxEntry | undefined,
    routeFor: (trafficClass: TrafficClass) => LinkRoute | undefined,
  ): void {
    const running = this.#running;
    if (!running || running.preempted || !preempts(running, mostUrgentDue, routeFor)) return;
    running.preempted = true;
    running.controller.abort();
  }

  /** As preemptFor, with the outbox's most urgent due items; a failing store stops nothing (the next round says so). */
  preemptForDue(store: Store, now: number, routeFor: (trafficClass: TrafficClass) => LinkRoute | undefined): void {
    try {
      this.preemptFor((p) => dueOutbox(store.db, now, 1, p)[0], routeFor);
    } catch {
      // the store is failing; the next round reports it
    }
  }

  abort(): void {
    this.#running?.controller.abort();
  }
}
