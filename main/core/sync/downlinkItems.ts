import { decodeItem, peekSeq } from '../../../protocol/sync/codec';
import type { ExchangeResponse } from '../../../protocol/sync/exchange';
import { DOWNLINK_KINDS } from '../../../protocol/sync/items';
import type { DownlinkEntry } from '../store/inboxRepo';
import type { Logger } from '../../../platform/log/logger';

/**
 * The downlink items of an exchange answer, checked at the door. An item that cannot be
 * read (or is not a downlink kind) is logged and passed on without its content, so the
 * ack moves over it: not acknowledging it would block every later order for good. One
 * whose seq cannot even be read ends the list there (the ack stops before it).
 */
export function decodeDownlink(response: ExchangeResponse, vehicleId: string, log: Logger): DownlinkEntry[] {
  const entries: DownlinkEntry[] = [];
  for (const bytes of response.down) {
    try {
      const item = decodeItem(bytes, vehicleId);
      if (DOWNLINK_KINDS.has(item.kind)) entries.push({ seq: item.seq, item });
      else {
        log.warn(`the center sent a ${item.kind} item down (seq ${item.seq}); ignored`);
        entries.push({ seq: item.seq, item: undefined });
      }
    } catch (error) {
      const seq = peekSeq(bytes);
      log.error(
        `downlink item ${seq || '(seq unreadable)'} could not be read and is skipped: ${error instanceof Error ? error.message : String(error)}`,
      );
      if (seq === 0) break;
      entries.push({ seq, item: undefined });
    }
  }
  return entries;
}
