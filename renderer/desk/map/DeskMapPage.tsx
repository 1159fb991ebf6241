import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../frame/ErrorText';
import { useNow } from '../../hooks/useNow';
import { useSameWhileEqual } from '../../hooks/useSameWhileEqual';
import { BaseMap } from '../../map/BaseMap';
import { layerCenter, pickLayer } from '../../map/baseLayer';
import { CursorReadout } from '../../map/CursorReadout';
import { fromDisplay, toDisplay, type TileCrs } from '../../map/geo';
import { IncidentLayer } from '../../map/IncidentLayer';
import { OrderTargetPoints, type OrderTarget } from '../../map/OrderTargetPoints';
import { MapHint } from '../../map/MapHint';
import { PlacePicker } from '../../map/PlacePicker';
import '../../styles/map.css';
import { liveVehicles, useDesk } from '../live/deskContext';
import { useDeskQuery } from '../live/useDeskQuery';
import type { Go } from '../shell/deskRoute';
import { DeskMapToolbar } from './DeskMapToolbar';
import { FitFleetOnce } from './FitFleetOnce';
import { fleetMarkers } from './fleetMapModel';
import { VehicleMarkers } from './VehicleMarkers';

const LAYER_KEY = 'mcv-desk-map-layer';

/**
 * The fleet map (一张图) of the command room: every vehicle at its last position with its age,
 * link-health colour and live badge, the incidents by level and the open orders' targets, on
 * the center's own MBTiles. A vehicle opens its page; "Send an order to this place" takes the
 * next click on the map to a new order.
 */
export function DeskMapPage({ go }: { go: Go }) {
  const { t } = useTranslation();
  const { api, vehicles, rooms, me, problem } = useDesk();
  const now = useNow(5000);
  const layers = useDeskQuery('map-layers', () => api.mapLayers());
  const incidents = useDeskQuery('map-incidents', () => api.incidents());
  const orders = useDeskQuery('map-orders', () => api.orders({ state: 'open' }));
  // Fetched again on every beat of the pulse: the layers are rebuilt only when something changed.
  const incidentList = useSameWhileEqual(incidents.data ?? []);
  const [chosen, setChosen] = useState(() => localStorage.getItem(LAYER_KEY));
  const [picking, setPicking] = useState(false);
  const [night, setNight] = useState(false);

  const layer = pickLayer(layers.data ?? [], chosen);
  const crs: TileCrs = layer?.crs ?? 'wgs84';
  const { markers, unplaced } = fleetMarkers(vehicles, now, me.center.staleAfterMs, liveVehicles(rooms));
  const targets = (orders.data ?? []).flatMap((o): OrderTarget[] =>
    o.target && o.cancelledAt === null ? [{ id: o.id, place: o.target, text: o.text, from: o.from }] : [],
  );
  const unplacedIncidents = incidentList.filter((i) => i.header?.latitude === undefined).length;
  const start = markers[0]?.at ?? layerCenter(layer);
  const choose = (id: string) => {
    localStorage.setItem(LAYER_KEY, id);
    setChosen(id);
  };
  const failed = layers.problem ?? incidents.problem ?? orders.problem ?? problem;

  return (
    <section className="desk-page desk-map" data-testid="desk-map">
      <div className="view-head">
        <h1>{t('desk.nav.map')}</h1>
        <span className="view-summary">
          <span>{t('map.desk.onMap', { count: markers.length })}</span>
          <span>{t('map.desk.incidents', { count: incidentList.length - unplacedIncidents })}</span>
          <span>{t('map.desk.targets', { count: targets.length })}</span>
        </span>
      </div>
      <DeskMapToolbar
        layers={layers.data ?? []}
        layer={layer}
        onChoose={choose}
        picking={picking}
        setPicking={setPicking}
        night={night}
        setNight={setNight}
      />
      <div className="map-notes">
        {failed ? <ErrorText error={failed} template="desk.fleet.lastKnown" /> : null}
        {layers.data && layers.data.length === 0 ? (
          <div className="map-note" data-testid="desk-map-no-layers">
            {t('map.desk.noLayers')}
          </div>
        ) : null}
        {unplaced > 0 ? <div className="map-note muted">{t('map.vehicle.noPosition', { count: unplaced })}</div> : null}
        {unplacedIncidents > 0 ? <div className="map-note muted">{t('map.incident.noPlace', { count: unplacedIncidents })}</div> : null}
      </div>
      <BaseMap layer={layer} center={start} zoom={12} night={night} tileQuery={api.tileQuery()} picking={picking}>
        <IncidentLayer
          incidents={incidentList}
          crs={crs}
          onOpen={(id) => go({ page: 'incident', incidentId: id })}
          openLabel={t('map.desk.openIncident')}
        />
        <OrderTargetPoints targets={targets} crs={crs} />
        <VehicleMarkers markers={markers} crs={crs} onOpen={(id) => go({ page: 'vehicle', vehicleId: id })} />
        <FitFleetOnce points={markers.map((m) => toDisplay(m.at, crs))} />
        {picking ? <MapHint>{t('map.sendOrderHint')}</MapHint> : null}
        {picking ? (
          <PlacePicker
            onPick={(p) => {
              const [latitude, longitude] = fromDisplay(p, crs);
              setPicking(false);
              go({ page: 'orders', place: { latitude, longitude } });
            }}
          />
        ) : null}
        <CursorReadout crs={crs} />
      </BaseMap>
    </section>
  );
}
