import { EventEmitter } from 'node:events';
import type { CellularIdentity, CellularReading, DeviceConnection } from '../../native/cellular/cellularTypes';
import type { DriverLike } from '../../main/core/links/families/family';

/** A cellular driver the test drives by hand: no port, no timers. */
export class FakeCellularDriver
  extends EventEmitter<{ connection: [DeviceConnection]; identity: [CellularIdentity]; reading: [CellularReading] }>
  implements DriverLike
{
  connection: DeviceConnection = { state: 'connecting' };
  started = false;
  closed = false;

  start(): void {
    this.started = true;
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  setConnection(connection: DeviceConnection): void {
    this.connection = connection;
    this.emit('connection', connection);
  }

  read(reading: CellularReading): void {
    this.emit('reading', reading);
  }
}
