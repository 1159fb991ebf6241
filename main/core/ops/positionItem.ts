import type { PositionReport } from '../../../protocol/links/gnss';
import type { PositionBody } from '../../../protocol/sync/items';
import { uuidv7 } from '../../../protocol/sync/uuid';
import type { NewOutboxItem } from '../store/outboxRepo';
import { estimateWireBytes } from '../sync/outboxItem';

/** A track point as a position report for the center (routine priority), or undefined without a fix. */
export function positionOutboxItem(point: PositionReport): NewOutboxItem | undefined {
  if (point.fixMode === 'none') return undefined;
  const body: PositionBody = { latitude: point.latitude, longitude: point.longitude, fix: point.fixMode };
  if (point.altitudeM !== undefined) body.altitudeM = Math.max(-1000, Math.min(20_000, Math.round(point.altitudeM)));
  if (point.speedMps !== undefined) body.speedMps = Math.min(500, Math.round(point.speedMps * 10) / 10);
  if (point.headingDeg !== undefined) body.headingDeg = Math.round(point.headingDeg) % 360;
  const id = uuidv7(point.at);
  return {
    id,
    kind: 'position',
    priority: 'routine',
    createdAt: point.at,
    body,
    bytes: estimateWireBytes({ kind: 'position', id, priority: 'routine', createdAt: point.at, body }),
  };
}
