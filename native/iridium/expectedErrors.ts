import { AtCommandError } from '../at/atErrors';
import { isDeviceLifeError } from '../device/deviceErrors';
import { SbdError } from './sbdErrors';

/**
 * Besides the life of every device (timeouts, a closed channel, a port that is not open),
 * error finals and no network time (`AT-MSSTM`, the sky's doing) are expected of an
 * Iridium transceiver and reported through readings; anything else is a bug worth a
 * warning in the log.
 */
export function isExpectedDeviceError(error: unknown): boolean {
  return isDeviceLifeError(error) || error instanceof AtCommandError || (error instanceof SbdError && error.code === 'sbd-no-network-time');
}
