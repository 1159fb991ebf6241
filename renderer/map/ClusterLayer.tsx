import L from 'leaflet';
import './leafletGlobal';
import 'leaflet.markercluster';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import { useEffect, useMemo } from 'react';
import { useMap } from 'react-leaflet';

/** One point of a clustered layer: where, its colour, and how it ranks against its neighbours. */
export type ClusterPoint = {
  id: string;
  /** Display coordinates [lat, lon]. */
  at: [number, number];
  colour: string;
  /** The cluster shows the tone of its highest-ranked point (e.g. the most severe level). */
  rank: number;
  tone: string;
  /** Built when the popup first opens, not for every point up front. */
  popup: () => HTMLElement;
};

/**
 * Thousands of points as clusters (leaflet.markercluster): a few dozen counted bubbles in
 * view instead of every marker redrawn on each pan, so panning and zooming stay smooth.
 * A bubble takes the tone of its most important point, so a level-I incident is not hidden
 * in a grey crowd; points standing alone are canvas circles with their own colour.
 */
export function ClusterLayer({ points, className }: { points: readonly ClusterPoint[]; className: string }) {
  const map = useMap();
  const group = useMemo(
    () =>
      L.markerClusterGroup({
        chunkedLoading: true,
        showCoverageOnHover: false,
        // Wide clusters and no split/merge animation: fewer bubbles to lay out after each zoom.
        maxClusterRadius: 80,
        animate: false,
        spiderfyOnMaxZoom: true,
        iconCreateFunction: (cluster) => clusterIcon(cluster, className),
      }),
    [className],
  );
  useEffect(() => {
    map.addLayer(group);
    return () => {
      map.removeLayer(group);
    };
  }, [map, group]);
  useEffect(() => {
    group.clearLayers();
    group.addLayers(
      points.map((point) => {
        const marker = L.circleMarker(point.at, {
          radius: 7,
          color: '#fff',
          weight: 1.5,
          fillColor: point.colour,
          fillOpacity: 0.95,
          className: `${className}-point`,
        });
        marker.bindPopup(() => point.popup());
        RANKS.set(marker, point);
        return marker;
      }),
    );
  }, [group, points, className]);
  return null;
}

const RANKS = new WeakMap<L.Layer, ClusterPoint>();

function clusterIcon(cluster: L.MarkerCluster, className: string): L.DivIcon {
  let top: ClusterPoint | undefined;
  for (const child of cluster.getAllChildMarkers()) {
    const point = RANKS.get(child);
    if (point && (!top || point.rank > top.rank)) top = point;
  }
  const count = cluster.getChildCount();
  const size = count < 10 ? 30 : count < 100 ? 36 : count < 1000 ? 42 : 48;
  const label = document.createElement('span');
  label.textContent = String(count);
  return L.divIcon({
    html: label,
    className: `map-cluster ${className}-cluster tone-${top?.tone ?? 'none'}`,
    iconSize: [size, size],
  });
}
