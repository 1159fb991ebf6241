import type { DeskVia } from '../../../protocol/sync/deskVia';
import { clockText } from '../deskTime';

/** A text to translate: its key under `desk` and its values. */
export interface DeskText {
  key: string;
  values: Record<string, string | number>;
}

/**
 * What the "by Iridium" badge says in its tooltip, line by line; null when the item needs no
 * badge (it came over IP, or the center did not record its path).
 */
export function viaTooltipLines(via: DeskVia | undefined, now: number): DeskText[] | null {
  if (via?.path !== 'sbd') return null;
  const lines: DeskText[] = [
    {
      key: 'desk.via.sbd',
      values: { momsn: via.momsn ?? '?', time: via.sessionAt === null ? '?' : clockText(via.sessionAt, now) },
    },
  ];
  if (via.otherPathAt !== null) lines.push({ key: 'desk.via.otherIp', values: { time: clockText(via.otherPathAt, now) } });
  return lines;
}
