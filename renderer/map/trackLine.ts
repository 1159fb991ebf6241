import { keepAbove, lineSignificance, toPlane } from './simplifyLine';

/** A point on the map's world plane as a share of the world's width (see `toWorld`). */
export type WorldPoint = { x: number; y: number };
/** Whatever draws the path: a canvas context, or a recorder in tests. */
export type Pen = { moveTo(x: number, y: number): void; lineTo(x: number, y: number): void };
/** A rectangle in layer pixels (what `map.latLngToLayerPoint` gives). */
export type PixelBox = { minX: number; minY: number; maxX: number; maxY: number };

const WORLD_M = 2 * Math.PI * 6_378_137;
/**
 * Fixes per piece of the line. Each piece is thinned on its own (its ends always kept), so
 * the fixes since the load join the line a piece at a time: a Douglas–Peucker run over a
 * couple of thousand points, never over the whole day again (50–250 ms for 50,000).
 */
export const PIECE_POINTS = 2048;
/**
 * How far (screen pixels) a dropped fix may lie from the drawn line: one, as Leaflet's own
 * `smoothFactor`. Each vertex less is raster time less (software raster strokes the whole
 * outline of a 3 px line: 10–20 ms for a few thousand vertices on this machine).
 */
export const TOLERANCE_PX = 1;
/** Thinning stops distinguishing below a pixel at this zoom (a third of a metre): deeper zooms draw that line. */
export const FINEST_ZOOM = 19;

/** Pixels across the whole world at `zoom` (Leaflet's EPSG:3857 scale: 256-pixel tiles). */
export function worldPixels(zoom: number): number {
  return 256 * 2 ** zoom;
}

/**
 * [lat, lon] on the Web Mercator plane as a share of the world's width: x from 0 at 180°W to 1
 * at 180°E, y from 0 at the north edge to 1 at the south. Times `worldPixels(zoom)` it is what
 * Leaflet's `map.project(latlng, zoom)` gives, so projecting at a zoom is one multiplication.
 */
export function toWorld(latitude: number, longitude: number): WorldPoint {
  const plane = toPlane(latitude, longitude);
  return { x: plane.x / WORLD_M + 0.5, y: 0.5 - plane.y / WORLD_M };
}

/** The level whose thinning a zoom draws: whole levels, none finer than `FINEST_ZOOM`. */
export function thinningLevel(zoom: number): number {
  return Math.max(0, Math.min(FINEST_ZOOM, Math.round(zoom)));
}

/** A closed piece of the line: its points, how much each matters, its extent, and what each level keeps. */
class Piece {
  readonly #kept = new Map<number, Uint32Array>();
  readonly #significance: Float64Array;
  readonly minX: number;
  readonly minY: number;
  readonly maxX: number;
  readonly maxY: number;

  /** `xy`: x0, y0, x1, y1, … on the world plane. */
  constructor(readonly xy: Float64Array) {
    const points: WorldPoint[] = [];
    for (let i = 0; i < xy.length; i += 2) points.push({ x: xy[i]!, y: xy[i + 1]! });
    this.minX = Math.min(...points.map((p) => p.x));
    this.minY = Math.min(...points.map((p) => p.y));
    this.maxX = Math.max(...points.map((p) => p.x));
    this.maxY = Math.max(...points.map((p) => p.y));
    this.#significance = lineSignificance(points, tolerance(FINEST_ZOOM));
  }

  /** Indices of the points drawn at `level`: those farther than the tolerance from the thinned line. Once per level. */
  kept(level: number): Uint32Array {
    let kept = this.#kept.get(level);
    if (!kept) {
      kept = Uint32Array.from(keepAbove(this.#significance, tolerance(level)));
      this.#kept.set(level, kept);
    }
    return kept;
  }
}

/** The tolerance at `zoom`, in shares of the world's width (the same at every latitude on this plane). */
function tolerance(zoom: number): number {
  return TOLERANCE_PX / worldPixels(zoom);
}

/**
 * The vehicle's track for drawing: closed pieces thinned per zoom level, and an open tail of
 * the latest fixes drawn whole. `trace` hands a pen only the segments that cross a box (the
 * padded view), already in layer pixels; nothing here knows Leaflet or the DOM.
 */
export class TrackLine {
  readonly #pieces: Piece[] = [];
  /**
   * The open tail, x0, y0, x1, y1, … in a buffer of a piece's size (`#tailLength` of it used);
   * its first point is the last closed piece's last. Typed arrays only, so tracing reads one kind of array.
   */
  #tail = new Float64Array(2 * PIECE_POINTS);
  #tailLength = 0;
  #count = 0;

  /** A line of display-coordinate [lat, lon] points, in order. */
  constructor(points: ReadonlyArray<readonly [number, number]> = []) {
    for (const [latitude, longitude] of points) this.#push(toWorld(latitude, longitude));
    // What was loaded is thinned, all of it; only fixes appended later are drawn whole for a while.
    if (this.#tailLength > 2) this.#close();
  }

  /** How many fixes the line holds. */
  get count(): number {
    return this.#count;
  }

  /** Adds a fix at the end; returns the new segment (world plane) to draw on what is drawn, if there is one. */
  append(latitude: number, longitude: number): { from: WorldPoint; to: WorldPoint } | undefined {
    const last = this.#last();
    const to = toWorld(latitude, longitude);
    this.#push(to);
    return last ? { from: last, to } : undefined;
  }

  /**
   * Traces, in layer pixels (`origin`: the world pixel of layer point 0,0 at `zoom`, i.e.
   * Leaflet's pixel origin), every segment of the line thinned for `zoom` that crosses `box`,
   * as connected runs. Returns how many points it traced.
   */
  trace(zoom: number, origin: { x: number; y: number }, box: PixelBox, pen: Pen): number {
    const scale = worldPixels(zoom);
    const level = thinningLevel(zoom);
    const world = {
      minX: (box.minX + origin.x) / scale,
      minY: (box.minY + origin.y) / scale,
      maxX: (box.maxX + origin.x) / scale,
      maxY: (box.maxY + origin.y) / scale,
    };
    const run = new Run(pen, world, scale, origin);
    for (const piece of this.#pieces) {
      if (piece.maxX < world.minX || piece.minX > world.maxX || piece.maxY < world.minY || piece.minY > world.maxY) {
        run.gap();
        continue;
      }
      const kept = piece.kept(level);
      for (let k = 0; k + 1 < kept.length; k++) run.segment(piece.xy, 2 * kept[k]!, piece.xy, 2 * kept[k + 1]!);
    }
    for (let i = 0; i + 3 < this.#tailLength; i += 2) run.segment(this.#tail, i, this.#tail, i + 2);
    return run.points;
  }

  #last(): WorldPoint | undefined {
    const n = this.#tailLength;
    return n >= 2 ? { x: this.#tail[n - 2]!, y: this.#tail[n - 1]! } : undefined;
  }

  #push(point: WorldPoint): void {
    this.#tail[this.#tailLength++] = point.x;
    this.#tail[this.#tailLength++] = point.y;
    this.#count++;
    if (this.#tailLength === this.#tail.length) this.#close();
  }

  /** The tail becomes a piece; the next tail starts at its last point, so the line stays joined. */
  #close(): void {
    const [x, y] = [this.#tail[this.#tailLength - 2]!, this.#tail[this.#tailLength - 1]!];
    this.#pieces.push(new Piece(this.#tail.slice(0, this.#tailLength)));
    this.#tail = new Float64Array(2 * PIECE_POINTS);
    this.#tail[0] = x;
    this.#tail[1] = y;
    this.#tailLength = 2;
  }
}

/** Connected runs of segments for a pen: a run breaks where a segment misses the box. */
class Run {
  points = 0;
  #connected = false;
  readonly #pen: Pen;
  readonly #box: PixelBox;
  readonly #scale: number;
  readonly #origin: { x: number; y: number };

  constructor(pen: Pen, box: PixelBox, scale: number, origin: { x: number; y: number }) {
    [this.#pen, this.#box, this.#scale, this.#origin] = [pen, box, scale, origin];
  }

  gap(): void {
    this.#connected = false;
  }

  /** The segment from a[i] to b[j] (x at the index, y after it), if its extent meets the box. */
  segment(a: Float64Array, i: number, b: Float64Array, j: number): void {
    const ax = a[i]!;
    const ay = a[i + 1]!;
    const bx = b[j]!;
    const by = b[j + 1]!;
    const box = this.#box;
    if (Math.max(ax, bx) < box.minX || Math.min(ax, bx) > box.maxX || Math.max(ay, by) < box.minY || Math.min(ay, by) > box.maxY) {
      this.#connected = false;
      return;
    }
    if (!this.#connected) {
      this.#pen.moveTo(ax * this.#scale - this.#origin.x, ay * this.#scale - this.#origin.y);
      this.points++;
      this.#connected = true;
    }
    this.#pen.lineTo(bx * this.#scale - this.#origin.x, by * this.#scale - this.#origin.y);
    this.points++;
  }
}
