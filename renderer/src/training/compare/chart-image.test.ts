// @vitest-environment jsdom
// The chart picture's SVG (jsdom has no canvas: the PNG itself is checked in the browser, e2e) and the
// CSV writer's quoting.
import { describe, expect, it } from 'vitest';
import { chartPicture } from './chart-image';
import { fileStem, toCsv } from './csv';

const SVG_NS = 'http://www.w3.org/2000/svg';

function drawnChart(): { figure: HTMLElement; svg: SVGSVGElement } {
  const figure = document.createElement('figure');
  figure.style.setProperty('--chart-1', '#123456');
  figure.style.setProperty('--panel', '#fafafa');
  figure.style.setProperty('--text', '#111111');
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('width', '400');
  svg.setAttribute('height', '200');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', 'M0,0L10,10');
  path.setAttribute('stroke', 'var(--chart-1)');
  path.setAttribute('fill', 'var(--missing, none)');
  svg.append(path);
  figure.append(svg);
  document.body.append(figure);
  return { figure, svg };
}

describe('chartPicture', () => {
  it('frames the chart with its title and legend, every colour resolved', () => {
    const { figure, svg } = drawnChart();
    const legend = [
      { name: 'train Run 2', color: 'var(--chart-1)' },
      { name: 'val. Run 2', color: 'var(--chart-1)', dashed: true },
    ];
    const picture = chartPicture(svg, 'Loss per epoch', legend, figure);
    expect(picture.svg).not.toContain('var(');
    const root = new DOMParser().parseFromString(picture.svg, 'image/svg+xml').documentElement;
    expect(root.namespaceURI).toBe(SVG_NS);
    expect([picture.width, picture.height]).toEqual([8 + 400 + 8, 24 + 200 + 16 + 8]); // margins, title, plot, one legend row
    expect(root.getAttribute('height')).toBe(String(picture.height));
    expect(root.querySelector('rect')?.getAttribute('fill')).toBe('#fafafa');
    expect([...root.querySelectorAll('text')].map((t) => t.textContent)).toEqual([
      'Loss per epoch',
      'train Run 2',
      'val. Run 2',
    ]);
    const plot = root.querySelector('svg') as Element;
    expect([plot.getAttribute('x'), plot.getAttribute('y')]).toEqual(['8', '24']);
    expect(plot.querySelector('path')?.getAttribute('stroke')).toBe('#123456');
    expect(plot.querySelector('path')?.getAttribute('fill')).toBe('none');
    const samples = [...root.querySelectorAll(':scope > line')];
    expect(samples.map((l) => [l.getAttribute('stroke'), l.getAttribute('stroke-dasharray')])).toEqual([
      ['#123456', null],
      ['#123456', '4 3'],
    ]);
    // The page's chart is untouched.
    expect(svg.querySelector('path')?.getAttribute('stroke')).toBe('var(--chart-1)');
  });
});

describe('toCsv', () => {
  it('quotes fields with commas, quotes or line breaks (RFC 4180) and leaves missing values empty', () => {
    expect(
      toCsv(
        ['a', 'b,c'],
        [
          ['say "hi"', 1.5],
          ['two\nlines', null],
          [Number.NaN, 'plain'],
        ],
      ),
    ).toBe('a,"b,c"\r\n"say ""hi""",1.5\r\n"two\nlines",\r\n,plain\r\n');
  });

  it('makes file names of titles', () => {
    expect(fileStem('Loss per epoch: Run 2 vs Run 1')).toBe('Loss_per_epoch_Run_2_vs_Run_1');
    expect(fileStem('每轮损失')).toBe('每轮损失');
    expect(fileStem(' :: ')).toBe('chart');
  });
});
