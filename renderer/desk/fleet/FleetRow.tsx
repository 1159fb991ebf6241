import { VehicleQueueText } from './VehicleQueueText';
import { useTranslation } from 'react-i18next';
import type { DeskVehicle } from '../../../protocol/sync/desk';
import { Tone } from '../common/Tone';
import type { Go } from '../shell/deskRoute';
import { ContactCell } from './ContactCell';
import { LinkChips } from './LinkChips';
import { PositionCell } from './PositionCell';
import { contactOf } from './vehicleHealth';

/** One vehicle at a glance; its name opens the vehicle page, the counts open the page they count. */
export function FleetRow({
  vehicle,
  now,
  staleAfterMs,
  live,
  go,
}: {
  vehicle: DeskVehicle;
  now: number;
  staleAfterMs: number;
  live: boolean;
  go: Go;
}) {
  const { t } = useTranslation();
  const contact = contactOf(vehicle, now, staleAfterMs);
  return (
    <tr className={`fleet-row contact-${contact.state}`} data-testid="fleet-row" data-vehicle-id={vehicle.id} data-contact={contact.state}>
      <th scope="row">
        <button type="button" className="link-button vehicle-name" onClick={() => go({ page: 'vehicle', vehicleId: vehicle.id })}>
          {vehicle.name}
        </button>
        <div className="cell-sub num">{vehicle.id}</div>
      </th>
      <td>
        <ContactCell contact={contact} now={now} />
      </td>
      <td>
        <PositionCell position={vehicle.position} now={now} />
      </td>
      <td>
        <LinkChips links={vehicle.links} compact />
      </td>
      <td>
        {live ? (
          <button type="button" className="link-button" onClick={() => go({ page: 'video', vehicleId: vehicle.id })}>
            <Tone tone="up">{t('desk.live')}</Tone>
          </button>
        ) : (
          <span className="cell-muted">{t('desk.notLive')}</span>
        )}
      </td>
      <td>
        <button
          type="button"
          className="link-button"
          onClick={() => go({ page: 'messages', vehicleId: vehicle.id })}
          data-testid="fleet-unread"
        >
          {vehicle.unread > 0 ? (
            <Tone tone="degraded">{t('desk.fleet.unread', { count: vehicle.unread })}</Tone>
          ) : (
            <span className="cell-muted">{t('desk.fleet.noUnread')}</span>
          )}
        </button>
      </td>
      <td>
        <button
          type="button"
          className="link-button"
          onClick={() => go({ page: 'vehicle', vehicleId: vehicle.id })}
          data-testid="fleet-orders"
        >
          {vehicle.overdueOrders > 0 ? (
            <Tone tone="down">{t('desk.fleet.overdue', { count: vehicle.overdueOrders, open: vehicle.openOrders })}</Tone>
          ) : vehicle.openOrders > 0 ? (
            <Tone tone="info">{t('desk.fleet.open', { count: vehicle.openOrders })}</Tone>
          ) : (
            <span className="cell-muted">{t('desk.fleet.noOrders')}</span>
          )}
        </button>
      </td>
      <td className="num">
        {vehicle.downPending > 0 ? (
          <span title={t('desk.fleet.downPendingHint')}>{t('desk.fleet.downPending', { count: vehicle.downPending })}</span>
        ) : (
          <span className="cell-muted">{t('desk.fleet.downNone')}</span>
        )}
        <div className="cell-sub">
          <VehicleQueueText vehicle={vehicle} now={now} />
        </div>
      </td>
    </tr>
  );
}
