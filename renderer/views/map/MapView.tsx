import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentSummary } from '../../../protocol/api/incidents';
import type { PositionReport } from '../../../protocol/links/gnss';
import { useCore, useCoreEvent, useOnConnect } from '../../api/coreContext';
import type { CoreClient } from '../../api/CoreClient';
import { useInbox } from '../../hooks/useMessages';
import { useNow } from '../../hooks/useNow';
import { BaseMap, CenterOnce } from '../../map/BaseMap';
import { layerCenter, pickLayer } from '../../map/baseLayer';
import { CursorReadout } from '../../map/CursorReadout';
import { IncidentLayer } from '../../map/IncidentLayer';
import { fromDisplay, toDisplay, type LatLon, type TileCrs } from '../../map/geo';
import { MeasureLayer, MeasureResult } from '../../map/MeasureTool';
import { MapHint } from '../../map/MapHint';
import { PlacePicker } from '../../map/PlacePicker';
import '../../styles/map.css';
import { MapToolbar, type MapTool } from './MapToolbar';
import { OrderTargets } from './OrderTargets';
import { OtherVehicles, OtherVehiclesNote, useOtherVehicles } from './OtherVehicles';
import { OwnPosition } from './OwnPosition';
import { TrackLayer, type TrackRange } from './TrackLayer';
import { useBaseLayers } from './useBaseLayers';
import { ImportStatus, useLayerImport } from './ImportLayer';
import { mapsApi } from './mapsApi';

/** A place picked on the map, handed to the Reports view's new-incident form. */
export type PickedPlace = { latitude: number; longitude: number };

/**
 * The console's map (一张图), fully offline: the chosen MBTiles base layer, the vehicle with
 * its heading, accuracy and fix age, its track, incidents and orders' targets; tools to place
 * a new incident, measure, read coordinates, follow the vehicle, and dim the map at night.
 */
export function MapView(props: {
  chosenLayer: string | null | undefined;
  onIncident: (place: PickedPlace) => void;
  onOpenIncident: (id: string) => void;
}) {
  const { t } = useTranslation();
  const client = useCore();
  // Re-rendered every second so the fix's age ticks on screen.
  useNow(1000);
  const { layers, problem, reload } = useBaseLayers();
  const [chosen, setChosen] = useState(props.chosenLayer);
  const layer = pickLayer(layers, chosen);
  const crs: TileCrs = layer?.crs ?? 'wgs84';
  const [fix, setFix] = useState<PositionReport | null>(null);
  const [incidents, setIncidents] = useState<IncidentSummary[]>([]);
  const inbox = useInbox();
  const [tool, setTool] = useState<MapTool>('none');
  const [measured, setMeasured] = useState<LatLon[]>([]);
  const [night, setNight] = useState(false);
  const [follow, setFollow] = useState(false);
  const [track, setTrack] = useState<TrackRange>('1h');
  const others = useOtherVehicles();
  const [showOthers, setShowOthers] = useState(true);
  const imports = useLayerImport((id) => {
    setChosen(id);
    reload();
  });

  useOnConnect(
    useCallback((c: CoreClient) => {
      c.call('position.latest', {}).then(setFix, () => {});
      c.call('incidents.list', {}).then(setIncidents, () => {});
    }, []),
  );
  useCoreEvent(
    'position',
    useCallback((p: PositionReport) => setFix(p), []),
  );
  useCoreEvent(
    'incidents.changed',
    useCallback(() => void client.call('incidents.list', {}).then(setIncidents, () => {}), [client]),
  );

  const choose = (id: string) => {
    setChosen(id);
    void mapsApi.choose(client, id).catch(() => {});
  };
  const located = fix && fix.fixMode !== 'none' ? fix : null;
  const start = located ? ([located.latitude, located.longitude] as [number, number]) : layerCenter(layer);
  const unplaced = incidents.filter((i) => i.header.latitude === undefined).length;

  return (
    <section
      className="map-view"
      aria-labelledby="map-title"
      onDragOver={(e) => e.preventDefault()}
      onDrop={(e) => {
        e.preventDefault();
        const file = e.dataTransfer.files[0];
        if (file) imports.start(file);
      }}
    >
      <h1 id="map-title" className="visually-hidden">
        {t('map.title')}
      </h1>
      <MapToolbar
        layers={layers}
        layer={layer}
        onChoose={choose}
        onImport={imports.start}
        importing={imports.progress !== undefined}
        onRemoved={reload}
        {...{ tool, setTool, night, setNight, follow, setFollow, track, setTrack }}
      />
      <div className="map-notes">
        <ImportStatus progress={imports.progress} outcome={imports.outcome} onCancel={imports.cancel} />
        {problem ? <div className="map-note error">{problem}</div> : null}
        {!problem && layers.length === 0 ? (
          <div className="map-note" data-testid="map-no-layers">
            {t('map.noLayers')} <span className="muted">{t('map.dropHint')}</span>
          </div>
        ) : null}
        {!located ? <div className="map-note">{t('map.own.noFix')}</div> : null}
        <OtherVehiclesNote positions={others} now={client.coreNow()} shown={showOthers} onToggle={setShowOthers} />
        {unplaced > 0 ? <div className="map-note muted">{t('map.incident.noPlace', { count: unplaced })}</div> : null}
        {tool === 'measure' ? <MeasureResult points={measured} onClear={() => setMeasured([])} /> : null}
      </div>
      <BaseMap layer={layer} center={start} zoom={located ? 14 : 12} night={night} picking={tool !== 'none'}>
        <CenterOnce at={located ? (toDisplay([located.latitude, located.longitude], crs) as [number, number]) : undefined} zoom={14} />
        {track !== 'off' ? <TrackLayer key={`${track}-${crs}`} range={track} crs={crs} /> : null}
        <IncidentLayer incidents={incidents} crs={crs} onOpen={props.onOpenIncident} openLabel={t('map.incident.open')} />
        <OrderTargets items={inbox.items} crs={crs} />
        {showOthers ? <OtherVehicles positions={others} crs={crs} now={client.coreNow()} /> : null}
        {located ? <OwnPosition fix={located} crs={crs} now={client.coreNow()} follow={follow} /> : null}
        {tool === 'measure' ? (
          <MeasureLayer points={measured} crs={crs} onAdd={(p) => setMeasured((old) => [...old, fromDisplay(p, crs)])} />
        ) : null}
        {tool === 'place' ? <MapHint>{t('map.placeHint')}</MapHint> : null}
        {tool === 'place' ? (
          <PlacePicker
            onPick={(p) => {
              const [latitude, longitude] = fromDisplay(p, crs);
              setTool('none');
              props.onIncident({ latitude, longitude });
            }}
          />
        ) : null}
        <CursorReadout crs={crs} />
      </BaseMap>
    </section>
  );
}
