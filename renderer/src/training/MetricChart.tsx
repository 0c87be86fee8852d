// One fixed-height line chart (recharts, no animation) inside a container that reports how many points
// it plots in data-points, for the end-to-end tests.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

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
}

const formatValue = (percent: boolean | undefined) => (value: unknown) =>
  typeof value !== 'number' ? String(value) : percent ? `${(value * 100).toFixed(1)}%` : value.toPrecision(3);

export function MetricChart({ testId, title, data, xKey, xLabel, series, log, percent }: MetricChartProps) {
  const format = formatValue(percent);
  return (
    <figure className="training-chart" data-testid={testId} data-points={data.length}>
      <figcaption>{title}</figcaption>
      <div className="training-chart__plot">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 320, height: 200 }}>
          <LineChart
            data={data as Record<string, number | null>[]}
            margin={{ top: 4, right: 12, bottom: 0, left: 0 }}
          >
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis
              dataKey={xKey}
              type="number"
              domain={['dataMin', 'dataMax']}
              allowDecimals={false}
              tick={{ fontSize: 11 }}
              name={xLabel}
            />
            <YAxis
              scale={log ? 'log' : 'linear'}
              domain={percent ? [0, 1] : ['auto', 'auto']}
              allowDataOverflow={log}
              tickFormatter={format}
              tick={{ fontSize: 11 }}
              width={48}
            />
            <Tooltip
              formatter={format}
              labelFormatter={(label) => `${xLabel} ${String(label)}`}
              contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', fontSize: 12 }}
            />
            {series.length > 1 && <Legend wrapperStyle={{ fontSize: 11 }} />}
            {series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.name}
                stroke={s.color}
                strokeOpacity={s.faint ? 0.55 : 1}
                strokeDasharray={s.dashed ? '4 3' : undefined}
                dot={false}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
