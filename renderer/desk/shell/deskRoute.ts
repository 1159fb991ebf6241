/** The desk's pages, addressed by the URL hash so reload and the browser's back button keep the place. */
export type DeskRoute =
  | { page: 'fleet' }
  | { page: 'vehicle'; vehicleId: string }
  | { page: 'messages'; vehicleId?: string }
  | { page: 'orders'; composeTo?: string; incident?: { id: string; title: string }; place?: OrderPlace }
  | { page: 'incidents' }
  | { page: 'incident'; incidentId: string }
  | { page: 'video'; vehicleId?: string }
  | { page: 'directory' }
  | { page: 'duty' }
  | { page: 'map' };

/** A place handed to a new order (picked on the fleet map), WGS-84 degrees. */
export type OrderPlace = { latitude: number; longitude: number };

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
      const place = placeOf(query.get('lat'), query.get('lon'));
      return {
        page: 'orders',
        ...(to ? { composeTo: to } : {}),
        ...(incident ? { incident: { id: incident, title: query.get('title') ?? incident } } : {}),
        ...(place ? { place } : {}),
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
    case 'map':
      return { page: 'map' };
    default:
      return { page: 'fleet' };
  }
}

export function routeHash(route: DeskRoute): string {
  switch (route.page) {
    case 'fleet':
    case 'directory':
    case 'duty':
    case 'map':
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
      if (route.place) query.set('lat', route.place.latitude.toFixed(6));
      if (route.place) query.set('lon', route.place.longitude.toFixed(6));
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

/** A place from the URL, only when both numbers are real coordinates (a hand-edited hash may hold anything). */
function placeOf(lat: string | null, lon: string | null): OrderPlace | undefined {
  const latitude = Number(lat);
  const longitude = Number(lon);
  if (!lat || !lon || !Number.isFinite(latitude) || !Number.isFinite(longitude)) return undefined;
  if (Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return undefined;
  return { latitude, longitude };
}
