import { describe, expect, it } from 'vitest';
import { chartNumber, latestIndex, seriesStyle, WHOLE_INCREMENTS } from '../../../renderer/charts/chartFormat';

describe('history chart format', () => {
  it('gives the series of a chart distinct colours and distinct line styles', () => {
    const styles = [0, 1, 2].map(seriesStyle);
    expect(new Set(styles.map((s) => s.color)).size).toBe(3);
    expect(new Set(styles.map((s) => JSON.stringify(s.dash ?? 'solid'))).size).toBe(3);
    expect(styles[0]).toEqual({ color: 'var(--accent)' });
    expect(styles[1]).toEqual({ color: 'var(--badge-5g)', dash: [8, 5] });
  });

  it('prints counts whole, large figures whole and the rest to one decimal', () => {
    expect(chartNumber(7.5, true)).toBe('8');
    expect(chartNumber(-101.6, false)).toBe('-102');
    expect(chartNumber(12.34, false)).toBe('12.3');
    expect(chartNumber(0.96, false)).toBe('1');
  });

  it('ticks counts in whole steps only', () => {
    expect(WHOLE_INCREMENTS.every((step) => Number.isInteger(step))).toBe(true);
  });
});

describe('the legend without a cursor', () => {
  it('shows the newest time at which any series has a value', () => {
    expect(
      latestIndex([
        [1, 2, 3, 4],
        [5, null, null, null],
        [null, 6, 7, null],
      ]),
    ).toBe(2);
    expect(
      latestIndex([
        [1, 2],
        [null, null],
      ]),
    ).toBeUndefined();
    expect(latestIndex([[]])).toBeUndefined();
  });
});
