import type { LinkReason, LinkReasonCode, LinkState } from '../../../protocol/links/linkStatus';
import type { PathHealth } from '../../../protocol/links/path';

/** A text to show: an i18n key and its values (translated by the component). */
export interface Phrase {
  key: string;
  params?: Record<string, string | number>;
}

/**
 * What a tile or a timeline line says about a link's state, most important first:
 * `lead` is why the link is in its state; `note` qualifies it (traffic flows although the
 * device has a problem); `detail` is the device's own free text; `recovery` is the
 * countdown of a link on its way back, shown after the why, never instead of it.
 */
export interface StateWhy {
  lead: Phrase;
  note?: Phrase;
  detail?: string;
  recovery?: Phrase;
}

/** Reasons judged from the path probes: their figures come from the probes, translated here. */
const PATH_CODES: ReadonlySet<LinkReasonCode> = new Set(['probes-lost', 'high-latency', 'high-loss']);

/**
 * The first whole number in a path reason's detail ("3 probes lost in a row", "42 % lost
 * (≥ 20 %)", "950 ms (≥ 800 ms)"): the figure the translated text needs when no live probe
 * figures are at hand (the timeline's past events).
 */
function figureIn(detail: string | undefined): number | undefined {
  const match = detail ? /\d+/.exec(detail) : null;
  return match ? Number(match[0]) : undefined;
}

function pathLead(code: LinkReasonCode, detail: string | undefined, path: PathHealth | undefined): Phrase {
  if (code === 'probes-lost') {
    const count = path && path.lostInARow > 0 ? path.lostInARow : figureIn(detail);
    return count !== undefined ? { key: 'linkWhy.probesLost', params: { count } } : { key: 'reason.probes-lost' };
  }
  if (code === 'high-loss') {
    const loss = path?.lossPct ? Math.round(path.lossPct.value) : figureIn(detail);
    return loss !== undefined ? { key: 'linkWhy.highLoss', params: { loss } } : { key: 'reason.high-loss' };
  }
  const latency = path?.latencyMs ? Math.round(path.latencyMs.value) : figureIn(detail);
  return latency !== undefined ? { key: 'linkWhy.highLatency', params: { latency } } : { key: 'reason.high-latency' };
}

function recoveryPhrase(reason: LinkReason): Phrase | undefined {
  const recovery = reason.recovery;
  if (!recovery) return undefined;
  return {
    key: recovery.unit === 's' ? 'linkWhy.recoveringSeconds' : 'linkWhy.recoveringProbes',
    params: { done: recovery.done, of: recovery.of },
  };
}

/** Why a link is in `state`, as the operator should read it (see StateWhy). */
export function stateWhy(state: LinkState, reason: LinkReason, path?: PathHealth): StateWhy {
  const recovery = recoveryPhrase(reason);
  const pathReason = PATH_CODES.has(reason.code);
  const lead = pathReason ? pathLead(reason.code, reason.detail, path) : { key: `reason.${reason.code}` };
  const why: StateWhy = { lead };
  // A path reason's detail repeats the figures the lead already says, in English only.
  if (reason.detail && reason.code !== 'ok' && !pathReason) why.detail = reason.detail;
  // Up although the device has a problem: the probes carry the verdict. Saying only the
  // device's problem beside "Up" would read as a contradiction ("Unknown → Up: connecting").
  if (state === 'up' && reason.code !== 'ok' && !pathReason) why.note = { key: 'linkWhy.probesAnswer' };
  if (recovery) why.recovery = recovery;
  return why;
}

/**
 * A link that its device calls down while the probes still answer: the probes then reach
 * their target by another route (another interface, the default route), not over this
 * link, and their healthy figures must say so rather than sit beside "Down" unexplained.
 */
export function probesTakeAnotherPath(state: LinkState, reason: LinkReason, path: PathHealth | undefined): boolean {
  // On its way back the device is fine again: the probes may well be going over this link.
  if (state !== 'down' || !path || PATH_CODES.has(reason.code) || reason.recovery) return false;
  return path.latencyMs !== undefined && !path.latencyMs.stale && path.lostInARow === 0;
}
