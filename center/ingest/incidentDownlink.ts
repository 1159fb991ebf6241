import type { QueuedDownlinkRecord, CenterStore } from '../store/CenterStore';
import { uuidv7 } from '../../protocol/sync/uuid';
import { downlinkItem, wholeSeconds, type DeskActor } from './downlink';

/**
 * What the desk sends down about incidents: the 签收 of a report (the crew sees 已签收) and
 * a request for a follow-up (an alert in the vehicle). Each is recorded with its downlink
 * item in one unit of work.
 */

/**
 * 签收: marks the report acknowledged by this staff member and queues a `report-ack` to its
 * vehicle (`priority`: the crew wants to know it arrived, but it carries no task).
 * Undefined when it was acknowledged before (the first 签收 stands; nothing is queued again).
 */
export function ackReport(
  store: CenterStore,
  reportId: string,
  staff: DeskActor,
  now = Date.now(),
): Promise<QueuedDownlinkRecord | undefined> {
  return store.incidents.ack(reportId, staff.name, now, (_vehicle, seq) =>
    downlinkItem({
      kind: 'report-ack',
      seq,
      id: uuidv7(now),
      priority: 'priority',
      createdAt: wholeSeconds(now),
      body: { reportId, by: staff.name },
    }),
  );
}

/** Asks each vehicle for a follow-up on the incident (`immediate`: it is a task with a deadline the crew is already under). */
export function requestFollowup(
  store: CenterStore,
  vehicleIds: readonly string[],
  incidentId: string,
  staff: DeskActor,
  text: string,
  now = Date.now(),
): Promise<QueuedDownlinkRecord[]> {
  return store.queueDownlink(vehicleIds, (_vehicle, seq) =>
    downlinkItem({
      kind: 'followup-request',
      seq,
      id: uuidv7(now),
      priority: 'immediate',
      createdAt: wholeSeconds(now),
      body: { incidentId, from: staff.name, text },
    }),
  );
}
