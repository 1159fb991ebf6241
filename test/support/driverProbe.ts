import type { CellularModemDriver } from '../../native/cellular/CellularModemDriver';
import type { CellularIdentity, CellularReading, DeviceConnection } from '../../native/cellular/cellularTypes';

/** Records everything a driver emits, and merges readings the way the link does. */
export function probeDriver(driver: CellularModemDriver) {
  const readings: CellularReading[] = [];
  const connections: DeviceConnection[] = [];
  const identities: CellularIdentity[] = [];
  const latest: Record<string, unknown> = {};
  driver.on('reading', (reading) => {
    readings.push(reading);
    for (const [key, value] of Object.entries(reading)) {
      if (value === null) delete latest[key];
      else if (value !== undefined) latest[key] = value;
    }
  });
  driver.on('connection', (connection) => connections.push(connection));
  driver.on('identity', (identity) => identities.push(identity));
  return {
    readings,
    connections,
    identities,
    latest,
    /** Readings that arrived after `index`. */
    since: (index: number) => readings.slice(index),
  };
}
