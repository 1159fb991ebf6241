import type { CoreApiHandlers } from '../../../protocol/api/coreApi';
import type { mapsMethods } from '../../../protocol/api/maps';
import type { MapService } from '../maps/MapService';

/** The `maps.*` methods (spread into the console's handlers). */
export function createMapHandlers(maps: MapService): Pick<CoreApiHandlers, keyof typeof mapsMethods> {
  return {
    'maps.layers': () => maps.list(),
    'maps.import.start': ({ name, size }) => maps.startImport(name, size),
    'maps.import.append': ({ id, seq, data }) => maps.append(id, seq, Buffer.from(data, 'base64')),
    'maps.import.finish': ({ id, crs }) => maps.finishImport(id, crs),
    'maps.import.cancel': ({ id }) => maps.cancelImport(id),
    'maps.remove': ({ id }) => maps.remove(id),
    'maps.setCrs': ({ id, crs }) => maps.setCrs(id, crs),
  };
}
