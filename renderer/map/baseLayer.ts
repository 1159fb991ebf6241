import type { TileCrs } from './geo';

/**
 * A base layer as the console (`maps.layers`) and the center (`/desk/v1/maps/layers`) list
 * it: the contract shared with the tiles side (protocol/api/maps.ts `BaseLayerView`, which
 * checks it at the door). Declared here too so the map UI builds on its own.
 */
export interface BaseLayer {
  id: string;
  name: string;
  format: 'png' | 'jpg' | 'webp';
  /** [west, south, east, north], degrees. */
  bounds: [number, number, number, number] | null;
  minzoom: number;
  maxzoom: number;
  crs: TileCrs;
  /** XYZ template relative to the page, e.g. `/tiles/<id>/{z}/{x}/{y}`. */
  tileUrl: string;
  attribution: string | null;
  sizeBytes: number;
}

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
