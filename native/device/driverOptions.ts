/**
 * How every driver checks its constructor options, in one style: a missing option takes
 * its default, a bad one is a TypeError that names it and says what it must be, so a
 * misconfigured link fails at once instead of polling every 0 ms. (The options come from
 * the console's link config, parsed by zod in protocol/ already; these checks guard the
 * drivers when used on their own, by tests, simulators and tools.)
 */

/** An integer option: its default and allowed range. */
export type IntegerOption = readonly [fallback: number, min: number, max: number];

const UNBOUNDED = Number.MAX_SAFE_INTEGER;

function rangeText(min: number, max: number): string {
  if (max === UNBOUNDED) return min === 1 ? 'a positive integer' : min === 0 ? 'a non-negative integer' : `an integer of at least ${min}`;
  return `an integer from ${min} to ${max}`;
}

/** An integer in [min, max] (default: a positive integer). */
export function integerOption(name: string, value: unknown, fallback: number, min = 1, max = UNBOUNDED): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new TypeError(`"${name}" must be ${rangeText(min, max)}`);
  return value;
}

/** Several integer options at once, each with its default and range. */
export function integerOptions<K extends string>(options: object, specs: Record<K, IntegerOption>): Record<K, number> {
  const given = options as Record<string, unknown>;
  const result = {} as Record<K, number>;
  for (const [name, [fallback, min, max]] of Object.entries(specs) as Array<[K, IntegerOption]>) {
    result[name] = integerOption(name, given[name], fallback, min, max);
  }
  return result;
}

/** A positive integer with no upper bound other than safety: the common case. */
export function positive(fallback: number): IntegerOption {
  return [fallback, 1, UNBOUNDED];
}

/** The options of a polling driver, at their usual defaults: 1 s poll, 2 s per command, unresponsive after 3 unanswered. */
export const POLLING_OPTIONS = {
  pollIntervalMs: positive(1000),
  commandTimeoutMs: positive(2000),
  unresponsiveAfter: positive(3),
} as const satisfies Record<string, IntegerOption>;

export function booleanOption(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw new TypeError(`"${name}" must be a boolean`);
  return value;
}

/** A non-empty string; required when there is no fallback. */
export function stringOption(name: string, value: unknown, fallback?: string): string {
  if (value === undefined && fallback !== undefined) return fallback;
  if (typeof value !== 'string' || value === '') throw new TypeError(`"${name}" must be a non-empty string`);
  return value;
}

/** One of a few words. */
export function oneOfOption<T extends string>(name: string, value: unknown, values: readonly T[], fallback: T): T {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !values.includes(value as T))
    throw new TypeError(
      `"${name}" must be ${values
        .map((v) => `"${v}"`)
        .join(', ')
        .replace(/, ([^,]*)$/, ' or $1')}`,
    );
  return value as T;
}

/** The reconnect backoff every link takes, checked together (the ceiling must not be below the first delay). */
export function backoffOptions(options: { retryInitialMs?: unknown; retryMaxMs?: unknown }): {
  retryInitialMs: number;
  retryMaxMs: number;
} {
  const retryInitialMs = integerOption('retryInitialMs', options.retryInitialMs, 500, 10, 600_000);
  const retryMaxMs = integerOption('retryMaxMs', options.retryMaxMs, Math.max(10_000, retryInitialMs), 10, 3_600_000);
  if (retryMaxMs < retryInitialMs) throw new TypeError('"retryMaxMs" must not be less than "retryInitialMs"');
  return { retryInitialMs, retryMaxMs };
}
