import { SbdMoRetryConfig, type SbdMoRetryInput } from '../../protocol/config/linkConfig';
import { backoffOptions, booleanOption, integerOptions, stringOption } from '../device/driverOptions';

/** Options of the Iridium SBD driver, with their defaults and checks (in the drivers' one style, device/driverOptions.ts). */
export interface IridiumSbdDriverOptions {
  /** Serial port of the transceiver, e.g. `/dev/ttyUSB0` or `COM4`. */
  path: string;
  /** Default 19200 (the 9602/9603 do not autobaud). */
  baudRate?: number;
  /** How often `AT+CSQF` is read (bars also arrive as `+CIEV:0`). Default 10 000 ms. */
  pollIntervalMs?: number;
  /** How long an ordinary AT command may take. Default 2000 ms. */
  commandTimeoutMs?: number;
  /** How long `AT+SBDIX` may take; tens of seconds is normal. Default 60 000 ms. */
  sessionTimeoutMs?: number;
  /** Run a session (mailbox check) this often; 0 = only to fetch after `SBDRING`. Sessions cost money. Default 0. */
  mailboxCheckIntervalMs?: number;
  /** After a failed automatic session, the next automatic one waits at least this long. Default 60 000 ms. */
  sessionRetryMs?: number;
  /** Read a received message with `AT+SBDRB` and emit `mt` (bytes) and `message` (as text). Default true. */
  readMessages?: boolean;
  /** Ask `AT-MSSTM` before every session and run none without network time. Default true. */
  checkNetworkTime?: boolean;
  /** Retry schedule of `sendMo` messages: random 0–5 s twice, 0–30 s twice, then every 5 min by default. */
  moRetry?: SbdMoRetryInput;
  /** [0, 1) for the random retry waits. Default Math.random. */
  random?: () => number;
  /** Unanswered commands in a row before the transceiver counts as unresponsive. Default 3. */
  unresponsiveAfter?: number;
  /** Port reopen backoff: first delay, doubling up to `retryMaxMs`. Defaults 500 ms and 10 000 ms. */
  retryInitialMs?: number;
  retryMaxMs?: number;
}

export type ResolvedIridiumOptions = Required<Omit<IridiumSbdDriverOptions, 'moRetry'>> & { moRetry: SbdMoRetryConfig };

/** Fills in defaults; throws a TypeError naming the first bad option. */
export function resolveIridiumOptions(options: IridiumSbdDriverOptions): ResolvedIridiumOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  const path = stringOption('path', options.path);
  const integers = integerOptions(options, {
    baudRate: [19200, 1, 4_000_000],
    pollIntervalMs: [10_000, 50, 3_600_000],
    commandTimeoutMs: [2000, 50, 120_000],
    sessionTimeoutMs: [60_000, 100, 600_000],
    mailboxCheckIntervalMs: [0, 0, 86_400_000],
    sessionRetryMs: [60_000, 10, 86_400_000],
    unresponsiveAfter: [3, 1, 1000],
  });
  const readMessages = booleanOption('readMessages', options.readMessages, true);
  const checkNetworkTime = booleanOption('checkNetworkTime', options.checkNetworkTime, true);
  const retry = SbdMoRetryConfig.safeParse(options.moRetry ?? {});
  if (!retry.success)
    throw new TypeError(`"moRetry" is invalid: ${retry.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
  if (options.random !== undefined && typeof options.random !== 'function') throw new TypeError('"random" must be a function');
  return {
    path,
    ...integers,
    readMessages,
    checkNetworkTime,
    moRetry: retry.data,
    random: options.random ?? Math.random,
    ...backoffOptions(options),
  };
}
