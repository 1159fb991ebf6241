import Supercluster from 'supercluster';

/** What clustering needs of a point: where, its colour, and how it ranks against its neighbours. */
export type RankedPoint = {
  id: string;
  /** Display coordinates [lat, lon]. */
  at: [number, number];
  colour: string;
  /** A cluster takes the colour of its highest-ranked point (e.g. the most severe level). */
  rank: number;
};

/** What a cluster carries up from its points: the index and colour of its highest-ranked one. */
type TopPoint = { rank: number; colour: string };

/** A mark as drawn: a lone point, or a cluster of `count` points; `x`/`y` in the caller's pixels. */
export type ClusterMark<P extends RankedPoint = RankedPoint> =
  | { kind: 'point'; x: number; y: number; r: number; colour: string; point: P }
  | { kind: 'cluster'; x: number; y: number; r: number; colour: string; count: number; clusterId: number; at: [number, number] };

/** The radius of a lone point, and of clusters by how many they hold (30–48 px across). */
export const POINT_RADIUS = 7;
export function clusterRadius(count: number): number {
  return count < 10 ? 15 : count < 100 ? 18 : count < 1000 ? 21 : 24;
}

/**
 * Points grouped with supercluster (a k-d tree per zoom level, built once when the points
 * change): a view asks only for the few hundred marks in its box, so a pan or zoom over
 * thousands of incidents costs a lookup, not a rebuild.
 */
export class ClusterIndex<P extends RankedPoint> {
  readonly #index: Supercluster<{ i: number }, TopPoint>;
  readonly #points: readonly P[];

  constructor(points: readonly P[], options: { radiusPx?: number; maxZoom?: number } = {}) {
    this.#points = points;
    this.#index = new Supercluster<{ i: number }, TopPoint>({
      // Leaflet's tiles are 256 px: with extent 256 the radius is in the map's own pixels.
      extent: 256,
      radius: options.radiusPx ?? 80,
      maxZoom: options.maxZoom ?? 17,
      map: (props) => {
        const point = points[props.i]!;
        return { rank: point.rank, colour: point.colour };
      },
      reduce: (top, other) => {
        if (other.rank > top.rank) {
          top.rank = other.rank;
          top.colour = other.colour;
        }
      },
    });
    this.#index.load(
      points.map((point, i) => ({
        type: 'Feature' as const,
        properties: { i },
        geometry: { type: 'Point' as const, coordinates: [point.at[1], point.at[0]] },
      })),
    );
  }

  get size(): number {
    return this.#points.length;
  }

  /**
   * The marks inside `box` ([west, south, east, north] in degrees) at `zoom`, placed by
   * `toPixel` (lat, lon → pixel). Clusters come first so lone points are drawn on top.
   */
  marks(
    box: [number, number, number, number],
    zoom: number,
    toPixel: (lat: number, lon: number) => { x: number; y: number },
  ): ClusterMark<P>[] {
    const clusters: ClusterMark<P>[] = [];
    const points: ClusterMark<P>[] = [];
    for (const feature of this.#index.getClusters(box, Math.floor(zoom))) {
      const [lon, lat] = feature.geometry.coordinates as [number, number];
      const { x, y } = toPixel(lat, lon);
      const props = feature.properties;
      if ('cluster' in props && props.cluster) {
        const count = props.point_count;
        clusters.push({
          kind: 'cluster',
          x,
          y,
          r: clusterRadius(count),
          colour: props.colour,
          count,
          clusterId: props.cluster_id,
          at: [lat, lon],
        });
      } else {
        const point = this.#points[(props as { i: number }).i]!;
        points.push({ kind: 'point', x, y, r: POINT_RADIUS, colour: point.colour, point });
      }
    }
    return [...clusters, ...points];
  }

  /** The zoom at which a cluster falls apart into smaller ones (where a click on it zooms to). */
  expansionZoom(clusterId: number): number {
    return this.#index.getClusterExpansionZoom(clusterId);
  }

  /** Up to `limit` of a cluster's points, for a list where zooming cannot separate them (same place). */
  leaves(clusterId: number, limit: number): P[] {
    return this.#index.getLeaves(clusterId, limit).map((leaf) => this.#points[leaf.properties.i]!);
  }
}

/** The mark under a pixel (with a few pixels' grace for a finger or a shaky vehicle), topmost first. */
export function markAt<M extends ClusterMark<RankedPoint>>(marks: readonly M[], x: number, y: number, grace = 3): M | undefined {
  for (let k = marks.length - 1; k >= 0; k--) {
    const mark = marks[k]!;
    const reach = mark.r + grace;
    if ((mark.x - x) ** 2 + (mark.y - y) ** 2 <= reach * reach) return mark;
  }
  return undefined;
}

/** How many points the marks stand for (a cluster counts its points). */
export function pointsShown(marks: readonly ClusterMark[]): number {
  return marks.reduce((sum, mark) => sum + (mark.kind === 'cluster' ? mark.count : 1), 0);
}
