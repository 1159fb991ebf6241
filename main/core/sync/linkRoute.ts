import type { SyncConfig } from '../../../protocol/config/consoleConfig';
import type { LinkStatus } from '../../../protocol/links/linkStatus';
import type { LinkPolicy, TrafficClass } from '../../../protocol/links/policy';
import type { CenterRoute, RequestLimits } from './CenterClient';

/** The link a traffic class goes on now, and how to reach the center through it. */
export interface LinkRoute {
  linkId: string;
  linkName: string;
  route: CenterRoute;
  budgetKbps: number;
  /** Measured path latency, or a cautious guess, ms. */
  latencyMs: number;
  /** The link's whole capacity (not the class's share), kbit/s: sizes the stream's frames and window. */
  capacityKbps: number;
}

export interface RouteInputs {
  config: SyncConfig;
  policy: LinkPolicy;
  links: readonly LinkStatus[];
  bindAddress: (linkId: string) => string | undefined;
}

/**
 * Where `trafficClass` goes now: the link the policy gives it, if that link carries IP.
 * Iridium SBD carries no IP: what may go that way goes by the SBD lane (sbd/SbdLane.ts),
 * not by exchanges. The center's address may differ per link (`sync.linkUrls`).
 */
export function routeFor(trafficClass: TrafficClass, inputs: RouteInputs): LinkRoute | undefined {
  const decision = inputs.policy.decisions.find((d) => d.trafficClass === trafficClass);
  if (!decision?.linkId) return undefined;
  const status = inputs.links.find((l) => l.id === decision.linkId);
  if (!status || status.kind === 'satellite-sbd' || status.kind === 'gnss') return undefined;
  const localAddress = inputs.bindAddress(decision.linkId);
  const latency = status.path?.latencyMs;
  // A narrow link (HF data, narrowband satellite) exchanges over the persistent stream: no HTTP headers per exchange.
  const stream = status.capacityKbps > 0 && status.capacityKbps <= inputs.config.narrowLinkKbps;
  return {
    linkId: decision.linkId,
    linkName: status.name,
    route: {
      baseUrl: inputs.config.linkUrls?.[decision.linkId] ?? inputs.config.centerUrl,
      ...(localAddress ? { localAddress } : {}),
      ...(stream ? { stream } : {}),
    },
    budgetKbps: Math.max(decision.budgetKbps, 0.1),
    latencyMs: latency && !latency.stale ? latency.value : 1000,
    capacityKbps: status.capacityKbps,
  };
}

/** Timeouts for sending `bytes` over the link: generous for its budget and latency, never forever. */
export function requestLimits(link: Pick<LinkRoute, 'budgetKbps' | 'latencyMs'>, bytes: number): RequestLimits {
  const seconds = (bytes * 8) / 1000 / Math.max(link.budgetKbps, 0.1);
  return { idleTimeoutMs: Math.max(30_000, link.latencyMs * 10), totalTimeoutMs: Math.max(60_000, seconds * 3000 + link.latencyMs * 20) };
}

/** What an empty exchange (a poll) costs on the wire both ways, HTTP included, bytes. */
const POLL_BYTES = 600;

/**
 * How often to poll for orders: the configured interval, or rarer on a link so narrow
 * that polls would take more than its control budget (on 2.4 kbit/s HF, every 40 s).
 */
export function pollIntervalMs(pollSeconds: number, controlBudgetKbps: number): number {
  return Math.max(pollSeconds * 1000, (POLL_BYTES * 8) / Math.max(controlBudgetKbps, 0.01));
}
