import { useEffect, useMemo, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  /** A CSS colour or a var(--…) name. */
  color: string;
  /** Series with different units get their own y axis (the second on the right). */
  unit: string;
}

interface TimeChartProps {
  /** Bucket times, epoch ms. */
  at: number[];
  series: ChartSeries[];
  /** BCP 47 language for the time axis. */
  language: string;
  height?: number;
  testId?: string;
}

/** The theme's colour for `var(--name)` values (uPlot draws on a canvas, which knows no CSS variables). */
function resolveColor(element: HTMLElement, color: string): string {
  const match = /^var\((--[\w-]+)\)$/.exec(color);
  return match ? getComputedStyle(element).getPropertyValue(match[1]!).trim() || '#888' : color;
}

/**
 * A time-series chart (uPlot): one axis of time, one line per series, gaps where no
 * sample was taken. Built when its shape (series, units, language) changes; new data
 * are handed to the same chart, so refreshes keep the cursor and do not flicker.
 */
export function TimeChart({ at, series, language, height = 180, testId }: TimeChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const shape = series.map((s) => `${s.label}|${s.unit}|${s.color}`).join(';');
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
    const units = [...new Set(shape.split(';').map((part) => part.split('|')[1]!))];
    const options: uPlot.Options = {
      width: element.clientWidth || 600,
      height,
      legend: { show: true },
      cursor: { drag: { x: false, y: false } },
      scales: { x: { time: true } },
      axes: [
        { ...axis, values: (_u, splits) => splits.map((s) => clock.format(s * 1000)) },
        ...units.map((unit, i) => ({
          ...axis,
          scale: unit,
          side: i === 0 ? 3 : 1,
          size: 56,
          label: unit,
          labelSize: 18,
          ...(i > 0 ? { grid: { show: false } } : {}),
        })),
      ],
      series: [
        { value: (_u: uPlot, v: number | null) => (v === null ? '--' : clock.format(v * 1000)) },
        ...shape.split(';').map((part) => {
          const [label, unit, color] = part.split('|') as [string, string, string];
          return { label, scale: unit, stroke: resolveColor(element, color), width: 2, spanGaps: false, points: { show: false } };
        }),
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
  }, [shape, height, language]);

  return <div className="time-chart" ref={box} data-testid={testId} />;
}
