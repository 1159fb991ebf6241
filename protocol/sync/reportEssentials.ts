import { encodeItem } from './codec';
import type { SyncItem } from './items';

/** One Iridium SBD mobile-originated message. */
export const SBD_MO_BYTES = 340;

type ReportItem = Extract<SyncItem, { kind: 'report' }>;

/**
 * A report cut to what a narrow link must carry at once — incident header, casualties,
 * the help asked for, who reports, and as much of the text as fits — so that it encodes in
 * `limit` bytes. The full report still follows over IP under its own id; null when even
 * the header alone does not fit.
 */
export function reportEssentials(item: ReportItem, limit = SBD_MO_BYTES): ReportItem | null {
  const { incidentId, stage, number, incident, casualties, help, reporterName, reporterPhone } = item.body;
  const optional = { incident, casualties, help, reporterName, reporterPhone };
  const body = { incidentId, stage, number, ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)) };
  const text = [...item.body.text];
  const fits = (length: number) => {
    const candidate: ReportItem = {
      ...item,
      body: { ...body, text: length < text.length ? `${text.slice(0, length).join('')}…` : text.join('') },
    };
    return encodeItem(candidate).length <= limit ? candidate : null;
  };
  // Longest text that fits, by bisection over characters (one encode per step).
  let lo = 1;
  let hi = text.length;
  let best = fits(lo);
  if (!best) return null;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    const candidate = fits(mid);
    if (candidate) {
      best = candidate;
      lo = mid;
    } else hi = mid - 1;
  }
  return best;
}
