import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { LinkSummary } from '../../../protocol/sync/exchange';

/** Link summaries go with an exchange when they changed, or this often. */
const LINKS_EVERY_MS = 5 * 60_000;

/** Decides when the center's view of the vehicle's links needs refreshing (it costs bytes on narrow links). */
export class LinkSummaries {
  #sent = { signature: '', at: 0 };

  /** The summaries to send with the next exchange, or undefined when the center's are current. */
  due(links: readonly LinkStatus[], now: number): LinkSummary[] | undefined {
    const summaries = links.slice(0, 32).map((l): LinkSummary => {
      const latency = l.path?.latencyMs;
      return {
        id: l.id.slice(0, 64),
        name: l.name.slice(0, 64),
        kind: l.kind,
        state: l.state,
        ...(latency && !latency.stale ? { latencyMs: Math.round(latency.value) } : {}),
      };
    });
    const changed = signature(summaries) !== this.#sent.signature;
    return changed || now - this.#sent.at >= LINKS_EVERY_MS ? summaries : undefined;
  }

  /** The center took them. */
  sent(summaries: readonly LinkSummary[], now: number): void {
    this.#sent = { signature: signature(summaries), at: now };
  }
}

function signature(links: readonly LinkSummary[]): string {
  return links.map((l) => `${l.id}:${l.state}`).join(',');
}
