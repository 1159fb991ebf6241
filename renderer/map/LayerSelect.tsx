import { useTranslation } from 'react-i18next';
import type { BaseLayer } from './baseLayer';

/** The base layer switcher: each layer with its zoom range. */
export function LayerSelect(props: {
  layers: readonly BaseLayer[];
  layer: BaseLayer | undefined;
  onChoose: (id: string) => void;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <label>
      <span>{t('map.layer')}</span>
      <select
        value={props.layer?.id ?? ''}
        disabled={props.layers.length === 0}
        onChange={(e) => props.onChoose(e.target.value)}
        data-testid={props.testId}
      >
        {props.layers.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({t('map.zooms', { min: l.minzoom, max: l.maxzoom })})
          </option>
        ))}
      </select>
    </label>
  );
}
