import { SbdMoRetryConfig, type SbdMoRetryInput } from '../../protocol/config/linkConfig';

/** Options of the Iridium SBD driver, with their defaults and checks. */
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

const DEFAULTS: Omit<ResolvedIridiumOptions, 'path'> = {
  baudRate: 19200,
  pollIntervalMs: 10_000,
  commandTimeoutMs: 2000,
  sessionTimeoutMs: 60_000,
  mailboxCheckIntervalMs: 0,
  sessionRetryMs: 60_000,
  readMessages: true,
  checkNetworkTime: true,
  moRetry: SbdMoRetryConfig.parse({}),
  random: Math.random,
  unresponsiveAfter: 3,
  retryInitialMs: 500,
  retryMaxMs: 10_000,
};

/** Integer options and their allowed ranges. */
const RANGES: Record<
  Exclude<keyof ResolvedIridiumOptions, 'path' | 'readMessages' | 'checkNetworkTime' | 'moRetry' | 'random'>,
  [number, number]
> = {
  baudRate: [1, 4_000_000],
  pollIntervalMs: [50, 3_600_000],
  commandTimeoutMs: [50, 120_000],
  sessionTimeoutMs: [100, 600_000],
  mailboxCheckIntervalMs: [0, 86_400_000],
  sessionRetryMs: [10, 86_400_000],
  unresponsiveAfter: [1, 1000],
  retryInitialMs: [10, 600_000],
  retryMaxMs: [10, 3_600_000],
};

/** Fills in defaults; throws a TypeError naming the first bad option. */
export function resolveIridiumOptions(options: IridiumSbdDriverOptions): ResolvedIridiumOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('options must be an object');
  if (typeof options.path !== 'string' || options.path === '') throw new TypeError('"path" must be a non-empty string');
  const resolved: ResolvedIridiumOptions = { ...DEFAULTS, path: options.path };
  for (const [name, [lo, hi]] of Object.entries(RANGES) as Array<[keyof typeof RANGES, [number, number]]>) {
    const value = options[name];
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < lo || value > hi) throw new TypeError(`"${name}" must be an integer from ${lo} to ${hi}`);
    resolved[name] = value;
  }
  for (const name of ['readMessages', 'checkNetworkTime'] as const) {
    const value = options[name];
    if (value === undefined) continue;
    if (typeof value !== 'boolean') throw new TypeError(`"${name}" must be a boolean`);
    resolved[name] = value;
  }
  if (options.moRetry !== undefined) {
    const retry = SbdMoRetryConfig.safeParse(options.moRetry);
    if (!retry.success)
      throw new TypeError(`"moRetry" is invalid: ${retry.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`);
    resolved.moRetry = retry.data;
  }
  if (options.random !== undefined) {
    if (typeof options.random !== 'function') throw new TypeError('"random" must be a function');
    resolved.random = options.random;
  }
  if (resolved.retryMaxMs < resolved.retryInitialMs) throw new TypeError('"retryMaxMs" must not be less than "retryInitialMs"');
  return resolved;
}
