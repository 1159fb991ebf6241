import type { SbdMoRetryConfig } from '../../protocol/config/linkConfig';

/**
 * How long to wait before trying an MO message again after its `failures`-th failed
 * attempt (1 after the first): a random wait in 0..`randomMaxMs[failures-1]` while the list
 * lasts, then `thenEveryMs` each time. `random` gives [0, 1) (Math.random in the driver, a
 * fixed value in tests). Pure: no clock, no I/O.
 */
export function moRetryDelayMs(failures: number, retry: SbdMoRetryConfig, random: () => number): number {
  if (!Number.isInteger(failures) || failures < 1) throw new RangeError('failures must be a positive integer');
  const bound = retry.randomMaxMs[failures - 1];
  if (bound === undefined) return retry.thenEveryMs;
  return Math.floor(Math.min(Math.max(random(), 0), 0.999_999) * (bound + 1));
}
