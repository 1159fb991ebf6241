import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNow } from '../../hooks/useNow';
import { DeskWatch } from '../DeskWatch';
import { liveVehicles, useDesk } from '../live/deskContext';
import { mediaStateText } from '../../i18n/mediaStateText';
import { Conversation } from '../messages/Conversation';
import { OrderList } from '../orders/OrderList';
import type { Go } from '../shell/deskRoute';
import { IridiumPanel } from './IridiumPanel';
import { VehicleFacts } from './VehicleFacts';

/** One vehicle: its facts, the conversation, its orders, and watch/talk on demand. */
export function VehiclePage({ vehicleId, go }: { vehicleId: string; go: Go }) {
  const { t } = useTranslation();
  const { vehicles, rooms, me, api } = useDesk();
  const now = useNow(5000);
  const [watching, setWatching] = useState(false);
  const vehicle = vehicles.find((v) => v.id === vehicleId);
  if (!vehicle)
    return <p className="view-message">{vehicles.length === 0 ? t('desk.loading') : t('desk.vehicle.unknown', { id: vehicleId })}</p>;
  const live = liveVehicles(rooms).has(vehicle.id);
  return (
    <section className="desk-page vehicle-page" data-testid="vehicle-page" data-vehicle-id={vehicle.id}>
      <div className="view-head">
        <button type="button" className="link-button" onClick={() => go({ page: 'fleet' })}>
          ← {t('desk.nav.fleet')}
        </button>
        <h1>{vehicle.name}</h1>
        <span className="cell-muted num">{vehicle.id}</span>
        <span className="head-actions">
          <button
            type="button"
            className="primary"
            onClick={() => go({ page: 'orders', composeTo: vehicle.id })}
            data-testid="vehicle-new-order"
          >
            {t('desk.vehicle.newOrder')}
          </button>
          <button
            type="button"
            onClick={() => setWatching(!watching)}
            data-testid="vehicle-watch"
            disabled={!me.center.media.on}
            title={me.center.media.on ? undefined : mediaStateText(t, me.center.media)}
          >
            {watching ? t('desk.vehicle.stopWatching') : t('desk.vehicle.watch')}
          </button>
        </span>
      </div>
      <VehicleFacts vehicle={vehicle} now={now} staleAfterMs={me.center.staleAfterMs} live={live} />
      {watching ? <DeskWatch api={api} vehicleId={vehicle.id} vehicleName={vehicle.name} staffName={me.staff.name} /> : null}
      <div className="vehicle-columns">
        <div className="desk-panel">
          <div className="panel-head">
            <h2>{t('desk.messages.title')}</h2>
          </div>
          <Conversation vehicleId={vehicle.id} vehicleName={vehicle.name} />
        </div>
        <div className="desk-panel">
          <div className="panel-head">
            <h2>{t('desk.orders.title')}</h2>
          </div>
          <OrderList state="all" vehicleId={vehicle.id} />
        </div>
      </div>
      <IridiumPanel vehicleId={vehicle.id} now={now} />
    </section>
  );
}
