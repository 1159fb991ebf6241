import { useTranslation } from 'react-i18next';
import type { DeskVehicle } from '../../../protocol/sync/desk';
import { formatClock } from '../../views/messages/format';

/** What the vehicle last said waits in its outbox (how many, the urgent ones named), and when it said so. */
export function VehicleQueueText({ vehicle, now }: { vehicle: DeskVehicle; now: number }) {
  const { t, i18n } = useTranslation();
  const queue = vehicle.queued;
  if (!queue || vehicle.queuedAt === null) return <span className="cell-muted">{t('desk.fleet.queueUnknown')}</span>;
  const total = queue.flash + queue.immediate + queue.priority + queue.routine + queue.bulk;
  const when = formatClock(vehicle.queuedAt, now, i18n.language);
  if (total === 0) return <span className="cell-muted">{t('desk.fleet.queueEmpty', { time: when })}</span>;
  const urgent = queue.flash + queue.immediate;
  return (
    <span data-testid="vehicle-queue" title={t('desk.fleet.queueHint')}>
      {t('desk.fleet.queue', { count: total, time: when })}
      {urgent > 0 ? ` · ${t('desk.fleet.queueUrgent', { count: urgent })}` : ''}
    </span>
  );
}
