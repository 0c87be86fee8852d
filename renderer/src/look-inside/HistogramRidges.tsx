// TensorBoard-style histograms of one tensor over the epochs: each epoch's bins drawn as a filled
// outline on a shared value axis, the oldest at the back (top, pale) and the newest in front (bottom,
// dark), so a kernel spreading out or a gradient shrinking towards zero reads at a glance.
import { useTranslation } from 'react-i18next';
import type { Histogram } from '../../../engine/training/histogram';

export interface EpochHistogram {
  readonly epoch: number;
  readonly histogram: Histogram;
}

const W = 260;
const RIDGE = 34;
const LABEL = 14;

/** Each ridge's outline, its x in 0..W over the shared [min, max] and its height scaled to its own peak. */
export function ridgePath(h: Histogram, lo: number, hi: number, baseline: number): string {
  const span = hi - lo || 1;
  const bins = h.counts.length;
  const width = (h.max - h.min) / Math.max(1, bins);
  const peak = Math.max(1, ...h.counts);
  const points = h.counts.map((c, i) => {
    const centre = h.max === h.min ? h.min : h.min + (i + 0.5) * width;
    const x = ((centre - lo) / span) * W;
    return `L${x.toFixed(1)},${(baseline - (c / peak) * RIDGE).toFixed(1)}`;
  });
  const x0 = ((h.min - lo) / span) * W;
  const x1 = ((h.max - lo) / span) * W;
  return `M${x0.toFixed(1)},${baseline} ${points.join(' ')} L${x1.toFixed(1)},${baseline} Z`;
}

const formatTick = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 0.01 ? v.toFixed(2) : v.toExponential(1));

export function HistogramRidges(props: {
  readonly testId: string;
  readonly title: string;
  readonly epochs: readonly EpochHistogram[];
}) {
  const { t } = useTranslation();
  const { testId, title, epochs } = props;
  if (epochs.length === 0) return null;
  const lo = Math.min(...epochs.map((e) => e.histogram.min));
  const hi = Math.max(...epochs.map((e) => e.histogram.max));
  // Ridges overlap by half their height when there are many epochs, so the chart stays small.
  const step = epochs.length > 1 ? Math.min(RIDGE * 0.6, 90 / (epochs.length - 1)) : 0;
  const height = RIDGE + step * (epochs.length - 1) + LABEL + 2;
  const last = epochs.at(-1) as EpochHistogram;
  return (
    <figure className="training-chart inspector-histograms" data-testid={testId} data-epochs={epochs.length}>
      <figcaption>{title}</figcaption>
      <svg
        role="img"
        aria-label={t('editor.insideInspector.histogramLabel', {
          title,
          epochs: epochs.length,
          min: formatTick(lo),
          max: formatTick(hi),
        })}
        viewBox={`0 0 ${W + 28} ${height}`}
        width="100%"
      >
        {epochs.map((e, i) => {
          const baseline = RIDGE + i * step;
          const shade = epochs.length > 1 ? i / (epochs.length - 1) : 1;
          return (
            <g key={e.epoch} data-epoch={e.epoch}>
              <path
                d={ridgePath(e.histogram, lo, hi, baseline)}
                className="inspector-histograms__ridge"
                style={{ fillOpacity: 0.15 + 0.55 * shade, strokeOpacity: 0.4 + 0.6 * shade }}
              />
              {(i === 0 || e === last) && (
                <text x={W + 3} y={baseline} className="inspector-histograms__epoch">
                  {e.epoch}
                </text>
              )}
            </g>
          );
        })}
        <text x={0} y={height - 2} className="inspector-histograms__tick">
          {formatTick(lo)}
        </text>
        <text x={W} y={height - 2} textAnchor="end" className="inspector-histograms__tick">
          {formatTick(hi)}
        </text>
      </svg>
    </figure>
  );
}
