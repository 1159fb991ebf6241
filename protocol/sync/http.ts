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
  /** The signed-in staff member: role and groups (protocol/sync/access.ts, DeskMe). */
  me: '/desk/v1/me',
} as const;

/** Unauthenticated liveness check. */
export const HEALTH_PATH = '/healthz';

export const CBOR_MIME = 'application/cbor';
