import 'leaflet/dist/leaflet.css';
import type { ReactNode } from 'react';
import { MapContainer, ScaleControl, TileLayer } from 'react-leaflet';
import type { BaseLayer } from './baseLayer';

/**
 * The map both the console and the desk draw on: Leaflet with its canvas renderer (thousands
 * of markers and long tracks stay smooth), the chosen MBTiles base layer from the host's own
 * tile URL (nothing leaves the machine), a metric scale bar, and night mode dimming the tile
 * pane only (overlays keep their colours). `tileQuery` adds e.g. the desk's token to tile URLs.
 */
export function BaseMap(props: {
  layer: BaseLayer | undefined;
  center: [number, number];
  zoom: number;
  night: boolean;
  tileQuery?: string;
  className?: string;
  children?: ReactNode;
}) {
  const { layer } = props;
  return (
    <MapContainer
      center={props.center}
      zoom={props.zoom}
      preferCanvas
      className={`base-map${props.night ? ' night' : ''}${props.className ? ` ${props.className}` : ''}`}
      attributionControl={false}
      zoomControl
    >
      {layer ? (
        <TileLayer
          key={layer.id}
          url={`${layer.tileUrl}${props.tileQuery ?? ''}`}
          minZoom={0}
          maxZoom={Math.max(layer.maxzoom + 2, 18)}
          minNativeZoom={layer.minzoom}
          maxNativeZoom={layer.maxzoom}
          {...(layer.bounds
            ? {
                bounds: [
                  [layer.bounds[1], layer.bounds[0]],
                  [layer.bounds[3], layer.bounds[2]],
                ] as [[number, number], [number, number]],
              }
            : {})}
        />
      ) : null}
      <ScaleControl imperial={false} position="bottomleft" />
      {props.children}
    </MapContainer>
  );
}
