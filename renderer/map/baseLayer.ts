import type { BaseLayerView } from '../../protocol/api/maps';

/** A base layer as the console (`maps.layers`) and the center (`/desk/v1/maps/layers`) list it. */
export type BaseLayer = BaseLayerView;

/** The layer to show: the one chosen before while it is still there, else the first. */
export function pickLayer(layers: readonly BaseLayer[], chosen: string | null | undefined): BaseLayer | undefined {
  return layers.find((l) => l.id === chosen) ?? layers[0];
}

/** Where a map with no position to show first looks: the middle of the layer, else Wuhan's test area. */
export function layerCenter(layer: BaseLayer | undefined): [number, number] {
  if (!layer?.bounds) return [30.6, 114.3];
  const [w, s, e, n] = layer.bounds;
  return [(s + n) / 2, (w + e) / 2];
}
