import { AtChannelClosedError, AtCommandError, AtTimeoutError } from '../at/atErrors';
import { SbdError } from './sbdErrors';

/**
 * Timeouts, error finals, a closed channel and a port that is not open are part of a
 * device's life and are reported through the connection state; anything else is a bug
 * worth a warning in the log. No network time (`AT-MSSTM`) is the sky's doing, not a bug.
 */
export function isExpectedDeviceError(error: unknown): boolean {
  return (
    error instanceof AtTimeoutError ||
    error instanceof AtChannelClosedError ||
    error instanceof AtCommandError ||
    (error instanceof SbdError && error.code === 'sbd-no-network-time') ||
    (error instanceof Error && error.message === 'port is not open')
  );
}
