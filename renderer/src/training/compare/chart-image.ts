// A chart as a picture: the recharts SVG, with the CSS variables it paints with resolved (a lone SVG
// file has no stylesheet), framed with the chart's title above and its legend below (recharts draws the
// legend in HTML, outside the SVG), then drawn on a canvas at twice its size and encoded as PNG.
export interface LegendEntry {
  readonly name: string;
  readonly color: string;
  readonly dashed?: boolean;
}

export interface ChartPicture {
  readonly svg: string;
  readonly width: number;
  readonly height: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';
const TITLE_HEIGHT = 24;
const LEGEND_ROW = 16;
const PAD = 8;
const FONT = 'system-ui, -apple-system, "Segoe UI", sans-serif';
const PAINTED = ['stroke', 'fill', 'stop-color', 'color', 'style'];

/** `var(--x)` and `var(--x, fallback)` replaced by the value the element's styles give --x. */
export function resolveVars(text: string, style: CSSStyleDeclaration): string {
  return text.replace(/var\((--[\w-]+)\s*(?:,\s*([^)]*))?\)/g, (_, name: string, fallback?: string) => {
    const value = style.getPropertyValue(name).trim();
    return value !== '' ? value : (fallback?.trim() ?? 'currentColor');
  });
}

function element(name: string, attributes: Record<string, string | number>): SVGElement {
  const node = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, String(value));
  return node;
}

/** Legend entries laid out left to right, wrapping at `width`: a line sample then the name. */
function legendRows(
  entries: readonly LegendEntry[],
  width: number,
): { entry: LegendEntry; x: number; row: number }[] {
  const placed: { entry: LegendEntry; x: number; row: number }[] = [];
  let x = PAD;
  let row = 0;
  for (const entry of entries) {
    const span = 24 + entry.name.length * 6.2 + 14;
    if (x + span > width - PAD && x > PAD) {
      row++;
      x = PAD;
    }
    placed.push({ entry, x, row });
    x += span;
  }
  return placed;
}

/** The chart's SVG with its title and legend, colours resolved against `styleSource`'s styles. */
export function chartPicture(
  chart: SVGSVGElement,
  title: string,
  legend: readonly LegendEntry[],
  styleSource: Element,
): ChartPicture {
  const style = getComputedStyle(styleSource);
  const plotWidth = Math.round(
    Number(chart.getAttribute('width')) || chart.getBoundingClientRect().width || 320,
  );
  // A margin all round: the axis labels may sit right at the plot's edge, and fonts differ outside the page.
  const width = plotWidth + 2 * PAD;
  const plotHeight = Math.round(
    Number(chart.getAttribute('height')) || chart.getBoundingClientRect().height || 200,
  );
  const placed = legendRows(legend, width);
  const legendHeight =
    placed.length === 0 ? 0 : (Math.max(...placed.map((p) => p.row)) + 1) * LEGEND_ROW + PAD;
  const height = TITLE_HEIGHT + plotHeight + legendHeight;
  const background = resolveVars('var(--panel, #ffffff)', style);
  const ink = resolveVars('var(--text, #1b1f24)', style);

  const root = element('svg', { width, height, viewBox: `0 0 ${width} ${height}` });
  root.setAttribute('font-family', FONT);
  root.append(element('rect', { x: 0, y: 0, width, height, fill: background }));
  const heading = element('text', { x: PAD, y: 17, 'font-size': 13, 'font-weight': 600, fill: ink });
  heading.textContent = title;
  root.append(heading);

  const plot = chart.cloneNode(true) as SVGSVGElement;
  for (const node of [plot, ...plot.querySelectorAll('*')])
    for (const attribute of PAINTED) {
      const value = node.getAttribute(attribute);
      if (value?.includes('var(')) node.setAttribute(attribute, resolveVars(value, style));
    }
  plot.setAttribute('x', String(PAD));
  plot.setAttribute('y', String(TITLE_HEIGHT));
  plot.setAttribute('width', String(plotWidth));
  plot.setAttribute('height', String(plotHeight));
  plot.setAttribute('overflow', 'visible');
  root.append(plot);

  const top = TITLE_HEIGHT + plotHeight + PAD;
  for (const { entry, x, row } of placed) {
    const y = top + row * LEGEND_ROW + 6;
    const color = resolveVars(entry.color, style);
    root.append(
      element('line', {
        x1: x,
        y1: y,
        x2: x + 18,
        y2: y,
        stroke: color,
        'stroke-width': 2,
        ...(entry.dashed ? { 'stroke-dasharray': '4 3' } : {}),
      }),
    );
    const name = element('text', { x: x + 24, y: y + 4, 'font-size': 11, fill: ink });
    name.textContent = entry.name;
    root.append(name);
  }
  return { svg: new XMLSerializer().serializeToString(root), width, height };
}

/** The picture drawn at `scale` times its size and encoded as a PNG. */
export async function pictureToPng(picture: ChartPicture, scale = 2): Promise<Uint8Array> {
  const image = new Image();
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(picture.svg)}`;
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = picture.width * scale;
  canvas.height = picture.height * scale;
  const context = canvas.getContext('2d');
  if (context === null) throw new Error('This browser cannot draw on a canvas.');
  context.scale(scale, scale);
  context.drawImage(image, 0, 0, picture.width, picture.height);
  const blob = await new Promise<Blob | null>((done) => canvas.toBlob(done, 'image/png'));
  if (blob === null) throw new Error('The chart could not be encoded as PNG.');
  return new Uint8Array(await blob.arrayBuffer());
}
