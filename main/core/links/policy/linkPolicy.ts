import type { LinkKind, LinkState } from '../../../../protocol/links/linkStatus';
import type { ClassDecision, LinkPolicy, PolicyPins, TrafficClass } from '../../../../protocol/links/policy';

/** What the policy needs to know of a link. */
export interface PolicyLink {
  id: string;
  name: string;
  kind: LinkKind;
  state: LinkState;
  capacityKbps: number;
  /** Measured path latency, when the link is probed. */
  latencyMs?: number;
  metered: boolean;
}

export interface PolicyInputs {
  links: readonly PolicyLink[];
  pins: PolicyPins;
  allowMeteredBulk: boolean;
  /** The policy in force, so a class is not moved for a marginal gain. */
  previous?: LinkPolicy;
  /** Live audio/video is being sent: bulk leaves it room. */
  liveActive?: boolean;
  at: number;
}

/** Latency assumed for a link that is not probed, ms (planning figures). */
const TYPICAL_LATENCY_MS: Record<LinkKind, number> = {
  wired: 5,
  wifi: 10,
  cellular: 60,
  'satellite-ip': 650,
  hf: 1500,
  'satellite-sbd': 20_000,
  gnss: Number.POSITIVE_INFINITY,
};

/** Share of a link's capacity each class may use (bulk: while live media runs). */
const SHARE: Record<TrafficClass, number> = { control: 0.05, flash: 0.1, live: 0.6, routine: 0.3, bulk: 0.5 };
/**
 * Bulk's share when no live media runs. Uploads are paced at their budget, so it stays
 * under the capacity: the radio's queue stays short and an urgent message sent beside
 * an upload is not stuck behind it.
 */
const BULK_SHARE_ALONE = 0.9;
/** Live video up to this much; above it the link is left to the rest. kbit/s. */
const LIVE_MAX_KBPS = 4000;
/** Below this live budget, video is dropped and audio goes alone; below the next, nothing goes. */
export const LIVE_VIDEO_MIN_KBPS = 200;
export const LIVE_AUDIO_MIN_KBPS = 24;
/** A class moves off a working link only for a clearly better one. */
const SWITCH_GAIN = 2;
/** Short-burst data carries a few hundred bytes a minute: control and flash only. */
const SBD_BUDGET_KBPS = 0.05;

const usable = (link: PolicyLink) => link.state === 'up' || link.state === 'degraded';
/** Iridium SBD carries control and flash messages only. */
const usesSbd = (trafficClass: TrafficClass, link: PolicyLink) =>
  (trafficClass === 'control' || trafficClass === 'flash') && link.kind === 'satellite-sbd' && usable(link);
const carriesIp = (link: PolicyLink) => usable(link) && link.capacityKbps > 0 && link.kind !== 'satellite-sbd' && link.kind !== 'gnss';
const latencyOf = (link: PolicyLink) => link.latencyMs ?? TYPICAL_LATENCY_MS[link.kind];
const byLatency = (a: PolicyLink, b: PolicyLink) => stateRank(a) - stateRank(b) || latencyOf(a) - latencyOf(b);
const byCapacity = (a: PolicyLink, b: PolicyLink) =>
  stateRank(a) - stateRank(b) || b.capacityKbps - a.capacityKbps || latencyOf(a) - latencyOf(b);
function stateRank(link: PolicyLink): number {
  return link.state === 'up' ? 0 : 1;
}

interface ClassRule {
  candidates(links: readonly PolicyLink[], inputs: PolicyInputs): PolicyLink[];
  order: (a: PolicyLink, b: PolicyLink) => number;
  /** Whether `best` is worth leaving `current` for. */
  clearlyBetter(best: PolicyLink, current: PolicyLink): boolean;
}

const latencyRule = (candidates: ClassRule['candidates']): ClassRule => ({
  candidates,
  order: byLatency,
  clearlyBetter: (best, current) => stateRank(best) < stateRank(current) || latencyOf(best) * SWITCH_GAIN <= latencyOf(current),
});
const capacityRule = (candidates: ClassRule['candidates']): ClassRule => ({
  candidates,
  order: byCapacity,
  clearlyBetter: (best, current) => stateRank(best) < stateRank(current) || best.capacityKbps >= current.capacityKbps * SWITCH_GAIN,
});

const RULES: Record<TrafficClass, ClassRule> = {
  control: latencyRule((links) => links.filter(carriesIp)),
  flash: latencyRule((links) => links.filter(carriesIp)),
  live: capacityRule((links) => links.filter((l) => carriesIp(l) && liveBudget(l) >= LIVE_AUDIO_MIN_KBPS)),
  routine: capacityRule((links) => links.filter(carriesIp)),
  // Bulk may use every up link once the operator allows metered ones; before, only unmetered links.
  bulk: capacityRule((links, inputs) => links.filter((l) => carriesIp(l) && l.state === 'up' && (inputs.allowMeteredBulk || !l.metered))),
};

function liveBudget(link: PolicyLink): number {
  return Math.min(link.capacityKbps * SHARE.live, LIVE_MAX_KBPS);
}

function budgetFor(trafficClass: TrafficClass, link: PolicyLink, liveActive: boolean): number {
  if (link.kind === 'satellite-sbd') return SBD_BUDGET_KBPS;
  const share = trafficClass === 'bulk' && !liveActive ? BULK_SHARE_ALONE : SHARE[trafficClass];
  const budget = trafficClass === 'live' ? liveBudget(link) : link.capacityKbps * share;
  return Math.round(budget * 10) / 10;
}

function decideClass(trafficClass: TrafficClass, inputs: PolicyInputs): ClassDecision {
  const rule = RULES[trafficClass];
  const candidates = [...rule.candidates(inputs.links, inputs)].sort(rule.order);
  const pinnedId = inputs.pins[trafficClass];
  const chosen = (link: PolicyLink, reason: ClassDecision['reason'], detail?: string): ClassDecision => {
    const budgetKbps = budgetFor(trafficClass, link, inputs.liveActive ?? false);
    const audioOnly = trafficClass === 'live' && budgetKbps < LIVE_VIDEO_MIN_KBPS;
    return { trafficClass, linkId: link.id, budgetKbps, reason: audioOnly ? 'audio-only' : reason, ...(detail ? { detail } : {}) };
  };

  let pinDetail: string | undefined;
  if (pinnedId !== undefined) {
    const pinnedLink = inputs.links.find((l) => l.id === pinnedId);
    const pinned = candidates.find((l) => l.id === pinnedId) ?? (pinnedLink && usesSbd(trafficClass, pinnedLink) ? pinnedLink : undefined);
    if (pinned) return chosen(pinned, 'pinned');
    pinDetail = pinnedLink?.name ?? pinnedId;
  }

  const best = candidates[0];
  if (!best) {
    // Control and flash messages still fit an Iridium SBD burst.
    if (trafficClass === 'control' || trafficClass === 'flash') {
      const sbd = inputs.links.filter((l) => usesSbd(trafficClass, l)).sort(byLatency)[0];
      if (sbd) return chosen(sbd, pinDetail ? 'pin-unavailable' : 'only-sbd', pinDetail);
    }
    const ipUsable = inputs.links.filter(carriesIp);
    const meteredUp = ipUsable.some((l) => l.state === 'up' && l.metered);
    const reason =
      trafficClass === 'bulk' && meteredUp
        ? 'held-metered'
        : trafficClass === 'live' && ipUsable.length > 0
          ? 'held-narrow'
          : 'held-no-link';
    return { trafficClass, linkId: null, budgetKbps: 0, reason, ...(pinDetail ? { detail: pinDetail } : {}) };
  }
  if (pinDetail) return chosen(best, 'pin-unavailable', pinDetail);

  const currentId = inputs.previous?.decisions.find((d) => d.trafficClass === trafficClass)?.linkId;
  const current = candidates.find((l) => l.id === currentId);
  if (current && current !== best && current.state === 'up' && !rule.clearlyBetter(best, current)) return chosen(current, 'kept');
  return chosen(best, 'best');
}

/**
 * Which link carries each traffic class, and with what bitrate budget — a pure function
 * of the links' states, so it is easy to read and to test. Control and flash go the
 * lowest-latency way (an Iridium burst if nothing else is up); live video, routine and
 * bulk go the widest way; bulk avoids metered links unless the operator allows them;
 * an operator's pin wins while the pinned link is usable; a class stays on its working
 * link unless another is clearly better, so the media path does not flap.
 */
export function decidePolicy(inputs: PolicyInputs): LinkPolicy {
  const classes: TrafficClass[] = ['control', 'flash', 'live', 'routine', 'bulk'];
  return { decisions: classes.map((c) => decideClass(c, inputs)), at: inputs.at };
}

/** `kept` and `best` both mean "on its link as it should be": no news for subscribers. */
const sameReason = (a: ClassDecision['reason'], b: ClassDecision['reason']) =>
  a === b || (a !== 'pinned' && b !== 'pinned' && (a === 'kept' || a === 'best') && (b === 'kept' || b === 'best'));

/** Whether two policies send every class the same way with about the same budget (±10 %). */
export function samePolicy(a: LinkPolicy | undefined, b: LinkPolicy): boolean {
  if (!a) return false;
  return b.decisions.every((d, i) => {
    const o = a.decisions[i];
    if (!o || o.trafficClass !== d.trafficClass || o.linkId !== d.linkId || !sameReason(o.reason, d.reason) || o.detail !== d.detail)
      return false;
    return Math.abs(o.budgetKbps - d.budgetKbps) <= 0.1 * Math.max(o.budgetKbps, d.budgetKbps);
  });
}
