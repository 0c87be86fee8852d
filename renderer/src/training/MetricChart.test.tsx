// @vitest-environment jsdom
// A chart of a one-epoch run shows that epoch as a whole dot inside the plot; longer series are plain
// lines without dots.
import { cleanup, render } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { MetricChart, padded } from './MetricChart';

afterEach(cleanup);

const series = [
  { key: 'loss', name: 'train', color: 'red' },
  { key: 'val_loss', name: 'validation', color: 'blue', dashed: true },
];

function chart(data: Record<string, number | null>[], percent = false) {
  const { container } = render(
    <MetricChart
      testId="c"
      title="Loss"
      data={data}
      xKey="epoch"
      xLabel="epoch"
      series={series}
      percent={percent}
    />,
  );
  return container;
}

const dots = (container: HTMLElement) =>
  [...container.querySelectorAll<SVGCircleElement>('.recharts-line-dots circle')].map((c) => ({
    cx: Number(c.getAttribute('cx')),
    cy: Number(c.getAttribute('cy')),
    r: Number(c.getAttribute('r')),
    fill: c.getAttribute('fill'),
    dashes: c.getAttribute('stroke-dasharray'),
  }));

/** The plot area: from the y axis line to the right margin, down to the x axis line. */
function plotArea(container: HTMLElement) {
  const attr = (selector: string, name: string) =>
    Number(container.querySelector(`${selector} .recharts-cartesian-axis-line`)?.getAttribute(name));
  return {
    left: attr('.recharts-yAxis', 'x1'),
    right: 320 - 12,
    top: 4,
    bottom: attr('.recharts-xAxis', 'y1'),
  };
}

describe('MetricChart', () => {
  it.each([
    ['loss', false, { epoch: 1, loss: 1.52, val_loss: 0.93 }],
    ['the same loss twice', false, { epoch: 1, loss: 0.3, val_loss: 0.3 }],
    ['accuracy of 100%', true, { epoch: 1, loss: 1, val_loss: 0.98 }],
  ])('one epoch of %s: a whole, solid dot per series inside the plot', (_what, percent, row) => {
    const container = chart([row], percent);
    const found = dots(container);
    const plot = plotArea(container);
    expect(plot.bottom).toBeGreaterThan(100);
    expect(found).toHaveLength(2);
    for (const [i, dot] of found.entries()) {
      expect(dot.r).toBeGreaterThanOrEqual(3);
      expect(dot.fill).toBe(series[i]?.color);
      expect(dot.dashes).toBe('none');
      expect(dot.cx - dot.r).toBeGreaterThan(plot.left);
      expect(dot.cx + dot.r).toBeLessThan(plot.right);
      // 100% sits on the top grid line: its dot reaches into the margin, still whole.
      expect(dot.cy - dot.r).toBeGreaterThanOrEqual(0);
      expect(dot.cy + dot.r).toBeLessThan(plot.bottom);
    }
  });

  it.each([
    [
      [0.93, 1.52],
      [0.871, 1.579],
    ],
    [
      [0.3, 0.3],
      [0.27, 0.33],
    ],
    [
      [0.05, 1.5],
      [0, 1.645],
    ],
    [
      [-2, -1],
      [-2.1, -0.9],
    ],
  ] as const)('pads the value range %j of lone dots to %j, never below 0 for a loss', (range, expected) => {
    const [min, max] = padded([...range]);
    expect(min).toBeCloseTo(expected[0], 9);
    expect(max).toBeCloseTo(expected[1], 9);
  });

  it('draws no dots once a series has two points', () => {
    const container = chart([
      { epoch: 1, loss: 0.4, val_loss: 0.45 },
      { epoch: 2, loss: 0.3, val_loss: 0.38 },
    ]);
    expect(dots(container)).toEqual([]);
    expect(container.querySelectorAll('.recharts-line-curve')).toHaveLength(2);
  });
});
