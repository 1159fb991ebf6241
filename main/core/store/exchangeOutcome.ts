import type { Database } from 'better-sqlite3';
import type { InboxItemView } from '../../../protocol/api/messaging';
import type { ExchangeResponse } from '../../../protocol/sync/exchange';
import { storeDownlink, type DownlinkEntry, type ReportAck } from './inboxRepo';
import { deferOutbox, markDelivered, parkOutbox } from './outboxRepo';
import { touchContact } from './syncStateRepo';

export interface ExchangeOutcome {
  /** Local seqs whose state changed (delivered, parked or deferred). */
  changedSeqs: number[];
  delivered: number;
  added: InboxItemView[];
  /** Incidents a downlink item changed (a 签收, a follow-up request). */
  incidentIds: string[];
  /** The center's 签收 of reports that came down now (the duty log notes them). */
  reportAcks: ReportAck[];
  downAck: number;
  /** The center holds other records under some of the numbers sent: renumber and send again. */
  seqTaken: boolean;
}

/**
 * Applies the center's answer in one transaction: what it holds is delivered, what it
 * refused for good is parked, what it deferred waits, the downlink lands in the inbox,
 * and the contact time is kept. Wire seqs are local seqs plus the vehicle's offset.
 */
export function applyExchangeOutcome(
  db: Database,
  input: {
    vehicleId: string;
    seqOffset: number;
    sentSeqs: readonly number[];
    response: ExchangeResponse;
    down: readonly DownlinkEntry[];
    now: number;
    deferMs: number;
  },
): ExchangeOutcome {
  const { response, seqOffset, now } = input;
  return db
    .transaction(() => {
      const sent = new Set(input.sentSeqs);
      const changed = new Set<number>();
      // Refusals first: a refused seq at or below the ack (it collided with an item the
      // center holds under that seq) is parked, never taken for delivered.
      const refused = new Set<number>();
      let seqTaken = false;
      for (const r of response.rejected) {
        const seq = r.seq - seqOffset;
        if (!sent.has(seq)) continue;
        if (r.code === 'seq-taken') seqTaken = true;
        else parkOutbox(db, seq, r.code, r.message);
        refused.add(seq);
      }
      for (const d of response.deferred) {
        const seq = d.seq - seqOffset;
        if (!sent.has(seq)) continue;
        deferOutbox(db, seq, now + input.deferMs, { code: d.code, message: d.message });
        // The center does not hold the file (any more): upload it again from its offset.
        if (d.code === 'upload-incomplete')
          db.prepare('UPDATE attachments SET complete = 0 WHERE id = (SELECT attachment_id FROM outbox WHERE seq = ?)').run(seq);
        refused.add(seq);
      }
      const held = new Set<number>();
      for (const seq of input.sentSeqs) if (!refused.has(seq) && seq + seqOffset <= response.ack) held.add(seq);
      for (const wire of response.accepted) if (sent.has(wire - seqOffset) && !refused.has(wire - seqOffset)) held.add(wire - seqOffset);
      // Only what this request carried: an item whose answer was lost goes again and is
      // acknowledged then (the center takes a replay as held). Trusting the ack for items
      // not in the request would mark as delivered an item that never left, if its seq
      // collided with one the center holds (a console restored from a copy of its disk).
      const delivered = markDelivered(db, [...held], now);
      for (const seq of [...held, ...refused]) changed.add(seq);
      const { added, downAck, readSeqs, incidentIds, reportAcks } = storeDownlink(db, input.vehicleId, input.down, now);
      // Messages the center's staff have now read change on screen too.
      for (const seq of readSeqs) changed.add(seq);
      touchContact(db, input.vehicleId, now, response.ack);
      return { changedSeqs: [...changed], delivered, added, incidentIds, reportAcks, downAck, seqTaken };
    })
    .immediate();
}
