import 'leaflet/dist/leaflet.css';
import { useEffect, type ReactNode } from 'react';
import { MapContainer, ScaleControl, TileLayer, useMap } from 'react-leaflet';
import type { BaseLayer } from './baseLayer';

const MAX_ZOOM = 20;

/**
 * The map both the console and the desk draw on: Leaflet, the chosen MBTiles base layer from the host's own
 * tile URL (nothing leaves the machine), a metric scale bar, and night mode dimming the tile
 * pane only (overlays keep their colours). `tileQuery` adds e.g. the desk's token to tile URLs.
 * The heavy layers (clustered incidents, the track) draw on canvases of their own; the few
 * other vectors (accuracy circle, measured lines, order targets) are SVG: a shared canvas
 * renderer as large as the view was redrawn, and its pixels handed to the compositor, on
 * every move end and every fix (15–25 ms a frame in Chromium's software raster).
 */
export function BaseMap(props: {
  layer: BaseLayer | undefined;
  center: [number, number];
  zoom: number;
  night: boolean;
  tileQuery?: string;
  /** A tool waits for a click on the map: the cursor is a crosshair. */
  picking?: boolean;
  children?: ReactNode;
}) {
  const { layer } = props;
  return (
    // A fixed zoom range (clustering needs the map's own; tiles above a layer's deepest level are enlarged).
    <MapContainer
      center={props.center}
      zoom={props.zoom}
      minZoom={0}
      maxZoom={MAX_ZOOM}
      className="base-map"
      attributionControl={false}
      zoomControl
    >
      {layer ? (
        <TileLayer
          key={layer.id}
          url={`${layer.tileUrl}${props.tileQuery ?? ''}`}
          minZoom={0}
          maxZoom={MAX_ZOOM}
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
      <ContainerClass name="night" on={props.night} />
      <ContainerClass name="picking" on={props.picking ?? false} />
      {props.children}
    </MapContainer>
  );
}

/** MapContainer applies its className once; classes that change later go on the container here. */
function ContainerClass({ name, on }: { name: string; on: boolean }) {
  const map = useMap();
  useEffect(() => {
    map.getContainer().classList.toggle(name, on);
  }, [map, name, on]);
  return null;
}

/** Moves the map to `at` the first time there is one (a map opened before the first GNSS fix). */
export function CenterOnce({ at, zoom }: { at: [number, number] | undefined; zoom: number }) {
  const map = useMap();
  const known = at !== undefined;
  useEffect(() => {
    if (at) map.setView(at, Math.max(map.getZoom(), zoom), { animate: false });
    // Once: when the first position becomes known, not on every later one.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [known, map]);
  return null;
}
