import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCore } from '../../api/coreContext';
import { shownError } from '../../i18n/errorText';
import type { BaseLayer } from '../../map/baseLayer';
import type { TileCrs } from '../../map/geo';
import { LayerSelect } from '../../map/LayerSelect';
import { NightToggle } from '../../map/NightToggle';
import { ImportButton } from './ImportLayer';
import { mapsApi } from './mapsApi';
import type { TrackRange } from './TrackLayer';

export type MapTool = 'none' | 'measure' | 'place';

/** Base layer switcher (with its datum, import and removal) and the map's tools. */
export function MapToolbar(props: {
  layers: BaseLayer[];
  layer: BaseLayer | undefined;
  onChoose: (id: string) => void;
  onImport: (file: File) => void;
  importing: boolean;
  onRemoved: () => void;
  tool: MapTool;
  setTool: (tool: MapTool) => void;
  night: boolean;
  setNight: (on: boolean) => void;
  follow: boolean;
  setFollow: (on: boolean) => void;
  track: TrackRange;
  setTrack: (range: TrackRange) => void;
}) {
  const { t } = useTranslation();
  const client = useCore();
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const { layer } = props;
  const act = (work: Promise<unknown>) =>
    work.then(
      () => {
        setFailure(undefined);
        props.onRemoved();
      },
      (error: unknown) => {
        const shown = shownError(error);
        setFailure(`${t(shown.key)} — ${shown.detail}`);
      },
    );
  const toggle = (tool: MapTool) => props.setTool(props.tool === tool ? 'none' : tool);
  return (
    <div className="map-toolbar" role="toolbar" aria-label={t('map.title')}>
      <LayerSelect layers={props.layers} layer={layer} onChoose={props.onChoose} testId="map-layer" />
      {layer ? (
        <>
          <label title={t('map.crsTitle')}>
            <span>{t('map.crs')}</span>
            <select value={layer.crs} onChange={(e) => void act(mapsApi.setCrs(client, layer.id, e.target.value as TileCrs))}>
              <option value="wgs84">{t('map.crsWgs84')}</option>
              <option value="gcj02">{t('map.crsGcj02')}</option>
            </select>
          </label>
          <button
            type="button"
            onClick={() => {
              if (window.confirm(t('map.removeConfirm', { name: layer.name }))) void act(mapsApi.remove(client, layer.id));
            }}
          >
            {t('map.remove')}
          </button>
        </>
      ) : null}
      <ImportButton onFile={props.onImport} disabled={props.importing} />
      <span className="map-toolbar-gap" />
      <label>
        <span>{t('map.track')}</span>
        <select value={props.track} onChange={(e) => props.setTrack(e.target.value as TrackRange)} data-testid="map-track-range">
          {(['off', '1h', '6h', '24h'] as const).map((r) => (
            <option key={r} value={r}>
              {t(`map.trackRange.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="button" aria-pressed={props.follow} title={t('map.followTitle')} onClick={() => props.setFollow(!props.follow)}>
        {t('map.follow')}
      </button>
      <button
        type="button"
        aria-pressed={props.tool === 'place'}
        title={t('map.placeTitle')}
        onClick={() => toggle('place')}
        data-testid="map-place"
      >
        {t('map.placeIncident')}
      </button>
      <button
        type="button"
        aria-pressed={props.tool === 'measure'}
        title={t('map.measureTitle')}
        onClick={() => toggle('measure')}
        data-testid="map-measure"
      >
        {t('map.measure')}
      </button>
      <NightToggle night={props.night} setNight={props.setNight} testId="map-night" />
      {failure ? (
        <span className="map-note error" role="alert">
          {failure}
        </span>
      ) : null}
    </div>
  );
}
