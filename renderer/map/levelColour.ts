import type { IncidentLevel } from '../../protocol/sync/incidents';

/** The colours of the national levels (I red, II orange, III yellow, IV blue), grey until assessed. */
export const LEVEL_COLOUR: Record<IncidentLevel, string> = {
  I: '#dc2626',
  II: '#ea580c',
  III: '#ca8a04',
  IV: '#2563eb',
  unassessed: '#6b7280',
};

/** How a level ranks when several share a cluster: the most severe one gives it its colour. */
export const LEVEL_RANK: Record<IncidentLevel, number> = { I: 4, II: 3, III: 2, IV: 1, unassessed: 0 };
