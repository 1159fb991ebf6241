/** The desk's pages, addressed by the URL hash so reload and the browser's back button keep the place. */
export type DeskRoute =
  | { page: 'fleet' }
  | { page: 'vehicle'; vehicleId: string }
  | { page: 'messages'; vehicleId?: string }
  | { page: 'orders'; composeTo?: string }
  | { page: 'video'; vehicleId?: string }
  | { page: 'directory' }
  | { page: 'duty' };

export type DeskPage = DeskRoute['page'];

export function parseRoute(hash: string): DeskRoute {
  const [path = '', search = ''] = hash.replace(/^#\/?/, '').split('?');
  const [page, raw] = path.split('/');
  const id = raw ? decodeURIComponent(raw) : undefined;
  switch (page) {
    case 'vehicle':
      return id ? { page: 'vehicle', vehicleId: id } : { page: 'fleet' };
    case 'messages':
      return id ? { page: 'messages', vehicleId: id } : { page: 'messages' };
    case 'orders': {
      const to = new URLSearchParams(search).get('compose');
      return to ? { page: 'orders', composeTo: to } : { page: 'orders' };
    }
    case 'video':
      return id ? { page: 'video', vehicleId: id } : { page: 'video' };
    case 'directory':
      return { page: 'directory' };
    case 'duty':
      return { page: 'duty' };
    default:
      return { page: 'fleet' };
  }
}

export function routeHash(route: DeskRoute): string {
  switch (route.page) {
    case 'fleet':
    case 'directory':
    case 'duty':
      return `#/${route.page}`;
    case 'vehicle':
      return `#/vehicle/${encodeURIComponent(route.vehicleId)}`;
    case 'messages':
    case 'video':
      return route.vehicleId ? `#/${route.page}/${encodeURIComponent(route.vehicleId)}` : `#/${route.page}`;
    case 'orders':
      return route.composeTo ? `#/orders?compose=${encodeURIComponent(route.composeTo)}` : '#/orders';
  }
}

/** Goes to another page of the desk. */
export type Go = (route: DeskRoute) => void;
