/** The center's HTTP surface. Sync speaks CBOR; the desk speaks JSON; errors are JSON `CenterError`. */
export const SYNC_PATHS = {
  hello: '/sync/v1/hello',
  exchange: '/sync/v1/exchange',
  attachments: '/sync/v1/attachments',
} as const;

export const DESK_PATHS = {
  vehicles: '/desk/v1/vehicles',
  items: '/desk/v1/items',
  directory: '/desk/v1/directory',
  /** Orders: compose (POST), list (GET); `/<id>` one order, `/<id>/cancel` withdraw it. */
  orders: '/desk/v1/orders',
  /** The signed-in staff member (role, groups) and the center's own state (DeskMe). */
  me: '/desk/v1/me',
  /** The live feed (Server-Sent Events): protocol/sync/deskFeed.ts. */
  feed: '/desk/v1/feed',
  /** Base layers for the desk's map (GET, JSON `{layers: BaseLayerView[]}`). */
  mapLayers: '/desk/v1/maps/layers',
  /** Tiles: `/<id>/<z>/<x>/<y>` (XYZ); the staff token as `?token=` (images cannot send a header). */
  tiles: '/desk/v1/tiles',
} as const;

/** Unauthenticated liveness check. */
export const HEALTH_PATH = '/healthz';

export const CBOR_MIME = 'application/cbor';
