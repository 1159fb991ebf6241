import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { chartNumber, latestIndex, WHOLE_INCREMENTS } from './chartFormat';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  /** A CSS colour or a var(--…) name. */
  color: string;
  /** Series with different units get their own y axis (the second on the right); also the scale's key. */
  unit: string;
  /** The unit as the axis label and the legend print it, translated. */
  unitLabel: string;
  /** Canvas dash pattern: paired series differ in line style as well as colour (for colour-blind eyes and print). */
  dash?: number[];
  /** Counts (satellites, bars): whole-number axis ticks and legend values. */
  whole?: boolean;
}

interface TimeChartProps {
  /** Bucket times, epoch ms. */
  at: number[];
  series: ChartSeries[];
  /** BCP 47 language for the time axis. */
  language: string;
  /** The legend's name for the time column, translated. */
  timeLabel: string;
  height?: number;
  testId?: string;
}

/** The theme's colour for `var(--name)` values (uPlot draws on a canvas, which knows no CSS variables). */
function resolveColor(element: HTMLElement, color: string): string {
  const match = /^var\((--[\w-]+)\)$/.exec(color);
  return match ? getComputedStyle(element).getPropertyValue(match[1]!).trim() || '#888' : color;
}

/** With no cursor over the chart, the legend shows the newest values rather than "--". */
function showLatest(u: uPlot): void {
  if (u.cursor.idx !== null && u.cursor.idx !== undefined) return;
  const index = latestIndex(u.data);
  if (index !== undefined) u.setLegend({ idx: index }, false);
}

/**
 * A time-series chart (uPlot): one axis of time, one line per series, gaps where no
 * sample was taken. Built when its shape (series, units, language) changes; new data
 * are handed to the same chart, so refreshes keep the cursor and do not flicker.
 */
export function TimeChart({ at, series, language, timeLabel, height = 180, testId }: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  // Everything that needs a new chart when it changes; the values come in through setData.
  const shape = JSON.stringify(
    series.map(({ label, unit, unitLabel, color, dash, whole }) => ({ label, unit, unitLabel, color, dash, whole })),
  );
  const data = useMemo<uPlot.AlignedData>(() => [at.map((t) => t / 1000), ...series.map((s) => s.values)], [at, series]);
  const latest = useRef<uPlot.AlignedData>([[]]);

  // Declared before the building effect, so a new chart is built with the newest data.
  useEffect(() => {
    latest.current = data;
    plot.current?.setData(data);
  }, [data]);

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const axisColor = resolveColor(element, 'var(--text-muted)');
    const gridColor = resolveColor(element, 'var(--border)');
    const axis = { stroke: axisColor, grid: { stroke: gridColor, width: 1 }, ticks: { stroke: gridColor, width: 1 } };
    const clock = new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', hour12: false });
    const lines = JSON.parse(shape) as Array<Omit<ChartSeries, 'values'>>;
    const units = [...new Map(lines.map((line) => [line.unit, line])).values()];
    const options: uPlot.Options = {
      width: element.clientWidth || 600,
      height,
      // Live legend: the values are those under the cursor, and the latest ones when it leaves.
      legend: { show: true, live: true },
      cursor: { drag: { x: false, y: false } },
      hooks: { ready: [showLatest], setData: [showLatest], setCursor: [showLatest] },
      scales: { x: { time: true } },
      axes: [
        { ...axis, values: (_u, splits) => splits.map((s) => clock.format(s * 1000)) },
        ...units.map((line, i) => ({
          ...axis,
          scale: line.unit,
          side: i === 0 ? 3 : 1,
          size: 56,
          label: line.unitLabel,
          labelSize: 18,
          // Counts get whole-number ticks only: "7.5 satellites" does not exist.
          ...(line.whole
            ? { incrs: [...WHOLE_INCREMENTS], values: (_u: uPlot, splits: number[]) => splits.map((v) => chartNumber(v, true)) }
            : {}),
          ...(i > 0 ? { grid: { show: false } } : {}),
        })),
      ],
      series: [
        { label: timeLabel, value: (_u: uPlot, v: number | null) => (v === null ? '--' : clock.format(v * 1000)) },
        ...lines.map((line) => ({
          label: line.label,
          scale: line.unit,
          stroke: resolveColor(element, line.color),
          width: 2,
          ...(line.dash ? { dash: line.dash } : {}),
          spanGaps: false,
          points: { show: false },
          value: (_u: uPlot, v: number | null) =>
            v === null || v === undefined ? '--' : `${chartNumber(v, line.whole ?? false)} ${line.unitLabel}`,
        })),
      ],
    };
    plot.current = new uPlot(options, latest.current, element);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: element.clientWidth, height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = undefined;
    };
    // The series themselves come in through `latest`; rebuilding is only for a new shape.
  }, [shape, height, language, timeLabel]);

  return <div className="time-chart" ref={box} data-testid={testId} />;
}
