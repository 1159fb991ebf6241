import { describe, expect, it } from 'vitest';
import {
  PIECE_POINTS,
  thinningLevel,
  TOLERANCE_PX,
  toWorld,
  TrackLine,
  worldPixels,
  type PixelBox,
} from '../../../../renderer/map/trackLine';
import { tileOf } from '../../../support/testMbtiles';

/** A pen that writes down what it is asked to draw. */
function recorder() {
  const steps: Array<['M' | 'L', number, number]> = [];
  return { steps, moveTo: (x: number, y: number) => steps.push(['M', x, y]), lineTo: (x: number, y: number) => steps.push(['L', x, y]) };
}

/** Leaflet's pixel origin for a view of `size` centred on [lat, lon] at `zoom` (layer pixel 0,0 is the view's top-left). */
function originAt(latitude: number, longitude: number, zoom: number, size = { x: 1280, y: 800 }) {
  const centre = toWorld(latitude, longitude);
  return { x: Math.round(centre.x * worldPixels(zoom) - size.x / 2), y: Math.round(centre.y * worldPixels(zoom) - size.y / 2) };
}

const VIEW: PixelBox = { minX: -320, minY: -200, maxX: 1600, maxY: 1000 };
/** A vehicle on town streets around Wuhan: a loop with zig-zags of ~200 m, one fix a second. */
const wuhan = (count: number) =>
  Array.from(
    { length: count },
    (_, i) => [30.6 + 0.02 * Math.sin(i / 800) + 0.002 * Math.sin(i / 7), 114.3 + 0.02 * Math.cos(i / 900)] as [number, number],
  );

describe('toWorld', () => {
  it("is Web Mercator as a share of the world's width (Leaflet's project at zoom z is it times 256·2^z)", () => {
    expect(toWorld(0, 0)).toEqual({ x: 0.5, y: 0.5 });
    expect(toWorld(0, -180).x).toBeCloseTo(0, 12);
    expect(toWorld(0, 180).x).toBeCloseTo(1, 12);
    expect(toWorld(85.05112878, 0).y).toBeCloseTo(0, 6);
    // Wuhan at zoom 14 by the slippy-map formulas: x = (lon + 180) / 360, y = (1 − ln(tan φ + sec φ) / π) / 2, times 256·2^z.
    const phi = (30.6 * Math.PI) / 180;
    expect(toWorld(30.6, 114.3).x * worldPixels(14)).toBeCloseTo(((114.3 + 180) / 360) * 256 * 2 ** 14, 6);
    expect(toWorld(30.6, 114.3).y * worldPixels(14)).toBeCloseTo(
      ((1 - Math.log(Math.tan(phi) + 1 / Math.cos(phi)) / Math.PI) / 2) * 256 * 2 ** 14,
      6,
    );
    expect(toWorld(30.6, 114.3).y * worldPixels(14)).toBeCloseTo(1_722_369.3, 1);
  });

  it('puts a place in the tile the test base maps put it in', () => {
    for (const [lat, lon, z] of [
      [30.6, 114.3, 12],
      [30.61, 114.29, 15],
      [-33.86, 151.21, 10],
      [51.5, -0.12, 17],
    ] as const) {
      const world = toWorld(lat, lon);
      expect({ x: Math.floor(world.x * 2 ** z), y: Math.floor(world.y * 2 ** z) }).toEqual(tileOf(lon, lat, z));
    }
  });

  it('thins at whole zoom levels, none finer than 19', () => {
    expect([0, 13.4, 13.6, 18, 20, -1].map(thinningLevel)).toEqual([0, 13, 14, 18, 19, 0]);
  });
});

describe('TrackLine.trace', () => {
  it('draws a straight road of many fixes as its two ends, in layer pixels', () => {
    const road = Array.from({ length: 500 }, (_, i) => [30.6, 114.3 + i * 0.0001] as [number, number]);
    const origin = originAt(30.6, 114.325, 14);
    const pen = recorder();
    expect(new TrackLine(road).trace(14, origin, VIEW, pen)).toBe(2);
    const scale = worldPixels(14);
    const [start, end] = [toWorld(30.6, 114.3), toWorld(30.6, 114.3 + 499 * 0.0001)];
    expect(pen.steps).toEqual([
      ['M', start.x * scale - origin.x, start.y * scale - origin.y],
      ['L', end.x * scale - origin.x, end.y * scale - origin.y],
    ]);
    // 0.0499° of longitude at zoom 14 is 0.0499 / 360 · 256 · 2^14 ≈ 581 px, centred in a 1280 px view.
    expect(pen.steps[1]![1] - pen.steps[0]![1]).toBeCloseTo(581.4, 1);
    expect(Math.abs(pen.steps[0]![1] - (640 - 581.4 / 2))).toBeLessThan(1); // the pixel origin is rounded, as Leaflet's
  });

  it('traces only what crosses the padded view, starting a new run where the line comes back into it', () => {
    // East 0.1° (≈ 1,165 px at zoom 14) zig-zagging 0.001° (13 px), back west 0.02° (270 px) further north, a fix every 0.005°.
    const out = Array.from({ length: 21 }, (_, i) => [30.6 + (i % 2) * 0.001, 114.3 + i * 0.005] as [number, number]);
    const back = Array.from({ length: 21 }, (_, i) => [30.62 + (i % 2) * 0.001, 114.4 - i * 0.005] as [number, number]);
    const line = new TrackLine([...out, ...back]);
    const box = { minX: 0, minY: 0, maxX: 400, maxY: 400 };
    // A 400 px view on the west ends (±0.0172° of longitude): the first fixes out, the last back.
    const west = originAt(30.61, 114.3, 14, { x: 400, y: 400 });
    const pen = recorder();
    expect(line.trace(14, west, box, pen)).toBe(10);
    const scale = worldPixels(14);
    const at = ([lat, lon]: [number, number]) => {
      const w = toWorld(lat, lon);
      return [w.x * scale - west.x, w.y * scale - west.y];
    };
    expect(pen.steps).toEqual([
      ['M', ...at(out[0]!)],
      ...out.slice(1, 5).map((p) => ['L', ...at(p)]),
      ['M', ...at(back[16]!)],
      ...back.slice(17).map((p) => ['L', ...at(p)]),
    ]);
    // At zoom 18 a 400 px view on the east corner sees only the corner's own segment (fixes are 932 px apart there).
    const corner = recorder();
    expect(line.trace(18, originAt(30.61, 114.4, 18, { x: 400, y: 400 }), box, corner)).toBe(2);
  });

  it('keeps every fix within a pixel of the drawn line, at each zoom, across pieces', () => {
    const points = wuhan(3 * PIECE_POINTS + 100);
    const line = new TrackLine(points);
    for (const zoom of [11, 13, 15]) {
      const origin = originAt(30.6, 114.3, zoom, { x: 4000, y: 4000 });
      const pen = recorder();
      const traced = line.trace(zoom, origin, { minX: -1e6, minY: -1e6, maxX: 1e6, maxY: 1e6 }, pen);
      // One connected run through all the pieces, far fewer points than fixes at coarse zooms.
      expect(pen.steps.filter(([step]) => step === 'M')).toHaveLength(1);
      expect(traced).toBeLessThan(points.length);
      const scale = worldPixels(zoom);
      const drawn = pen.steps.map(([, x, y]) => ({ x, y }));
      let worst = 0;
      for (const [lat, lon] of points) {
        const w = toWorld(lat, lon);
        worst = Math.max(worst, distanceToLine({ x: w.x * scale - origin.x, y: w.y * scale - origin.y }, drawn));
      }
      // The tolerance, plus what the first pass merges (fixes within it at zoom 19).
      expect(worst).toBeLessThanOrEqual(TOLERANCE_PX * (1 + 1 / 2 ** (19 - zoom)) + 1e-6);
      expect(worst).toBeGreaterThan(TOLERANCE_PX / 2);
    }
    const counts = [11, 13, 15].map((zoom) =>
      line.trace(zoom, originAt(30.6, 114.3, zoom), { minX: -1e6, minY: -1e6, maxX: 1e6, maxY: 1e6 }, recorder()),
    );
    expect(counts[0]).toBeLessThan(counts[1]!);
    expect(counts[1]).toBeLessThan(counts[2]!);
  });
});

describe('TrackLine.append', () => {
  it('hands back the new segment and joins the line, also where the tail closes into a piece', () => {
    const line = new TrackLine();
    expect(line.append(30.6, 114.3)).toBeUndefined();
    const segment = line.append(30.6, 114.31);
    expect(segment).toEqual({ from: toWorld(30.6, 114.3), to: toWorld(30.6, 114.31) });
    for (const [lat, lon] of wuhan(PIECE_POINTS + 10)) line.append(lat, lon);
    expect(line.count).toBe(PIECE_POINTS + 12);
    const pen = recorder();
    const everything = { minX: -1e7, minY: -1e7, maxX: 1e7, maxY: 1e7 };
    line.trace(18, originAt(30.6, 114.3, 18), everything, pen);
    expect(pen.steps.filter(([step]) => step === 'M')).toHaveLength(1);
    // The last traced point is the last fix.
    const last = toWorld(...wuhan(PIECE_POINTS + 10).at(-1)!);
    const origin = originAt(30.6, 114.3, 18);
    expect(pen.steps.at(-1)).toEqual(['L', last.x * worldPixels(18) - origin.x, last.y * worldPixels(18) - origin.y]);
  });

  it('draws nothing for fewer than two fixes', () => {
    const pen = recorder();
    expect(new TrackLine([[30.6, 114.3]]).trace(14, originAt(30.6, 114.3, 14), VIEW, pen)).toBe(0);
    expect(pen.steps).toEqual([]);
  });
});

/** Shortest distance from `p` to the polyline `line`. */
function distanceToLine(p: { x: number; y: number }, line: Array<{ x: number; y: number }>): number {
  let best = Infinity;
  for (let k = 0; k + 1 < line.length; k++) {
    const a = line[k]!;
    const b = line[k + 1]!;
    const dx = b.x - a.x;
    const dy = b.y - a.y;
    const length = dx * dx + dy * dy;
    const t = length === 0 ? 0 : Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / length));
    best = Math.min(best, Math.hypot(p.x - a.x - t * dx, p.y - a.y - t * dy));
  }
  return best;
}
