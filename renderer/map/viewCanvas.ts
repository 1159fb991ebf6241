import L from 'leaflet';

/**
 * Where a view canvas was drawn: its top-left corner in layer pixels and as a place, its size,
 * the zoom, the pixel ratio, and Leaflet's pixel origin then (layer pixel 0,0 as a world pixel).
 */
export type DrawnView = { corner: L.Point; cornerAt: L.LatLng; full: L.Point; zoom: number; ratio: number; origin: L.Point };

/**
 * Sizes and places `canvas` over the map's view plus `padding` (a share of its size) on each
 * side, clears it, and sets its context so that layer pixels draw where they belong. A canvas
 * of our own per layer (clusters, the track) instead of Leaflet's renderer: drawn from what
 * the layer keeps ready for the zoom, never by re-projecting every point.
 */
export function placeOverView(
  map: L.Map,
  canvas: HTMLCanvasElement,
  padding: number,
): { view: DrawnView; context: CanvasRenderingContext2D } {
  const size = map.getSize();
  const pad = size.multiplyBy(padding).round();
  const corner = map.containerPointToLayerPoint(pad.multiplyBy(-1)).round();
  const full = size.add(pad.multiplyBy(2));
  const ratio = window.devicePixelRatio || 1;
  // Resizing a canvas allocates a new buffer: only when the map's size changed.
  const width = Math.round(full.x * ratio);
  const height = Math.round(full.y * ratio);
  if (canvas.width !== width || canvas.height !== height) {
    canvas.width = width;
    canvas.height = height;
    canvas.style.width = `${full.x}px`;
    canvas.style.height = `${full.y}px`;
  }
  L.DomUtil.setPosition(canvas, corner);
  const view = { corner, cornerAt: map.layerPointToLatLng(corner), full, zoom: map.getZoom(), ratio, origin: map.getPixelOrigin() };
  const context = canvas.getContext('2d')!;
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.clearRect(0, 0, width, height);
  penAt(context, view);
  return { view, context };
}

/**
 * Whether what is drawn still covers the whole view: same zoom and layer pixels, the view
 * inside the drawn canvas. A drag shorter than the padding then ends without a redraw (and
 * without the canvas's new pixels to hand to the compositor: 15–25 ms for a canvas this size
 * in Chromium's software raster).
 */
export function stillCovers(map: L.Map, drawn: DrawnView | undefined): boolean {
  if (!drawn || map.getZoom() !== drawn.zoom || !map.getPixelOrigin().equals(drawn.origin)) return false;
  const topLeft = map.containerPointToLayerPoint([0, 0]);
  const bottomRight = map.containerPointToLayerPoint(map.getSize());
  const end = drawn.corner.add(drawn.full);
  return topLeft.x >= drawn.corner.x && topLeft.y >= drawn.corner.y && bottomRight.x <= end.x && bottomRight.y <= end.y;
}

/** Sets `context` so layer pixels of the drawn view land in place (again, before drawing onto what is drawn). */
export function penAt(context: CanvasRenderingContext2D, view: DrawnView): void {
  context.setTransform(view.ratio, 0, 0, view.ratio, -view.corner.x * view.ratio, -view.corner.y * view.ratio);
}

/**
 * During a zoom the drawn canvas is scaled and moved as the tiles are (as Leaflet's own
 * renderers do), until the redraw at its end. Call on `zoomanim` (its centre and zoom) and on
 * `zoom` (the map's).
 */
export function followZoom(map: L.Map, canvas: HTMLCanvasElement, drawn: DrawnView, center: L.LatLng, zoom: number): void {
  const scale = map.getZoomScale(zoom, drawn.zoom);
  const panePosition = L.DomUtil.getPosition(map.getPane('mapPane')!) ?? L.point(0, 0);
  const origin = map.project(center, zoom).subtract(map.getSize().divideBy(2)).add(panePosition).round();
  L.DomUtil.setTransform(canvas, map.project(drawn.cornerAt, zoom).subtract(origin), scale);
}
