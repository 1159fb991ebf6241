import { VehicleQueueText } from '../fleet/VehicleQueueText';
import { useTranslation } from 'react-i18next';
import type { DeskVehicle } from '../../../protocol/sync/desk';
import { When } from '../common/When';
import { ContactCell } from '../fleet/ContactCell';
import { LinkChips } from '../fleet/LinkChips';
import { PositionCell } from '../fleet/PositionCell';
import { contactOf } from '../fleet/vehicleHealth';

/** The vehicle's facts in detail: contact, position, links with their report time, what is queued, counts. */
export function VehicleFacts({
  vehicle,
  now,
  staleAfterMs,
  live,
}: {
  vehicle: DeskVehicle;
  now: number;
  staleAfterMs: number;
  live: boolean;
}) {
  const { t } = useTranslation();
  return (
    <dl className="vehicle-facts" data-testid="vehicle-facts">
      <div>
        <dt>{t('desk.fleet.col.contact')}</dt>
        <dd>
          <ContactCell contact={contactOf(vehicle, now, staleAfterMs)} now={now} />
        </dd>
      </div>
      <div>
        <dt>{t('desk.fleet.col.position')}</dt>
        <dd>
          <PositionCell position={vehicle.position} now={now} />
        </dd>
      </div>
      <div className="wide">
        <dt>
          {t('desk.fleet.col.links')}
          {vehicle.linksAt !== null ? (
            <span className="dt-sub">
              {' '}
              · {t('desk.vehicle.linksReported')} <When at={vehicle.linksAt} now={now} />
            </span>
          ) : null}
        </dt>
        <dd>
          <LinkChips links={vehicle.links} />
        </dd>
      </div>
      <div>
        <dt>{t('desk.fleet.col.video')}</dt>
        <dd>{live ? t('desk.live') : t('desk.notLive')}</dd>
      </div>
      <div>
        <dt>{t('desk.vehicle.sync')}</dt>
        <dd>
          {t('desk.vehicle.received', { count: vehicle.itemCount })}
          <div className="cell-sub">
            {vehicle.downPending > 0 ? t('desk.fleet.downPending', { count: vehicle.downPending }) : t('desk.fleet.downNone')}
          </div>
          <div className="cell-sub">
            <VehicleQueueText vehicle={vehicle} now={now} />
          </div>
        </dd>
      </div>
      <div>
        <dt>{t('desk.fleet.col.orders')}</dt>
        <dd>
          {t('desk.fleet.open', { count: vehicle.openOrders })}
          {vehicle.overdueOrders > 0 ? (
            <span className="overdue-tag">{t('desk.orders.overdueCount', { count: vehicle.overdueOrders })}</span>
          ) : null}
        </dd>
      </div>
    </dl>
  );
}
