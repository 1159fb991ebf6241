import { SafeEmitter } from '../../platform/events/SafeEmitter';
import type { DeviceConnection, DeviceDriverEvents } from './deviceTypes';

/**
 * What every device driver shares: the connection state it reports, announced only
 * when it really changes (state, reason code or detail).
 */
export abstract class DeviceDriverBase<
  R,
  E extends DeviceDriverEvents<R> & Record<keyof E, unknown[]> = DeviceDriverEvents<R>,
> extends SafeEmitter<E> {
  #connection: DeviceConnection = { state: 'connecting' };

  get connection(): DeviceConnection {
    return this.#connection;
  }

  protected setConnection(connection: DeviceConnection): void {
    const previous = this.#connection;
    if (
      previous.state === connection.state &&
      previous.problem?.code === connection.problem?.code &&
      previous.problem?.detail === connection.problem?.detail
    ) {
      return;
    }
    this.#connection = connection;
    (this as unknown as SafeEmitter<DeviceDriverEvents<R>>).safeEmit('connection', connection);
  }
}
