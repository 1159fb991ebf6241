import type { DeviceConnection, DeviceDriverEvents, DeviceIdentity } from '../../native/device/deviceTypes';
import type { SafeEmitter } from '../../platform/events/SafeEmitter';

/** Records everything a driver of any family emits, and merges readings the way the link does. */
export function probeDriver<R extends { at: number }>(driver: Pick<SafeEmitter<DeviceDriverEvents<R>>, 'on'>) {
  const readings: R[] = [];
  const connections: DeviceConnection[] = [];
  const identities: DeviceIdentity[] = [];
  const latest: Record<string, unknown> = {};
  const on = driver.on.bind(driver) as (event: string, listener: (value: never) => void) => unknown;
  on('reading', (reading: R) => {
    readings.push(reading);
    for (const [key, value] of Object.entries(reading)) {
      if (value === null) delete latest[key];
      else if (value !== undefined) latest[key] = value;
    }
  });
  on('connection', (connection: DeviceConnection) => connections.push(connection));
  on('identity', (identity: DeviceIdentity) => identities.push(identity));
  return {
    readings,
    connections,
    identities,
    latest,
    /** Readings that arrived after `index`. */
    since: (index: number) => readings.slice(index),
  };
}
