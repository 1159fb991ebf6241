import L from 'leaflet';
import { ClusterIndex, markAt, pointsShown, type ClusterMark, type RankedPoint } from './clusterMarks';
import { followZoom, placeOverView, stillCovers, type DrawnView } from './viewCanvas';

/** One point of a clustered layer, with its popup built when it first opens (not for every point up front). */
export type ClusterPoint = RankedPoint & { popup: () => HTMLElement };

/**
 * Extra canvas around the view on each side (a share of its size), so a short drag shows
 * marks, not a blank edge, until it ends; more would cost raster time on every redraw.
 */
const PADDING = 0.25;
/** Above the track (overlay pane, 400) and below own position and vehicles (marker pane, 600). */
const PANE = 'clusterPane';
/** How many points of one place a popup lists when zooming in cannot separate them. */
const SAME_PLACE_LIST = 10;

/**
 * Clustered points drawn on ONE canvas: on each move or zoom end the view asks the index for
 * its marks and paints them, with no DOM element or Leaflet layer per mark (the markercluster
 * plugin rebuilt hundreds of them after every zoom: 20–50 ms frames with 5,000 incidents).
 * Clicks are hit-tested against the marks: a cluster zooms in, a point opens its popup.
 * The canvas carries `data-shown` (points its marks stand for) and `data-marks` for tests.
 */
export class ClusterCanvas extends L.Layer {
  #map: L.Map | undefined;
  #canvas: HTMLCanvasElement | undefined;
  #index: ClusterIndex<ClusterPoint> | undefined;
  /** Marks as last drawn, in layer pixels (unchanged by a pan, so hit tests hold during a drag). */
  #marks: ClusterMark<ClusterPoint>[] = [];
  /** Where the canvas's top-left corner was, and at which zoom, when it was last drawn (for zoom animation). */
  #drawnAt: DrawnView | undefined;
  readonly #className: string;

  constructor(className: string) {
    super({ pane: PANE });
    this.#className = className;
  }

  setPoints(points: readonly ClusterPoint[]): void {
    this.#index = points.length > 0 ? new ClusterIndex(points, { maxZoom: this.#map?.getMaxZoom() ?? 20 }) : undefined;
    this.#redraw();
  }

  override onAdd(map: L.Map): this {
    this.#map = map;
    const pane = map.getPane(PANE) ?? map.createPane(PANE);
    pane.style.zIndex = '450';
    const canvas = L.DomUtil.create('canvas', `map-cluster-canvas ${this.#className}-clusters leaflet-zoom-animated`);
    pane.appendChild(canvas);
    this.#canvas = canvas;
    this.#redraw();
    return this;
  }

  override onRemove(): this {
    this.#canvas?.remove();
    this.#canvas = undefined;
    this.#map?.getContainer().style.removeProperty('cursor');
    this.#map = undefined;
    return this;
  }

  // The same handler objects on add and on remove: Leaflet unbinds by reference.
  override getEvents(): { [name: string]: L.LeafletEventHandlerFn } {
    return {
      moveend: this.#moved,
      viewreset: this.#redraw,
      resize: this.#redraw,
      zoomanim: this.#onZoomAnim,
      zoom: this.#onZoom,
      click: this.#click,
      mousemove: this.#hover,
    };
  }

  #onZoomAnim = (e: L.LeafletEvent): void => this.#follow((e as L.ZoomAnimEvent).center, (e as L.ZoomAnimEvent).zoom);

  #onZoom = (): void => {
    if (this.#map) this.#follow(this.#map.getCenter(), this.#map.getZoom());
  };

  #redraw = (): void => {
    const map = this.#map;
    const canvas = this.#canvas;
    if (!map || !canvas) return;
    const { view, context } = placeOverView(map, canvas, PADDING);
    this.#drawnAt = view;
    const southWest = map.layerPointToLatLng(view.corner.add([0, view.full.y]));
    const northEast = map.layerPointToLatLng(view.corner.add([view.full.x, 0]));
    const box: [number, number, number, number] = [
      Math.max(-180, southWest.lng),
      Math.max(-85.06, southWest.lat),
      Math.min(180, northEast.lng),
      Math.min(85.06, northEast.lat),
    ];
    this.#marks = this.#index?.marks(box, map.getZoom(), (lat, lon) => map.latLngToLayerPoint([lat, lon])) ?? [];
    for (const mark of this.#marks) drawMark(context, mark);
    this.#count();
  };

  #moved = (): void => {
    if (!this.#map) return;
    if (stillCovers(this.#map, this.#drawnAt)) this.#count();
    else this.#redraw();
  };

  /** What the view shows, for tests: points its marks stand for, and the marks drawn. */
  #count(): void {
    const map = this.#map;
    const canvas = this.#canvas;
    if (!map || !canvas) return;
    const inView = L.bounds(map.containerPointToLayerPoint([0, 0]), map.containerPointToLayerPoint(map.getSize()));
    canvas.dataset.shown = String(pointsShown(this.#marks.filter((mark) => inView.contains([mark.x, mark.y]))));
    canvas.dataset.marks = String(this.#marks.length);
  }

  /** During a zoom the drawn canvas follows the tiles, until the redraw at its end. */
  #follow(center: L.LatLng, zoom: number): void {
    if (this.#map && this.#canvas && this.#drawnAt) followZoom(this.#map, this.#canvas, this.#drawnAt, center, zoom);
  }

  #click = (event: L.LeafletEvent): void => {
    const e = event as L.LeafletMouseEvent;
    const map = this.#map;
    const mark = markAt(this.#marks, e.layerPoint.x, e.layerPoint.y);
    if (!map || !mark || !this.#index) return;
    if (mark.kind === 'point') {
      L.popup({ offset: [0, -mark.r] })
        .setLatLng(mark.point.at)
        .setContent(mark.point.popup())
        .openOn(map);
      return;
    }
    const zoom = this.#index.expansionZoom(mark.clusterId);
    if (zoom <= map.getMaxZoom()) {
      map.setView(mark.at, zoom);
      return;
    }
    // Points at one place never separate: list them in one popup.
    const list = document.createElement('div');
    list.className = 'map-cluster-list';
    for (const point of this.#index.leaves(mark.clusterId, SAME_PLACE_LIST)) list.append(point.popup());
    L.popup({ offset: [0, -mark.r] })
      .setLatLng(mark.at)
      .setContent(list)
      .openOn(map);
  };

  #hover = (event: L.LeafletEvent): void => {
    const e = event as L.LeafletMouseEvent;
    const style = this.#map?.getContainer().style;
    if (!style) return;
    if (markAt(this.#marks, e.layerPoint.x, e.layerPoint.y)) style.cursor = 'pointer';
    else style.removeProperty('cursor');
  };
}

/** A lone point is a small disc in its colour; a cluster a larger one with a halo and its count. */
function drawMark(context: CanvasRenderingContext2D, mark: ClusterMark<ClusterPoint>): void {
  if (mark.kind === 'cluster') {
    // A halo ring rather than a canvas shadow: blurred shadows are slow in software raster.
    context.beginPath();
    context.arc(mark.x, mark.y, mark.r + 3, 0, Math.PI * 2);
    context.fillStyle = 'rgba(0, 0, 0, 0.25)';
    context.fill();
  }
  context.beginPath();
  context.arc(mark.x, mark.y, mark.r, 0, Math.PI * 2);
  context.fillStyle = mark.colour;
  context.globalAlpha = mark.kind === 'point' ? 0.95 : 1;
  context.fill();
  context.globalAlpha = 1;
  context.lineWidth = mark.kind === 'point' ? 1.5 : 2;
  context.strokeStyle = '#fff';
  context.stroke();
  if (mark.kind === 'point') return;
  context.fillStyle = '#fff';
  context.font = '700 13px system-ui, sans-serif';
  context.textAlign = 'center';
  context.textBaseline = 'middle';
  context.fillText(String(mark.count), mark.x, mark.y + 0.5);
}
