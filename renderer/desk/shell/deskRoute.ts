/** The desk's pages, addressed by the URL hash so reload and the browser's back button keep the place. */
export type DeskRoute =
  | { page: 'fleet' }
  | { page: 'vehicle'; vehicleId: string }
  | { page: 'messages'; vehicleId?: string }
  | { page: 'orders'; composeTo?: string; incident?: { id: string; title: string } }
  | { page: 'incidents' }
  | { page: 'incident'; incidentId: string }
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
      const query = new URLSearchParams(search);
      const to = query.get('compose');
      const incident = query.get('incident');
      return {
        page: 'orders',
        ...(to ? { composeTo: to } : {}),
        ...(incident ? { incident: { id: incident, title: query.get('title') ?? incident } } : {}),
      };
    }
    case 'incidents':
      return id ? { page: 'incident', incidentId: id } : { page: 'incidents' };
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
    case 'orders': {
      const query = new URLSearchParams();
      if (route.composeTo) query.set('compose', route.composeTo);
      if (route.incident) query.set('incident', route.incident.id);
      if (route.incident) query.set('title', route.incident.title);
      return query.size > 0 ? `#/orders?${query.toString()}` : '#/orders';
    }
    case 'incidents':
      return '#/incidents';
    case 'incident':
      return `#/incidents/${encodeURIComponent(route.incidentId)}`;
  }
}

/** Goes to another page of the desk. */
export type Go = (route: DeskRoute) => void;
