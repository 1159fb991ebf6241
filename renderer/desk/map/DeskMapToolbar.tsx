import { useTranslation } from 'react-i18next';
import type { BaseLayer } from '../../map/baseLayer';
import { LayerSelect } from '../../map/LayerSelect';
import { NightToggle } from '../../map/NightToggle';

/** The desk map's base layer switcher (the center's MBTiles), the order-place tool and night mode. */
export function DeskMapToolbar(props: {
  layers: readonly BaseLayer[];
  layer: BaseLayer | undefined;
  onChoose: (id: string) => void;
  picking: boolean;
  setPicking: (on: boolean) => void;
  night: boolean;
  setNight: (on: boolean) => void;
}) {
  const { t } = useTranslation();
  return (
    <div className="map-toolbar desk-map-toolbar" role="toolbar" aria-label={t('desk.nav.map')}>
      <LayerSelect layers={props.layers} layer={props.layer} onChoose={props.onChoose} testId="desk-map-layer" />
      <span className="map-toolbar-gap" />
      <button
        type="button"
        aria-pressed={props.picking}
        title={t('map.sendOrderTitle')}
        onClick={() => props.setPicking(!props.picking)}
        data-testid="desk-map-order"
      >
        {t('map.sendOrder')}
      </button>
      <NightToggle night={props.night} setNight={props.setNight} testId="desk-map-night" />
    </div>
  );
}
