import L from 'leaflet';
import { TrackLine, worldPixels } from './trackLine';
import { followZoom, penAt, placeOverView, stillCovers, type DrawnView } from './viewCanvas';

/** Extra canvas around the view on each side (a share of its size), so a short drag shows the line, not a blank edge. */
const PADDING = 0.25;
/** Below every other overlay (overlay pane 400, clusters 450): the track is the background of the situation. */
const PANE = 'trackPane';
export type TrackStyle = { colour: string; weight: number; opacity: number };

/**
 * A long line (the vehicle's track) drawn on ONE canvas of its own: on each move or zoom end
 * the line traces, for that zoom, only its points kept at that scale and near the view, and
 * each is projected by one multiplication (`trackLine.ts`). A react-leaflet <Polyline> made
 * Leaflet re-project and re-clip the whole line after every zoom and redraw it with every
 * other vector of the shared renderer (31–60 ms frames with 50,000 fixes). A new fix strokes
 * one segment onto what is drawn. Never interactive (nothing to hit-test). The canvas carries
 * `data-points` (fixes in the line) and `data-drawn` (points traced last) for tests.
 */
export class TrackCanvas extends L.Layer {
  #map: L.Map | undefined;
  #canvas: HTMLCanvasElement | undefined;
  #line = new TrackLine();
  #drawnAt: DrawnView | undefined;
  /** A redraw waiting for the next animation frame (see `#moved`). */
  #pending: number | undefined;
  #zooming = false;
  readonly #className: string;
  readonly #style: TrackStyle;

  constructor(className: string, style: TrackStyle) {
    super({ pane: PANE });
    this.#className = className;
    this.#style = style;
  }

  /** Replaces the line (display-coordinate [lat, lon] points, in order). */
  setLine(points: ReadonlyArray<readonly [number, number]>): void {
    this.#line = new TrackLine(points);
    this.#redraw();
  }

  /** Adds a fix at the end of the line and draws its segment. */
  append(latitude: number, longitude: number): void {
    const segment = this.#line.append(latitude, longitude);
    const canvas = this.#canvas;
    if (!canvas) return;
    canvas.dataset.points = String(this.#line.count);
    const drawn = this.#drawnAt;
    if (!segment || !drawn) return;
    // In the drawn zoom's layer pixels, so the segment also lands right on a canvas scaled mid-zoom.
    const scale = worldPixels(drawn.zoom);
    const origin = drawn.origin;
    const context = canvas.getContext('2d')!;
    penAt(context, drawn);
    this.#stroke(context, () => {
      context.moveTo(segment.from.x * scale - origin.x, segment.from.y * scale - origin.y);
      context.lineTo(segment.to.x * scale - origin.x, segment.to.y * scale - origin.y);
    });
  }

  override onAdd(map: L.Map): this {
    this.#map = map;
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.style.zIndex = '350';
    pane.style.pointerEvents = 'none';
    const canvas = L.DomUtil.create('canvas', `map-track-canvas ${this.#className} leaflet-zoom-animated`);
    // The whole canvas at the line's opacity, the line opaque on it: where the line crosses
    // itself, or a new segment meets the last, it does not darken.
    canvas.style.opacity = String(this.#style.opacity);
    pane.appendChild(canvas);
    this.#canvas = canvas;
    this.#redraw();
    return this;
  }

  override onRemove(): this {
    if (this.#pending !== undefined) cancelAnimationFrame(this.#pending);
    this.#pending = undefined;
    this.#canvas?.remove();
    this.#canvas = undefined;
    this.#drawnAt = undefined;
    this.#map = undefined;
    return this;
  }

  // The same handler objects on add and on remove: Leaflet unbinds by reference.
  override getEvents(): { [name: string]: L.LeafletEventHandlerFn } {
    return {
      moveend: this.#moved,
      viewreset: this.#redraw,
      resize: this.#redraw,
      zoomstart: this.#onZoomStart,
      zoomanim: this.#onZoomAnim,
      zoom: this.#onZoom,
      zoomend: this.#onZoomEnd,
    };
  }

  #onZoomStart = (): void => {
    this.#zooming = true;
  };

  #onZoomEnd = (): void => {
    this.#zooming = false;
  };

  #onZoomAnim = (e: L.LeafletEvent): void => this.#follow((e as L.ZoomAnimEvent).center, (e as L.ZoomAnimEvent).zoom);

  #onZoom = (): void => {
    if (this.#map) this.#follow(this.#map.getCenter(), this.#map.getZoom());
  };

  #follow(center: L.LatLng, zoom: number): void {
    if (this.#map && this.#canvas && this.#drawnAt) followZoom(this.#map, this.#canvas, this.#drawnAt, center, zoom);
  }

  /**
   * After a move or zoom the line is drawn one frame later, not in the frame that ends the
   * move: that one already redraws the incident clusters, and each canvas's raster (10–20 ms
   * in software) is then in a frame of its own. A callback of the next animation frame would
   * still run before that frame's paint, so the drawing waits for the one after. Until then
   * the canvas shows what it had, where it belongs (a pan does not move layer pixels; a zoom
   * left it scaled in place).
   */
  #moved = (): void => {
    if (!this.#map || stillCovers(this.#map, this.#drawnAt) || this.#pending !== undefined) return;
    this.#pending = requestAnimationFrame(() => {
      this.#pending = requestAnimationFrame(() => {
        this.#pending = undefined;
        // A zoom begun since: its end brings another move end.
        if (!this.#zooming) this.#redraw();
      });
    });
  };

  #redraw = (): void => {
    const map = this.#map;
    const canvas = this.#canvas;
    if (!map || !canvas) return;
    const { view, context } = placeOverView(map, canvas, PADDING);
    const origin = view.origin;
    this.#drawnAt = view;
    const box = { minX: view.corner.x, minY: view.corner.y, maxX: view.corner.x + view.full.x, maxY: view.corner.y + view.full.y };
    let drawn = 0;
    this.#stroke(context, () => (drawn = this.#line.trace(view.zoom, origin, box, context)));
    canvas.dataset.points = String(this.#line.count);
    canvas.dataset.drawn = String(drawn);
  };

  #stroke(context: CanvasRenderingContext2D, trace: () => void): void {
    context.beginPath();
    trace();
    context.strokeStyle = this.#style.colour;
    context.lineWidth = this.#style.weight;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.stroke();
  }
}
