/**
 * How the history charts tell series apart and print their values. Kept apart from the
 * uPlot component so the rules are tested without a canvas.
 */

const COLORS = ['var(--accent)', 'var(--badge-5g)', 'var(--degraded)', 'var(--up)'] as const;
/** Solid, dashed, dotted, dash-dot: the second line of a pair never looks like the first, even in grey. */
const DASHES: ReadonlyArray<number[] | undefined> = [undefined, [8, 5], [2, 4], [10, 4, 2, 4]];

/** The colour and line style of the `index`-th series of a chart. */
export function seriesStyle(index: number): { color: string; dash?: number[] } {
  const dash = DASHES[index % DASHES.length];
  return dash ? { color: COLORS[index % COLORS.length]!, dash } : { color: COLORS[index % COLORS.length]! };
}

/** A chart value as the legend prints it: counts whole, large figures whole, others to one decimal. */
export function chartNumber(value: number, whole: boolean): string {
  if (whole || Math.abs(value) >= 100) return String(Math.round(value));
  return String(Math.round(value * 10) / 10);
}

/** Axis ticks of a count (satellites, bars): whole numbers only, so no tick reads "7.5". */
export const WHOLE_INCREMENTS: readonly number[] = [1, 2, 5, 10, 20, 50, 100];

/** The newest time at which any series has a value (the legend's default when no cursor is over the chart). */
export function latestIndex(data: ReadonlyArray<ArrayLike<number | null | undefined>>): number | undefined {
  const times = data[0];
  if (!times) return undefined;
  for (let i = times.length - 1; i >= 0; i--) {
    if (data.slice(1).some((series) => series[i] !== null && series[i] !== undefined)) return i;
  }
  return undefined;
}
