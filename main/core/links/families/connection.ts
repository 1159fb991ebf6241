import type { DeviceConnection } from '../../../../native/device/deviceTypes';
import type { Evaluation } from '../LinkSource';

/**
 * A device that is not ready says nothing about the link: `unknown`, with the driver's
 * reason (port gone, service unreachable, not answering). Undefined when it is ready.
 */
export function connectionEvaluation(connection: DeviceConnection): Evaluation | undefined {
  switch (connection.state) {
    case 'lost':
      return { state: 'unknown', reason: connection.problem ?? { code: 'port-closed' } };
    case 'unresponsive':
      return { state: 'unknown', reason: connection.problem ?? { code: 'not-responding' } };
    case 'connecting':
      return { state: 'unknown', reason: connection.problem ?? { code: 'connecting' } };
    case 'ready':
      return undefined;
  }
}
