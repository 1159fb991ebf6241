/**
 * Errors every device command channel (AT, rigctld, CI-V) and driver share. Callers
 * branch on the class or on its flag (`timeout`, `closed`, `notConnected`), in the style
 * of node-serialport's `disconnected`/`canceled` flags. Each family keeps only its own
 * errors (a decoded `+CME ERROR`, an `RPRT -n`, a CI-V bus collision).
 */

/** No complete answer within the command's timeout (a silent or powered-off device). */
export class DeviceTimeoutError extends Error {
  readonly timeout = true;
  /** The command as it was sent, e.g. `AT+CSQ`, `+\get_freq`, `CI-V 03`. */
  readonly command: string;
  constructor(command: string, timeoutMs: number) {
    super(`${command}: no answer within ${timeoutMs} ms`);
    this.name = 'DeviceTimeoutError';
    this.command = command;
  }
}

/** The channel was reset (port or connection closed, driver closed) while the command waited. */
export class DeviceClosedError extends Error {
  readonly closed = true;
  readonly command: string;
  constructor(command: string, reason: string) {
    super(`${command}: ${reason}`);
    this.name = 'DeviceClosedError';
    this.command = command;
  }
}

/** A command was to be written while the port or connection was down. */
export class DeviceNotConnectedError extends Error {
  readonly notConnected = true;
  constructor(what: string) {
    super(what);
    this.name = 'DeviceNotConnectedError';
  }
}

/**
 * Timeouts, a closed channel and a link that is down are part of a device's life and are
 * reported through the connection state; anything else a poll throws is a bug worth a
 * warning in the log.
 */
export function isDeviceLifeError(error: unknown): boolean {
  return error instanceof DeviceTimeoutError || error instanceof DeviceClosedError || error instanceof DeviceNotConnectedError;
}
