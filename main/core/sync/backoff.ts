/** Retry delays: exponential from 1 s to a cap, with full jitter so many vehicles don't retry in step. */
export function backoffMs(failures: number, capMs = 60_000, random: () => number = Math.random): number {
  const ceiling = Math.min(capMs, 1000 * 2 ** Math.min(Math.max(failures - 1, 0), 16));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
