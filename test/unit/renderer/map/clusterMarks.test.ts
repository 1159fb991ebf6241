import { describe, expect, it } from 'vitest';
import { ClusterIndex, clusterRadius, markAt, pointsShown, type RankedPoint } from '../../../../renderer/map/clusterMarks';

/** Web-Mercator pixels of a 256-px world at `zoom`: what Leaflet's layer points are, up to an offset. */
function mercator(zoom: number) {
  const world = 256 * 2 ** zoom;
  return (lat: number, lon: number) => {
    const sin = Math.sin((lat * Math.PI) / 180);
    return { x: ((lon + 180) / 360) * world, y: (0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI)) * world };
  };
}

function point(id: string, lat: number, lon: number, rank: number, colour = `c${rank}`): RankedPoint {
  return { id, at: [lat, lon], colour, rank };
}

const WORLD: [number, number, number, number] = [-180, -85, 180, 85];

describe('ClusterIndex', () => {
  // Two groups 0.5° apart at Wuhan, and one incident far away at Chengdu.
  const points = [
    point('a1', 30.6, 114.3, 1),
    point('a2', 30.6001, 114.3001, 4, 'red'),
    point('a3', 30.6002, 114.3, 0),
    point('b1', 30.6, 114.8, 2),
    point('b2', 30.6001, 114.8001, 2),
    point('c', 30.67, 104.07, 3),
  ];
  const index = new ClusterIndex(points, { maxZoom: 20 });

  it('groups near points into one cluster coloured by its highest-ranked point, and counts every point once', () => {
    const marks = index.marks(WORLD, 10, mercator(10));
    const clusters = marks.filter((mark) => mark.kind === 'cluster');
    expect(clusters.map((mark) => (mark.kind === 'cluster' ? mark.count : 0)).sort()).toEqual([2, 3]);
    const wuhan = clusters.find((mark) => mark.kind === 'cluster' && mark.count === 3)!;
    expect(wuhan.colour).toBe('red');
    expect(marks.filter((mark) => mark.kind === 'point').map((mark) => mark.kind === 'point' && mark.point.id)).toEqual(['c']);
    expect(pointsShown(marks)).toBe(6);
    // Clusters first, lone points last: a point is drawn (and hit) on top.
    expect(marks.at(-1)!.kind).toBe('point');
  });

  it('asks only for the box in view', () => {
    const marks = index.marks([114, 30, 115, 31], 10, mercator(10));
    expect(pointsShown(marks)).toBe(5);
  });

  it('separates the points when zoomed in far enough, at the zoom a click on the cluster goes to', () => {
    const far = index.marks(WORLD, 3, mercator(3));
    expect(far).toHaveLength(1);
    expect(far[0]!.kind === 'cluster' && far[0]!.count).toBe(6);
    const deep = index.marks([114.2, 30.5, 114.4, 30.7], 20, mercator(20));
    expect(deep.map((mark) => mark.kind)).toEqual(['point', 'point', 'point']);
    const wuhan = index.marks(WORLD, 10, mercator(10)).find((mark) => mark.kind === 'cluster' && mark.count === 3)!;
    if (wuhan.kind !== 'cluster') throw new Error('expected a cluster');
    const zoom = index.expansionZoom(wuhan.clusterId);
    expect(zoom).toBeGreaterThan(10);
    expect(index.marks([114.2, 30.5, 114.4, 30.7], zoom, mercator(zoom)).length).toBeGreaterThan(1);
  });

  it('keeps points of one place together at the deepest zoom and lists them', () => {
    const same = new ClusterIndex([point('x', 30, 114, 1), point('y', 30, 114, 2), point('z', 30, 114, 3)], { maxZoom: 20 });
    const [mark] = same.marks(WORLD, 20, mercator(20));
    if (mark?.kind !== 'cluster') throw new Error('expected a cluster');
    expect(same.expansionZoom(mark.clusterId)).toBeGreaterThan(20);
    expect(
      same
        .leaves(mark.clusterId, 10)
        .map((p) => p.id)
        .sort(),
    ).toEqual(['x', 'y', 'z']);
    expect(same.leaves(mark.clusterId, 2)).toHaveLength(2);
  });

  it('draws bigger clusters larger', () => {
    expect([1, 9, 10, 99, 100, 999, 1000, 5000].map(clusterRadius)).toEqual([15, 15, 18, 18, 21, 21, 24, 24]);
  });
});

describe('markAt', () => {
  const marks = index2();
  function index2() {
    return new ClusterIndex([point('p', 30.6, 114.3, 1), point('q', 10, 10, 1)]).marks(WORLD, 5, () => ({ x: 100, y: 100 }));
  }

  it('finds the mark under a pixel, with a few pixels of grace, and nothing beside it', () => {
    expect(markAt(marks, 100, 100)).toBeDefined();
    expect(markAt(marks, 100 + 7 + 3, 100)).toBeDefined();
    expect(markAt(marks, 100 + 7 + 4, 100)).toBeUndefined();
  });

  it('prefers the topmost (last drawn) mark', () => {
    const hit = markAt(marks, 100, 100)!;
    expect(hit).toBe(marks.at(-1));
  });
});
