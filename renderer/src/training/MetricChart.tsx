// One fixed-height line chart (recharts, no animation) inside a container that reports how many points
// it plots in data-points, for the end-to-end tests.
import { memo, useRef } from 'react';
import { Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { niceTicks } from './chart-data';
import type { ChartMarker } from './chart-markers';
import { ChartExport } from './compare/ChartExport';

export type { ChartMarker } from './chart-markers';

export interface Series {
  readonly key: string;
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
  readonly faint?: boolean;
}

export interface MetricChartProps {
  readonly testId: string;
  readonly title: string;
  readonly data: readonly Record<string, number | null>[];
  readonly xKey: string;
  readonly xLabel: string;
  readonly series: readonly Series[];
  readonly log?: boolean;
  readonly percent?: boolean;
  /** Room for the y axis's labels, px (48 unless given). */
  readonly yWidth?: number;
  /** Labelled vertical lines (a run's adjustments), already worded; the x axis stretches to show them. */
  readonly markers?: readonly ChartMarker[];
}

const NO_MARKERS: readonly ChartMarker[] = [];
/** Marker labels step down in this many rows, so neighbouring markers' labels do not overprint. */
const MARKER_ROWS = 3;
const MARKER_ROW_PX = 12;

/** Past this share of the x range a marker's label goes to the left of its line, so it stays in the plot. */
const LABEL_FLIP_AT = 0.6;

/** A marker's label beside its line (right of it, or left when `flip`), at the top of the plot, in row `row`. */
function markerLabel(text: string, row: number, color: string, flip: boolean) {
  return function MarkerLabel({ viewBox }: { viewBox?: { x?: number; y?: number } }) {
    const x = (viewBox?.x ?? 0) + (flip ? -3 : 3);
    const y = (viewBox?.y ?? 0) + 10 + row * MARKER_ROW_PX;
    return (
      <text
        className="training-chart__marker-label"
        x={x}
        y={y}
        fontSize={10}
        fill={color}
        textAnchor={flip ? 'end' : 'start'}
      >
        {text}
      </text>
    );
  };
}

const formatValue = (percent: boolean | undefined) => (value: unknown) =>
  typeof value !== 'number' ? String(value) : percent ? `${(value * 100).toFixed(1)}%` : value.toPrecision(3);

/** The smallest and largest finite value of the given keys over the rows. */
function extent(data: readonly Record<string, number | null>[], keys: readonly string[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const row of data)
    for (const key of keys) {
      const v = row[key];
      if (typeof v === 'number' && Number.isFinite(v)) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
    }
  return [min, max];
}

/** How many rows have a finite value of `key`. */
const finiteCount = (data: readonly Record<string, number | null>[], key: string) =>
  data.reduce((n, row) => (Number.isFinite(row[key]) ? n + 1 : n), 0);

/**
 * The range widened by a tenth of its width (of the value, when it is one value) either side, so a
 * lone dot is drawn whole inside the plot rather than cut in half by an axis; never below 0 for
 * values that are not (a loss).
 */
export function padded([min, max]: [number, number]): [number, number] {
  const pad = 0.1 * (max - min || Math.abs(min) || 1);
  return [min >= 0 ? Math.max(0, min - pad) : min - pad, max + pad];
}

/** A one-point series has no line to draw: its point is a solid dot (not dashed like its line). */
const loneDot = (color: string) =>
  ({ r: 3.5, fill: color, strokeWidth: 1.5, strokeDasharray: 'none', clipDot: false }) as const;

export const MetricChart = memo(function MetricChart(props: MetricChartProps) {
  const {
    testId,
    title,
    data,
    xKey,
    xLabel,
    series,
    log,
    percent,
    yWidth = 48,
    markers = NO_MARKERS,
  } = props;
  const figure = useRef<HTMLElement>(null);
  const format = formatValue(percent);
  const lone = new Set(series.filter((s) => finiteCount(data, s.key) === 1).map((s) => s.key));
  // Our own round ticks: recharts' are computed with arbitrary-precision decimals on every redraw.
  const [dataMin, dataMax] = extent(data, [xKey]);
  const xMin = markers.reduce((min, m) => Math.min(min, m.x), dataMin);
  const xMax = markers.reduce((max, m) => Math.max(max, m.x), dataMax);
  // One epoch: a unit either side, so the dot sits mid-plot above its tick.
  const [xFrom, xTo] = xMin === xMax ? [xMin - 1, xMax + 1] : [xMin, xMax];
  const yExtent = extent(
    data,
    series.map((s) => s.key),
  );
  const [yMin, yMax] = percent ? [0, 1] : lone.size > 0 ? padded(yExtent) : yExtent;
  const yTicks = log ? undefined : niceTicks(yMin, yMax, 5);
  const yDomain: [number, number] | undefined =
    yTicks && yTicks.length > 0
      ? [Math.min(yMin, yTicks[0] as number), Math.max(yMax, yTicks.at(-1) as number)]
      : undefined;
  return (
    <figure ref={figure} className="training-chart" data-testid={testId} data-points={data.length}>
      <figcaption>{title}</figcaption>
      <ChartExport figure={figure} title={title} data={data} xKey={xKey} xLabel={xLabel} series={series} />
      <div className="training-chart__plot">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 200 }}>
          <LineChart
            data={data as Record<string, number | null>[]}
            // Room above the top grid line for a whole dot at 100%.
            margin={{ top: 6, right: 12, bottom: 0, left: 0 }}
          >
            <XAxis
              dataKey={xKey}
              type="number"
              domain={Number.isFinite(xMin) ? [xFrom, xTo] : ['dataMin', 'dataMax']}
              ticks={niceTicks(xMin, xMax, 6).filter((x) => Number.isInteger(x) && x >= xMin && x <= xMax)}
              allowDecimals={false}
              tick={{ fontSize: 11 }}
              name={xLabel}
            />
            <YAxis
              scale={log ? 'log' : 'linear'}
              domain={yDomain ?? ['auto', 'auto']}
              ticks={yTicks}
              allowDataOverflow={log}
              tickFormatter={format}
              tick={{ fontSize: 11 }}
              width={yWidth}
            />
            <Tooltip
              formatter={format}
              labelFormatter={(label) => `${xLabel} ${String(label)}`}
              contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', fontSize: 12 }}
            />
            {series.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
            {markers.map((m, i) => (
              <ReferenceLine
                key={`${m.x}:${m.label}`}
                x={m.x}
                className="training-chart__marker"
                stroke={m.color ?? 'var(--muted)'}
                strokeDasharray="2 2"
                ifOverflow="extendDomain"
                label={markerLabel(
                  m.label,
                  i % MARKER_ROWS,
                  m.color ?? 'var(--muted)',
                  xTo > xFrom && (m.x - xFrom) / (xTo - xFrom) > LABEL_FLIP_AT,
                )}
              />
            ))}
            {series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stroke={s.color}
                strokeOpacity={s.faint ? 0.55 : 1}
                strokeDasharray={s.dashed ? '4 3' : undefined}
                dot={lone.has(s.key) ? loneDot(s.color) : false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
});
